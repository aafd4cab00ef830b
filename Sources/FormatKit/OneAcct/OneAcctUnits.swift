import AcctCore

/// OpenNebula's `unit_to_str`, the one unit rule oneacct prints sizes
/// with, kept apart from acct-fmt's own HumanUnits because the two differ
/// on purpose: here a value steps up only when *strictly* above 1024
/// (`1024M`, not `1G`), T is the last unit (`2048T`), and rounding is to
/// one decimal half away from zero on the binary double, as Ruby's
/// `(value * 10).round / 10.0` does.
enum OneAcctUnits {
    /// The unit letters, in order; a value starts at one of them.
    enum Unit: Int {
        case kilo = 0, mega, giga, tera

        var letter: UInt8 { [UInt8(ascii: "K"), UInt8(ascii: "M"), UInt8(ascii: "G"), UInt8(ascii: "T")][rawValue] }
    }

    /// `value` (already in `unit`) as oneacct prints it: `512M`, `1.5G`,
    /// `0.5K`; nil where Ruby would raise (NaN, infinity), for which
    /// oneacct prints `-`.
    static func text(_ value: Double, unit: Unit) -> String? {
        guard value.isFinite else { return nil }
        var value = value
        var index = unit.rawValue
        while value > 1024 && index < Unit.tera.rawValue {
            value /= 1024.0
            index += 1
        }
        // Swift's default rounding is to nearest, ties away from zero: Ruby's.
        let rounded = (value * 10).rounded() / 10.0
        var text: String
        if rounded == rounded.rounded(.towardZero) {
            text = integerDigits(rounded)
        } else {
            // Shortest text that reads back, as Ruby's Float#to_s; a value
            // with a fraction here is below 2^52, so never in exponent form.
            text = rounded.description
        }
        text.unicodeScalars.append(Unicode.Scalar(Unit(rawValue: index)!.letter))
        return text
    }

    /// The decimal digits of an integral double, exactly (Ruby prints
    /// `value.to_i`, a big integer when it must be).
    static func integerDigits(_ value: Double) -> String {
        if abs(value) < 9.0e18 { return String(Int64(value)) }
        // value = significand × 2^shift with a 53-bit significand; the
        // product is built in base 10^9 limbs, least significant first.
        var significand = abs(value).significandBitPattern | (1 << 52)
        var limbs: [UInt64] = []
        while significand > 0 {
            limbs.append(significand % 1_000_000_000)
            significand /= 1_000_000_000
        }
        for _ in 0..<(Int(abs(value).exponent) - 52) {
            var carry: UInt64 = 0
            for i in limbs.indices {
                let doubled = limbs[i] * 2 + carry
                limbs[i] = doubled % 1_000_000_000
                carry = doubled / 1_000_000_000
            }
            if carry > 0 { limbs.append(carry) }
        }
        while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
        var text = value < 0 ? "-" : ""
        text += String(limbs.last!)
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }
}
