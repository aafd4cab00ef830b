/// A short decimal fraction (`51.661835`: at most seven digits on each
/// side of the point, no exponent) packed into one Int64 by the JSON
/// scanner, which has its digits at hand: the digits as one integer, the
/// number of fraction digits and the sign. Never 0 (there is at least one
/// fraction digit), so 0 can stand for "not packed".
///
/// Its value is the digits divided by a power of ten: both are exact
/// doubles (below 2^53, and at most 10^7), so the one division rounds
/// correctly, to the value `NumberText.jsonFloat` gives for the same text
/// (Clinger's fast path).
public enum PackedDecimal {
    @inline(__always)
    static func pack(_ digits: UInt64, fractionDigits: Int, negative: Bool) -> Int64 {
        Int64(bitPattern: digits | UInt64(truncatingIfNeeded: fractionDigits) &<< 56 | (negative ? 1 &<< 63 : 0))
    }

    @inlinable @inline(__always)
    public static func value(_ packed: Int64) -> Double {
        let bits = UInt64(bitPattern: packed)
        let magnitude = Double(bits & 0x00FF_FFFF_FFFF_FFFF) / NumberText.exactPowerOfTen(Int(truncatingIfNeeded: (bits &>> 56) & 0xF))
        return packed < 0 ? -magnitude : magnitude
    }
}
