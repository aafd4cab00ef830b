import AcctCore

/// acct-fmt `--csv --wide KEY` (or `--tsv`): one row per `start` and one
/// column per value of KEY for each metric, headed `METRIC:VALUE`, the
/// shape that dygraph, gnuplot and spreadsheets plot as it is. Records
/// that share a `start` and a value of KEY (rows of other groups, such as
/// cloudspaces of an account) are added up; a cell no record falls in is
/// empty.
///
/// The metrics are the keys of `-o` (less `start` and KEY), else the
/// numeric keys of the first record that acct-records(5) names metrics
/// (followed by those of `-o +keys`).
/// The table needs every record before its header: it holds one sum per
/// cell, not the records. Each row is handed to the CSV or TSV writer as a
/// record of its own, so times and numbers are written as in any CSV.
final class WideTable {
    private let key: String
    private let options: FormatOptions
    private let formatter: RecordFormatter
    private let records: RecordReader
    private let diagnostics: Diagnostics
    private let namedKeys: NamedKeys

    private var metrics: [String]?
    private var valueIndex: [[UInt8]: Int] = [:]
    private var values: [[UInt8]] = []
    private var cells: [Int64: [Int: WideSum]] = [:]
    private var scratch: [UInt8] = []

    init(key: String, options: FormatOptions, formatter: RecordFormatter, records: RecordReader, diagnostics: Diagnostics, namedKeys: NamedKeys) {
        self.key = key
        self.options = options
        self.formatter = formatter
        self.records = records
        self.diagnostics = diagnostics
        self.namedKeys = namedKeys
    }

    func run(_ paths: [String]) throws(OutputError) {
        var withoutStart = RecordsWithoutStart()
        let finished = records.forEachRecord(in: paths) { line, tape in
            if namedKeys.isWatching { namedKeys.observe(tape) }
            let metrics = self.metrics ?? chooseMetrics(tape)
            guard let startNode = tape.member(JSONTape.root, named: "start"), let start = tape.time(startNode) else {
                withoutStart.add(line)
                return true
            }
            let group = groupIndex(tape)
            for (m, metric) in metrics.enumerated() {
                guard let node = tape.member(JSONTape.root, named: metric) else { continue }
                switch tape.kind(node) {
                case .int, .float: break
                case .null: continue
                default:
                    guard records.reject(line, "'\(metric)' is not a number") else { return false }
                    continue
                }
                let cell = m * Self.groupLimit + group
                if cells[start]?[cell] == nil {
                    cells[start, default: [:]][cell] = WideSum(tape, node)
                } else {
                    cells[start]![cell]!.add(tape, node)
                }
            }
            return true
        }
        withoutStart.report(to: diagnostics, leftOutOf: "table")
        try write()
        if finished { namedKeys.report(to: diagnostics) }
    }

    /// Cells are numbered metric × groupLimit + group.
    private static let groupLimit = 1 << 32

    private func chooseMetrics(_ tape: JSONTape) -> [String] {
        var chosen: [String] = []
        if let given = options.columns, !options.appendColumns {
            chosen = given
        } else {
            var node = JSONTape.root + 1
            let vocabulary = Vocabulary()
            while node < tape.end(JSONTape.root) {
                if let name = tape.key(node), CellText.isNumeric(tape.kind(node)), vocabulary.kind(of: name) != nil {
                    chosen.append(name)
                }
                node = tape.end(node)
            }
            // `-o +keys`: the defaults, then these.
            chosen += options.columns ?? []
        }
        var seen: Set<String> = []
        chosen = chosen.filter { $0 != "start" && $0 != key && seen.insert($0).inserted }
        metrics = chosen
        return chosen
    }

    /// The column group of the record's KEY: its text, or for a record
    /// without one, `(no KEY)`.
    private func groupIndex(_ tape: JSONTape) -> Int {
        scratch.removeAll(keepingCapacity: true)
        if let node = tape.member(JSONTape.root, named: key), tape.kind(node) != .null {
            if tape.kind(node) == .string {
                tape.withStringBytes(node) { scratch.append(contentsOf: $0) }
            } else {
                scratch.append(contentsOf: tape.rawBytes(node))
            }
        } else {
            scratch.append(contentsOf: "(no \(key))".utf8)
        }
        if let index = valueIndex[scratch] { return index }
        valueIndex[scratch] = values.count
        values.append(scratch)
        return values.count - 1
    }

    /// The values of KEY in column order: numbers by value, before text in
    /// byte order.
    private func orderedGroups() -> [Int] {
        let numbers = values.map { value in value.withUnsafeBytes { NumberText.decimal($0) } }
        return values.indices.sorted { a, b in
            switch (numbers[a], numbers[b]) {
            case let (x?, y?):
                if let order = NumberOrder.compare(x, y), order != 0 { return order < 0 }
                return values[a].lexicographicallyPrecedes(values[b])
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return values[a].lexicographicallyPrecedes(values[b])
            }
        }
    }

    private func write() throws(OutputError) {
        let metrics = self.metrics ?? options.columns?.filter { $0 != "start" && $0 != key } ?? []
        let groups = orderedGroups()
        var header = ["start"]
        var order: [Int] = []
        for (m, metric) in metrics.enumerated() {
            for group in groups {
                header.append(metric + ":" + String(decoding: values[group], as: UTF8.self))
                order.append(m * Self.groupLimit + group)
            }
        }
        try formatter.begin(columns: header)
        let row = OutputBuffer()
        let tape = JSONTape()
        for start in cells.keys.sorted() {
            let sums = cells[start]!
            row.removeAll()
            row.append("{\"start\":")
            row.appendJSONString(RFC3339.string(start))
            for (i, cell) in order.enumerated() {
                row.append(",\"c")
                row.appendInt(Int64(i))
                row.append("\":")
                if let sum = sums[cell] { sum.write(into: row) } else { row.append("null") }
            }
            row.append("}")
            var failure: OutputError?
            row.withUnsafeBytes { bytes in
                do {
                    try tape.parse(bytes)
                    var nodes: [Int?] = []
                    nodes.reserveCapacity(header.count)
                    var node = JSONTape.root + 1
                    while node < tape.end(JSONTape.root) {
                        nodes.append(node)
                        node = tape.end(node)
                    }
                    try formatter.write(tape, nodes: nodes, line: bytes)
                } catch let error as OutputError {
                    failure = error
                } catch {
                    failure = .tableFailed(reason: "\(error)")
                }
            }
            if let failure { throw failure }
        }
        try formatter.finish()
    }
}
