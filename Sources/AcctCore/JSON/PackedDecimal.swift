/// The shape of a short decimal fraction (`51.661835`: an optional minus,
/// one to seven integer digits, a point, one to seven fraction digits, no
/// exponent), packed into one Int64 by the JSON scanner, which has checked
/// the text: the number of digits on each side of the point. Never 0, so
/// 0 can stand for "not packed".
///
/// Knowing the shape, `value` reads the digits with no checks. They are at
/// most 14, an integer below 2^53, and the power of ten at most 10^7: both
/// exact doubles, so the one division rounds correctly, to the value
/// `NumberText.jsonFloat` gives for the same text (Clinger's fast path).
public enum PackedDecimal {
    @inline(__always)
    static func pack(integerDigits: Int, fractionDigits: Int) -> Int64 {
        Int64(truncatingIfNeeded: integerDigits | fractionDigits &<< 8 | 1 &<< 16)
    }

    /// The value of the checked text at `text`, of the shape `packed`.
    @inlinable @inline(__always)
    public static func value(_ packed: Int64, text: UnsafePointer<UInt8>) -> Double {
        let integerDigits = Int(truncatingIfNeeded: packed & 0xFF)
        let fractionDigits = Int(truncatingIfNeeded: (packed &>> 8) & 0xFF)
        let negative = text.pointee == UInt8(ascii: "-")
        var p = negative ? text + 1 : text
        var digits: UInt64 = 0
        for _ in 0..<integerDigits {
            digits = digits &* 10 &+ UInt64(p.pointee &- UInt8(ascii: "0"))
            p += 1
        }
        p += 1
        for _ in 0..<fractionDigits {
            digits = digits &* 10 &+ UInt64(p.pointee &- UInt8(ascii: "0"))
            p += 1
        }
        let magnitude = Double(digits) / power(fractionDigits)
        return negative ? -magnitude : magnitude
    }

    /// 10^n for n in 1...7, exact.
    @inlinable @inline(__always)
    static func power(_ n: Int) -> Double {
        switch n {
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        default: return 1e7
        }
    }
}
