import AcctCore
import ExprKit

/// The rows of one output, or of one section of `--split` or sheet of the
/// workbook: each record made a row (its computed columns worked out,
/// `RowBuilder`), then written at once, or held (`RowStore`) when it must
/// be sorted or grouped first; `--limit` rows at most, and with `--total`
/// a last row of their figures.
final class SectionRows {
    let columns: [String]
    /// Each row's node per column.
    private let finder: MemberFinder
    private let options: FormatOptions
    private let builder: RowBuilder?
    private let store: RowStore?
    private let totals: TotalRow?
    /// For each sort key, whether it is read from the row (a computed
    /// column) rather than the record.
    private let sortFromRow: [Bool]
    private var written = 0

    /// `hold`: keep every row until `finish` even without `--sort`.
    init(columns: [String], options: FormatOptions, hold: Bool) {
        self.columns = columns
        finder = MemberFinder(names: columns)
        self.options = options
        builder = options.computed.isEmpty ? nil : RowBuilder(columns: columns, computed: options.computed)
        store = hold || !options.sort.isEmpty ? RowStore(keys: options.sort, limit: options.limit) : nil
        totals = options.total ? TotalRow(columns: columns, computed: Set(options.computed.keys)) : nil
        sortFromRow = options.sort.map { options.computed[$0.name] != nil }
    }

    /// Takes one record: writes its row with `formatter`, or holds it.
    /// `reject` reports a bad computed value at the record's line and says
    /// whether to go on. Returns false when --strict says to stop.
    func take(_ line: Line, _ record: JSONTape, _ formatter: RecordFormatter,
              reject: (String) -> Bool) throws(OutputError) -> Bool {
        if store == nil, let limit = options.limit, written >= limit { return true }
        guard let builder else {
            try keep(line.bytes, row: record, record: record, formatter)
            return true
        }
        let goOn = builder.build(record, report: reject)
        var failure: OutputError?
        builder.withBytes { bytes in
            do throws(OutputError) {
                try keep(bytes, row: builder.tape, record: record, formatter)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return goOn
    }

    private func keep(_ bytes: UnsafeRawBufferPointer, row: JSONTape, record: JSONTape,
                      _ formatter: RecordFormatter) throws(OutputError) {
        guard let store else { return try write(row, bytes, formatter) }
        store.add(bytes) { k, give in
            let tape = sortFromRow[k] ? row : record
            Self.sortInput(tape, tape.member(JSONTape.root, named: options.sort[k].name), give)
        }
    }

    /// Writes the rows held, in order, then the total row.
    func finish(_ formatter: RecordFormatter) throws(OutputError) {
        if let store {
            let tape = JSONTape()
            var failure: OutputError?
            store.forEachRow { bytes in
                do throws(OutputError) {
                    try? tape.parse(bytes)  // it parsed when it was taken
                    try write(tape, bytes, formatter)
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
            if let failure { throw failure }
        }
        guard let totals, written > 0 else { return }
        let tape = JSONTape()
        var failure: OutputError?
        totals.withRow(asRecord: formatter.wantsTotalRecord) { bytes in
            do throws(OutputError) {
                try? tape.parse(bytes)  // made by TotalRow
                try formatter.writeTotal(tape, nodes: finder.find(in: tape), line: bytes)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    private func write(_ row: JSONTape, _ bytes: UnsafeRawBufferPointer, _ formatter: RecordFormatter) throws(OutputError) {
        let nodes = finder.find(in: row)
        try formatter.write(row, nodes: nodes, line: bytes)
        totals?.add(row, nodes: nodes)
        written += 1
    }

    /// How a value sorts: numbers as numbers, `start`/`end` as instants,
    /// strings by their text, anything else by its JSON text; null as
    /// missing.
    static func sortInput(_ tape: JSONTape, _ node: Int?, _ give: (RowStore.Input) -> Void) {
        guard let node else { return give(.missing) }
        switch tape.kind(node) {
        case .int: give(.number(tape.double(node), exact: tape.integer(node)))
        case .float: give(.number(tape.double(node), exact: nil))
        case .null: give(.missing)
        case .string:
            if tape.isTimeKey(node), let time = tape.time(node) { return give(.time(time)) }
            tape.withStringBytes(node) { give(.text($0)) }
        case .bool, .object, .array: give(.text(tape.rawBytes(node)))
        }
    }
}
