/// A counter's total: exact in 128-bit integers while every part is an
/// integer (so UInt64 counters add up without loss), an exact float sum
/// rounded once at the end when a float comes in. Where that cannot be the
/// exact total, `loss` says so, for the roll-up to report: each `add`
/// returns true when it is the one that made the total inexact. acct-slice's
/// roll-ups and acct-fmt's total rows add up with it, so both give the
/// same figure.
public struct CounterSum: Sendable {
    /// Why the total is not exact.
    public enum Loss: Sendable {
        /// Integers beyond 2^53 were added to floats: the total is a
        /// double, the integers' last digits rounded.
        case rounded
        /// The integer total passed the 128-bit range: it goes on as a
        /// double.
        case overflow
    }

    private var integer: Int128 = 0
    private var float = ExactSum()
    private var hasFloat = false
    public private(set) var loss: Loss?

    public init() {}

    @inline(__always) @discardableResult
    public mutating func add(_ value: Int128) -> Bool {
        let (sum, overflow) = integer.addingReportingOverflow(value)
        if overflow || hasFloat { return addSlowly(value) }
        integer = sum
        return false
    }

    @discardableResult
    public mutating func add(_ value: Double) -> Bool {
        hasFloat = true
        float.add(value)
        return checkRounding()
    }

    /// Adds another total of the same counter (a chunk's, with `-j`): the
    /// integer parts add exactly and the float parts stay an exact sum, so
    /// the total rounds once, to the same double as one pass would.
    public mutating func add(_ other: CounterSum) {
        if other.hasFloat {
            hasFloat = true
            float.add(other.float)
        }
        add(other.integer)
        if other.loss == .overflow || loss == nil { loss = other.loss ?? loss }
        _ = checkRounding()
    }

    /// An integer into a total that has floats, or that it overflows.
    @inline(never)
    private mutating func addSlowly(_ value: Int128) -> Bool {
        let (sum, overflow) = integer.addingReportingOverflow(value)
        if overflow {
            // The integer total moves into the float sum, with `value`.
            float.add(exactly: integer)
            float.add(exactly: value)
            integer = 0
            hasFloat = true
            defer { loss = .overflow }
            return loss != .overflow
        }
        integer = sum
        return checkRounding()
    }

    /// Whether the total has just stopped being exact: integers beyond
    /// 2^53 with floats.
    private mutating func checkRounding() -> Bool {
        guard loss == nil, integer.magnitude > 1 << 53 else { return false }
        loss = .rounded
        return true
    }

    /// Whether the total plus `extra` is a finite double (integers always
    /// are: a 128-bit total passes to floats long before the largest one).
    public func isFinite(plus extra: Double? = nil) -> Bool {
        if !hasFloat && extra == nil { return true }
        var sum = float
        sum.add(exactly: integer)
        if let extra { sum.add(extra) }
        return sum.value.isFinite
    }

    /// The total plus `extra` (a float that belongs to the same figure).
    public func write(into out: OutputBuffer, plus extra: Double? = nil) {
        if !hasFloat && extra == nil { return out.appendInteger(integer) }
        var sum = float
        sum.add(exactly: integer)
        if let extra { sum.add(extra) }
        out.appendDouble(sum.value)
    }
}
