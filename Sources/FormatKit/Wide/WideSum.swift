import AcctCore

/// The cell of a wide table: the values of the records that fall in it,
/// added up. One value is kept as its JSON text, every digit as it stood;
/// integers add exactly (128 bits, as acct-slice sums them); once a float
/// comes in, the sum is a double.
struct WideSum {
    private var text: [UInt8]
    private var count = 1
    private var exact: Int128?
    private var value: Double

    init(_ tape: JSONTape, _ node: Int) {
        text = Array(tape.rawBytes(node))
        value = tape.double(node)
        exact = tape.kind(node) == .int ? tape.integer(node) : nil
    }

    mutating func add(_ tape: JSONTape, _ node: Int) {
        count += 1
        value += tape.double(node)
        if let sum = exact, tape.kind(node) == .int {
            let (total, overflow) = sum.addingReportingOverflow(tape.integer(node))
            exact = overflow ? nil : total
        } else {
            exact = nil
        }
    }

    /// The sum as JSON number text.
    func write(into out: OutputBuffer) {
        if count == 1 {
            text.withUnsafeBytes { out.append($0) }
        } else if let exact {
            out.appendInteger(exact)
        } else {
            out.appendDouble(value)
        }
    }
}
