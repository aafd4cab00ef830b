import AcctCore

/// Hands typed cells to a TableSink (the xlsx workbook), to the sheet of
/// the split key's value that `sheet` names (`account` by default, as
/// OpenVCloud's export script has it), the total row in bold.
final class TableSinkFormatter: RecordFormatter {
    static let defaultSplitKey = "account"

    private let target: TableSink
    private let splitKey: String
    private let zone: DisplayZone
    /// The value of the split key whose sheet the rows go to; nil for the
    /// records that lack the key.
    var sheet: String?

    init(target: TableSink, splitKey: String, zone: Zone) {
        self.target = target
        self.splitKey = splitKey
        self.zone = DisplayZone(zone)
    }

    func begin(columns: [String]) throws(OutputError) {
        do {
            try target.begin(columns: columns)
        } catch {
            throw .tableFailed(reason: "\(error)")
        }
    }

    func write(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError) {
        try add(tape, nodes, total: false)
    }

    func writeTotal(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError) {
        try add(tape, nodes, total: true)
    }

    private func add(_ tape: JSONTape, _ nodes: [Int?], total: Bool) throws(OutputError) {
        let cells = nodes.map { node in node.map { cell(tape, $0) } ?? .empty }
        do {
            try target.add(cells, sheet: sheet.map { .value($0) } ?? .lacking(key: splitKey), total: total)
        } catch {
            throw .tableFailed(reason: "\(error)")
        }
    }

    func finish() throws(OutputError) {
        do {
            try target.finish()
        } catch let error as OutputError {
            throw error  // standard output failed (a workbook sent there)
        } catch {
            throw .tableFailed(reason: "\(error)")
        }
    }

    /// A value as a typed cell; a time as the display zone's wall clock.
    func cell(_ tape: JSONTape, _ node: Int) -> Cell {
        switch tape.kind(node) {
        case .null: return .empty
        case .bool: return .bool(tape.bool(node))
        case .int: return .integer(tape.integer(node))
        case .float: return .float(tape.double(node))
        case .string:
            if tape.isTimeKey(node), let time = tape.time(node) { return .time(zone.wallSeconds(time)) }
            return .string(tape.string(node))
        case .object, .array: return .json(String(decoding: tape.rawBytes(node), as: UTF8.self))
        }
    }
}
