import AcctCore

/// `--precision N`: a number rounded for display to N decimals, half away
/// from zero, always with N decimals (`3.40`, `0.00`).
///
/// The rounding works on the number's decimal text as the record holds it
/// (for a computed value, the shortest text that reads back as its double),
/// digit by digit, never through a double: `1.005` shows `1.01` at two
/// places, as a reader rounding the figure by hand gets, where the double
/// nearest to 1.005, a little below it, would give `1.00`. A result that
/// is zero has no minus sign.
enum DecimalPlaces {
    /// The text of the JSON number `number` (`-12.345`, `2e3`, `1.5E-7`)
    /// with `places` decimals.
    static func text(_ number: UnsafeRawBufferPointer, places: Int) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(number.count + places + 2)
        var negative = false
        var pointAt: Int?
        var exponent = 0
        var i = 0
        if i < number.count && number[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        while i < number.count {
            let c = number[i]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                digits.append(c &- UInt8(ascii: "0"))
            } else if c == UInt8(ascii: ".") {
                pointAt = digits.count
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                exponent = Self.exponent(UnsafeRawBufferPointer(rebasing: number[(i + 1)...]))
                break
            }
            i += 1
        }
        // The value is digits × 10^scale; scaled by 10^places it is
        // digits × 10^shift.
        let scale = exponent - (digits.count - (pointAt ?? digits.count))
        let shift = scale + places
        var kept: [UInt8]
        var roundUp = false
        if shift >= 0 {
            kept = digits + [UInt8](repeating: 0, count: shift)
        } else {
            let keep = digits.count + shift
            if keep < 0 {
                kept = []
            } else {
                kept = Array(digits[..<keep])
                roundUp = digits[keep] >= 5
            }
        }
        if roundUp {
            var j = kept.count - 1
            while j >= 0 && kept[j] == 9 {
                kept[j] = 0
                j -= 1
            }
            if j >= 0 { kept[j] += 1 } else { kept.insert(1, at: 0) }
        }
        // At least one digit before the point.
        while kept.count > places + 1 && kept.first == 0 { kept.removeFirst() }
        if kept.count < places + 1 { kept.insert(contentsOf: [UInt8](repeating: 0, count: places + 1 - kept.count), at: 0) }
        let isZero = !kept.contains { $0 != 0 }
        var text: [UInt8] = []
        text.reserveCapacity(kept.count + 2)
        if negative && !isZero { text.append(UInt8(ascii: "-")) }
        for (index, digit) in kept.enumerated() {
            if index == kept.count - places { text.append(UInt8(ascii: ".")) }
            text.append(digit &+ UInt8(ascii: "0"))
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The exponent after `e`, held within a range no double's text leaves.
    private static func exponent(_ text: UnsafeRawBufferPointer) -> Int {
        var value = 0
        var negative = false
        for c in text {
            if c == UInt8(ascii: "-") {
                negative = true
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                value = min(value * 10 + Int(c &- UInt8(ascii: "0")), 100_000)
            }
        }
        return negative ? -value : value
    }

    /// The same for a string of number text.
    static func text(_ number: String, places: Int) -> String {
        var number = number
        return number.withUTF8 { text(UnsafeRawBufferPointer($0), places: places) }
    }
}
