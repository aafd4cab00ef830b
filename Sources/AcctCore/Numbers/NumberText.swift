import CNumbers

/// Numbers read from text and written as text, once for every tool: the
/// JSON scanner's floats, the `-x` language's strings compared as numbers,
/// the key flags' values, and the importers' fields all read through here,
/// so one text gives one value everywhere.
public enum NumberText {
    /// What reading a decimal float text gave.
    public enum Parsed: Equatable {
        case value(Double)
        /// Smaller than the smallest Double: a zero of the text's sign.
        case underflow
        /// Beyond Double's range.
        case overflow
        /// Not a number.
        case invalid
    }

    /// Reads decimal float text (JSON's number syntax; also `.5` and `5.`,
    /// as std::from_chars takes them), correctly rounded.
    public static func parseFloat(_ text: UnsafeBufferPointer<UInt8>) -> Parsed {
        if let value = fastFloatValue(text) { return .value(value) }
        guard let base = text.baseAddress, !text.isEmpty else { return .invalid }
        var value = 0.0
        let status = base.withMemoryRebound(to: CChar.self, capacity: text.count) { acct_parse_f64($0, text.count, &value) }
        switch status {
        case 0: return .value(value)
        // from_chars calls an underflow out of range too; it is a zero.
        case 2: return decimalExponent(text) < 0 ? .underflow : .overflow
        default: return .invalid
        }
    }

    /// The value of a float text the JSON scanner accepted (in range): an
    /// underflow is a zero of the text's sign.
    public static func jsonFloat(_ text: UnsafeBufferPointer<UInt8>) -> Double {
        let negative = text.first == UInt8(ascii: "-")
        switch parseFloat(text) {
        case .value(let value): return value
        case .underflow: return negative ? -0.0 : 0.0
        case .overflow: return negative ? -.infinity : .infinity
        case .invalid: return .nan
        }
    }

