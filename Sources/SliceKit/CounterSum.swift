import AcctCore

/// A counter's total: exact in 64-bit integers while every part is an
/// integer, an exact float sum once a float (or an overflow) comes in.
struct CounterSum {
    private var integer: Int64 = 0
    private var float = ExactSum()
    private var isFloat = false

    mutating func add(_ value: Int64) {
        if isFloat { return float.add(Double(value)) }
        let (sum, overflow) = integer.addingReportingOverflow(value)
        if overflow {
            isFloat = true
            float.add(Double(integer))
            float.add(Double(value))
        } else {
            integer = sum
        }
    }

    mutating func add(_ value: Double) {
        if !isFloat {
            isFloat = true
            float.add(Double(integer))
        }
        float.add(value)
    }

    /// The total plus `extra` (a float that belongs to the same figure).
    func write(into out: OutputBuffer, plus extra: Double? = nil) {
        if let extra {
            var sum = float
            if !isFloat { sum.add(Double(integer)) }
            sum.add(extra)
            out.appendDouble(sum.value)
        } else if isFloat {
            out.appendDouble(float.value)
        } else {
            out.appendInt(integer)
        }
    }
}
