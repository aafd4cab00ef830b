import AcctCore

/// Shares a counter out over the parts of its interval so the parts add up
/// to the whole exactly: the part [a, b) of C over [s, e) is
/// floor(C·(b−s)/(e−s)) − floor(C·(a−s)/(e−s)) for integers (128-bit
/// products, or for a counter beyond Int64 a split that needs no wider
/// ones), which also makes hourly parts summed by day equal the daily
/// part; floats get C·(b−a)/(e−s).
public enum Proration {
    public static func share(_ total: Int64, from a: Int64, to b: Int64, of s: Int64, _ e: Int64) -> Int64 {
        if a <= s && b >= e { return total }
        return cumulative(total, b - s, e - s) - cumulative(total, a - s, e - s)
    }

    public static func share(_ total: Int128, from a: Int64, to b: Int64, of s: Int64, _ e: Int64) -> Int128 {
        if a <= s && b >= e { return total }
        return cumulative(total, b - s, e - s) - cumulative(total, a - s, e - s)
    }

    public static func share(_ total: Double, from a: Int64, to b: Int64, of s: Int64, _ e: Int64) -> Double {
        if a <= s && b >= e { return total }
        return total * Double(b - a) / Double(e - s)
    }

    /// floor(c · x / d) for 0 <= x <= d, d > 0, without overflow.
    static func cumulative(_ c: Int64, _ x: Int64, _ d: Int64) -> Int64 {
        if x == 0 { return 0 }
        if x == d { return c }
        let product = c.multipliedFullWidth(by: x)
        let (quotient, remainder) = d.dividingFullWidth(product)
        // dividingFullWidth truncates toward zero; floor needs one less for
        // a negative product with a remainder.
        return remainder != 0 && c < 0 ? quotient - 1 : quotient
    }

    /// floor(c · x / d) for 0 <= x <= d, d > 0, for a c of up to 128 bits,
    /// whose product with x would need 191: with c = q·d + r (0 <= r < d),
    /// it is q·x + floor(r·x / d), where r·x < d² < 2^126 and q·x lies
    /// between c and 0.
    static func cumulative(_ c: Int128, _ x: Int64, _ d: Int64) -> Int128 {
        if x == 0 { return 0 }
        if x == d { return c }
        let divisor = Int128(d)
        var (q, r) = c.quotientAndRemainder(dividingBy: divisor)
        if r < 0 {
            q -= 1
            r += divisor
        }
        return q * Int128(x) + r * Int128(x) / divisor
    }
}
