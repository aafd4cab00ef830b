/// The arithmetic of XPath 1.0 (its section 3.5) on the language's numbers:
/// a double, and the exact integer it is when it is one (JSON integers and
/// literals without a fraction, to 128 bits).
///
/// `+`, `-`, `*` and `mod` of two integers give the exact integer, so a sum
/// of counters beyond 2^53 keeps its last digits; one that leaves the 128-bit
/// range goes on as the double. Everything else is IEEE 754 double
/// arithmetic, as XPath has it: `div` always gives a double (`1 div 0` is
/// Infinity, `0 div 0` NaN), and `mod` is the remainder of a division
/// truncated toward zero, with the sign of the dividend (C's fmod). A zero
/// keeps the sign IEEE gives it, so `1 div (0 * -1)` is -Infinity.
enum ExprArithmetic {
    typealias Number = (Double, exact: Int128?)

    static func apply(_ op: ArithmeticOperator, _ a: Number, _ b: Number) -> Number {
        let x = a.0
        let y = b.0
        switch op {
        case .add:
            return integer(a.exact, b.exact, x + y) { $0.addingReportingOverflow($1) }
        case .subtract:
            return integer(a.exact, b.exact, x - y) { $0.subtractingReportingOverflow($1) }
        case .multiply:
            return integer(a.exact, b.exact, x * y) { $0.multipliedReportingOverflow(by: $1) }
        case .divide:
            return (x / y, nil)
        case .modulo:
            if let p = a.exact, let q = b.exact, q != 0 {
                return integer(p, q, x.truncatingRemainder(dividingBy: y)) { $0.remainderReportingOverflow(dividingBy: $1) }
            }
            return (x.truncatingRemainder(dividingBy: y), nil)
        }
    }

    static func negate(_ a: Number) -> Number {
        integer(0, a.exact, -a.0) { $0.subtractingReportingOverflow($1) }
    }

    /// round(): the closest integer, the one toward positive infinity of
    /// two (`round(-2.5)` is -2); from -0.5 up to zero, negative zero.
    static func round(_ a: Number) -> Number {
        guard a.exact == nil else { return a }
        let x = a.0
        guard x.isFinite, x != 0 else { return a }
        if x < 0 && x >= -0.5 { return (-0.0, nil) }
        // x minus its floor is exact for every double.
        let down = x.rounded(.down)
        return (x - down >= 0.5 ? down + 1 : down, nil)
    }

    static func floor(_ a: Number) -> Number {
        a.exact == nil ? (a.0.rounded(.down), nil) : a
    }

    static func ceiling(_ a: Number) -> Number {
        a.exact == nil ? (a.0.rounded(.up), nil) : a
    }

    static func abs(_ a: Number) -> Number {
        guard let exact = a.exact else { return (Swift.abs(a.0), nil) }
        return exact < 0 ? negate(a) : a
    }

    /// The exact result of two integers when `operation` does not overflow,
    /// with `double` as its double where it is zero (to keep IEEE's sign of
    /// zero); otherwise `double` alone.
    @inline(__always)
    private static func integer(
        _ p: Int128?, _ q: Int128?, _ double: Double, _ operation: (Int128, Int128) -> (partialValue: Int128, overflow: Bool)
    ) -> Number {
        guard let p, let q else { return (double, nil) }
        let (result, overflow) = operation(p, q)
        if overflow { return (double, nil) }
        return (result == 0 ? double : Double(result), result)
    }
}