    /// A decimal integer with an optional sign (`-` or `+`), nothing else;
    /// nil when it is not one or does not fit in 64 bits.
    public static func int64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        integer(bytes, as: Int64.self)
    }

    /// A decimal integer with an optional sign (`-` or `+`), nothing else;
    /// nil when it is not one or does not fit in 128 bits (the record
    /// format's integers: a UInt64 and sums of many fit with room to spare).
    public static func int128(_ bytes: UnsafeRawBufferPointer) -> Int128? {
        integer(bytes, as: Int128.self)
    }

    private static func integer<T: FixedWidthInteger & SignedInteger>(_ bytes: UnsafeRawBufferPointer, as type: T.Type) -> T? {
        var i = 0
        let n = bytes.count
        var negative = false
        if n > 0 && (bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+")) {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < n else { return nil }
        var value: T = 0
        while i < n {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = negative ? times.subtractingReportingOverflow(T(digit)) : times.addingReportingOverflow(T(digit))
            guard !o1 && !o2 else { return nil }
            value = plus
            i += 1
        }
        return value
    }

    /// A decimal number (`12`, `-0.5`, `1e15`, `.5`, `+3`) and, when it is
    /// written as an integer that fits in 128 bits, that integer exactly.
    /// Nil for anything else (`nan`, `inf` and hex included) and for a
    /// value beyond Double's range; a value too small for it is 0.
    public static func decimal(_ bytes: UnsafeRawBufferPointer) -> (value: Double, exact: Int128?)? {
        var text = bytes
        // from_chars takes no `+`: it is dropped first, once.
        if text.first == UInt8(ascii: "+") {
            text = UnsafeRawBufferPointer(rebasing: text.dropFirst())
            if text.first == UInt8(ascii: "-") || text.first == UInt8(ascii: "+") { return nil }
        }
        guard !text.isEmpty else { return nil }
        var plain = true
        var digits = false
        // Only number characters: from_chars alone would take "inf" and "nan".
        for (i, b) in text.enumerated() {
            if isDigit(b) {
                digits = true
            } else if b == UInt8(ascii: "-") && i == 0 {
                continue
            } else if b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
                || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                plain = false
            } else {
                return nil
            }
        }
        guard digits else { return nil }
        // Double(Int128) rounds correctly, as from_chars would.
        if plain, let exact = int128(text) { return (Double(exact), exact) }
        let negative = text.first == UInt8(ascii: "-")
        switch parseFloat(text.assumingMemoryBound(to: UInt8.self)) {
        case .value(let value): return (value, nil)
        case .underflow: return (negative ? -0.0 : 0.0, nil)
        case .overflow, .invalid: return nil
        }
    }

    /// Writes the shortest text that reads back to the same finite `value`
    /// into `out` (32 bytes); returns its length.
    public static func shortest(_ value: Double, into out: UnsafeMutablePointer<UInt8>) -> Int {
        out.withMemoryRebound(to: CChar.self, capacity: 32) { acct_format_f64($0, value) }
    }

    /// Clinger's fast path: a number of at most 19 digits whose digits are
    /// at most 2^53 and whose power of ten is within ±22 is one exact
    /// integer times or divided by one exact power of ten, so a single
    /// correctly rounded operation gives the correctly rounded value. Nil
    /// for any other text.
    @inline(__always)
    static func fastFloatValue(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = text.count
        var i = 0
        let negative = count > 0 && text[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var digits: UInt64 = 0
        var digitCount = 0
        var exponent = 0
        while i < count, isDigit(text[i]) {
            digits = digits &* 10 &+ UInt64(text[i] &- UInt8(ascii: "0"))
            digitCount += 1
            i += 1
        }
        if i < count && text[i] == UInt8(ascii: ".") {
            i += 1
            while i < count, isDigit(text[i]) {
                digits = digits &* 10 &+ UInt64(text[i] &- UInt8(ascii: "0"))
                digitCount += 1
                exponent -= 1
                i += 1
            }
        }
        if i < count && text[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var negativeExponent = false
            if i < count && (text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-")) {
                negativeExponent = text[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            let exponentStart = i
            while i < count, isDigit(text[i]) {
                if e < 100_000 { e = e * 10 + Int(text[i] &- UInt8(ascii: "0")) }
                i += 1
            }
            // Text not yet checked may end at the `e`: not a number.
            if i == exponentStart { return nil }
            exponent += negativeExponent ? -e : e
        }
        guard i == count, digitCount > 0, digitCount <= 19, digits <= UInt64(1) << 53, exponent >= -22, exponent <= 22 else {
            return nil
        }
        var value = Double(digits)
        if exponent < 0 {
            value /= exactPowerOfTen(-exponent)
        } else if exponent > 0 {
            value *= exactPowerOfTen(exponent)
        }
        return negative ? -value : value
    }

    /// 10^n for n in 0...22, every one exact in a Double.
    @usableFromInline @inline(__always)
    static func exactPowerOfTen(_ n: Int) -> Double {
        switch n {
        case 0: return 1e0
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    /// The power of ten of the leading digit of a checked, non-zero number
    /// text: 2 for `123.4`, -3 for `0.00123`, 296 for `1e296`. Saturates,
    /// since only its sign matters to the caller.
    private static func decimalExponent(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        if text[i] == UInt8(ascii: "-") { i += 1 }
        var integerDigits = 0
        var leading: Int?
        while i < text.count, isDigit(text[i]) {
            if leading == nil && text[i] != UInt8(ascii: "0") { leading = integerDigits }
            integerDigits += 1
            i += 1
        }
        var position = leading.map { integerDigits - 1 - $0 }
        if i < text.count && text[i] == UInt8(ascii: ".") {
            i += 1
            var fractionDigits = 0
            while i < text.count, isDigit(text[i]) {
                fractionDigits += 1
                if position == nil && text[i] != UInt8(ascii: "0") { position = -fractionDigits }
                i += 1
            }
        }
        var exponent = 0
        if i < text.count {
            i += 1
            var negative = false
            if i < text.count, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
                negative = text[i] == UInt8(ascii: "-")
                i += 1
            }
            // Only the digits count: the text reached here may be any string
            // compared as a number, not only a number already checked.
            while i < text.count, isDigit(text[i]) {
                exponent = min(exponent * 10 + Int(text[i] &- UInt8(ascii: "0")), 1 << 40)
                i += 1
            }
            if negative { exponent = -exponent }
        }
        return (position ?? 0) + exponent
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool {
        b &- UInt8(ascii: "0") < 10
    }
}
