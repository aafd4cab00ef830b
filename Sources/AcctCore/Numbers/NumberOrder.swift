/// The order of numbers by their values, exactly: an integer of the record
/// format (up to 128 bits) against a double is compared without turning
/// the integer into a double, which would round it above 2^53 and make
/// 18446744073709551615 equal 18446744073709551616.0.
public enum NumberOrder {
    /// -1, 0 or 1 as `integer` is less than, equal to or greater than
    /// `double`; nil when `double` is NaN (unordered).
    public static func compare(_ integer: Int128, _ double: Double) -> Int? {
        if double.isNaN { return nil }
        // 2^127 is the first double beyond every Int128, -2^127 the last
        // double every Int128 is at or above.
        if double >= 0x1p127 { return -1 }
        if double < -0x1p127 { return 1 }
        // Whole doubles in that range convert exactly; the fraction left
        // over decides a tie.
        let floor = double.rounded(.down)
        let whole = Int128(floor)
        if integer < whole { return -1 }
        if integer > whole { return 1 }
        return double > floor ? -1 : 0
    }

    /// The order of two numbers each given as its double and, for an
    /// integer, its exact value; nil when either is NaN.
    public static func compare(_ a: (value: Double, exact: Int128?), _ b: (value: Double, exact: Int128?)) -> Int? {
        switch (a.exact, b.exact) {
        case let (x?, y?): return x < y ? -1 : (x == y ? 0 : 1)
        case let (x?, nil): return compare(x, b.value)
        case let (nil, y?): return compare(y, a.value).map { -$0 }
        case (nil, nil):
            if a.value.isNaN || b.value.isNaN { return nil }
            return a.value < b.value ? -1 : (a.value == b.value ? 0 : 1)
        }
    }
}
