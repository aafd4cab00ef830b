import AcctCore

/// `--total`: one last row of the figures of the rows written. Metrics of
/// acct-records(5) (`records`, `seconds`, `vcpus_hours`, counters and
/// gauges) and computed columns are summed, as acct-slice rolls them up:
/// integers exactly, floats without rounding error until the end; names
/// that end in `_max` keep their maximum. Identity keys, such as `account`
/// or `vm`, are never summed, numbers or not: the first of the other
/// columns says `total`, and the rest stay empty.
final class TotalRow {
    private enum Role: Equatable { case sum, max, label, blank }

    /// The key of the flag that marks the row in JSON and XML.
    static let key = "total"

    private let columns: [String]
    private var roles: [Role]
    private var sums: [CounterSum]
    private var maxima: [(Double, exact: Int128?)?]
    /// Whether a column had a number to sum.
    private var counted: [Bool]
    private let buffer = OutputBuffer()

    /// `computed`: the names of the columns that `-o` computes.
    init(columns: [String], computed: Set<String>) {
        self.columns = columns
        let vocabulary = Vocabulary()
        roles = columns.map { name in
            let kind = computed.contains(name) ? (name.hasSuffix("_max") ? .max : .counter) : vocabulary.kind(of: name)
            switch kind {
            case .max?: return .max
            case .gauge?, .counter?: return .sum
            case nil: return .blank
            }
        }
        if let first = roles.firstIndex(of: .blank) { roles[first] = .label }
        sums = Array(repeating: CounterSum(), count: columns.count)
        maxima = Array(repeating: nil, count: columns.count)
        counted = Array(repeating: false, count: columns.count)
    }

    /// Adds a row written: `nodes[i]` is its value of `columns[i]`.
    func add(_ tape: JSONTape, nodes: [Int?]) {
        for (i, node) in nodes.enumerated() {
            guard let node, roles[i] == .sum || roles[i] == .max else { continue }
            let number: (Double, exact: Int128?)
            switch tape.kind(node) {
            case .int: number = (tape.double(node), tape.integer(node))
            case .float: number = (tape.double(node), nil)
            default: continue
            }
            if roles[i] == .sum {
                if let exact = number.exact { sums[i].add(exact) } else { sums[i].add(number.0) }
            } else if let best = maxima[i] {
                if (NumberOrder.compare((number.0, number.exact), (best.0, best.exact)) ?? 0) > 0 { maxima[i] = number }
            } else {
                maxima[i] = number
            }
            counted[i] = true
        }
    }

    /// Calls `body` with the row as a record: for the table, CSV, TSV and
    /// the workbook (`asRecord` false) the figures under their keys and
    /// `"total"` in the first column that is not summed; for JSON and XML
    /// the figures and `"total": true` (a column named `total` gives way to
    /// the flag). A column without a single number stays empty.
    func withRow<R>(asRecord: Bool, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        buffer.removeAll()
        buffer.append(UInt8(ascii: "{"))
        var first = true
        for (i, name) in columns.enumerated() {
            if asRecord && name == Self.key { continue }
            switch roles[i] {
            case .label where !asRecord:
                buffer.appendJSONKey(name, first: &first)
                buffer.appendJSONString(Self.key)
            case .sum where counted[i]:
                buffer.appendJSONKey(name, first: &first)
                sums[i].write(into: buffer)
            case .max where counted[i]:
                buffer.appendJSONKey(name, first: &first)
                let (value, exact) = maxima[i]!
                if let exact { buffer.appendInteger(exact) } else { buffer.appendDouble(value) }
            default:
                continue
            }
        }
        if asRecord {
            buffer.appendJSONKey(Self.key, first: &first)
            buffer.append("true")
        }
        buffer.append(UInt8(ascii: "}"))
        return try buffer.withUnsafeBytes(body)
    }
}
