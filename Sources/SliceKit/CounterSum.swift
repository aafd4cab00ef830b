import AcctCore

/// A counter's total: exact in 128-bit integers while every part is an
/// integer (so UInt64 counters add up without loss), an exact float sum
/// rounded once at the end when a float comes in. Where that cannot be the
/// exact total, `loss` says so, for the roll-up to report.
struct CounterSum {
    /// Why the total is not exact.
    enum Loss {
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
    private(set) var loss: Loss?

    @inline(__always)
    mutating func add(_ value: Int128) {
        let (sum, overflow) = integer.addingReportingOverflow(value)
        if overflow { return addOverflowing(value) }
        integer = sum
        if hasFloat && loss == nil { checkRounding() }
    }

    mutating func add(_ value: Double) {
        hasFloat = true
        float.add(value)
        if loss == nil { checkRounding() }
    }

    /// Moves the integer total into the float sum, which takes `value` too.
    @inline(never)
    private mutating func addOverflowing(_ value: Int128) {
        float.add(exactly: integer)
        float.add(exactly: value)
        integer = 0
        hasFloat = true
        loss = .overflow
    }

    private mutating func checkRounding() {
        if integer.magnitude > 1 << 53 { loss = .rounded }
    }

    /// The total plus `extra` (a float that belongs to the same figure).
    func write(into out: OutputBuffer, plus extra: Double? = nil) {
        if !hasFloat && extra == nil { return out.appendInteger(integer) }
        var sum = float
        sum.add(exactly: integer)
        if let extra { sum.add(extra) }
        out.appendDouble(sum.value)
    }
}
