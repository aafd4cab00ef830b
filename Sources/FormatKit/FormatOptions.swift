import AcctCore
import ExprKit

/// How acct-fmt renders records.
public struct FormatOptions {
    /// The inputs, and the display zone of times.
    public var common = CommonOptions()
    public enum Style: Equatable {
        /// `xlsx`: the workbook's path, or `-` for standard output.
        case table, csv, tsv, json, xml, xlsx(path: String)
    }

    public var style: Style = .table
    /// `-o a,b,c`; with `append`, added after the default columns (`-o +x`).
    public var columns: [String]?
    public var appendColumns = false
    /// The columns of `-o NAME=EXPR`, by name: computed for each record.
    public var computed: [String: Expression] = [:]
    /// `--sort`: the rows in the order of these keys.
    public var sort: [SortKey] = []
    /// `--limit`: at most this many rows (in each section or sheet).
    public var limit: Int?
    /// `--total`: a last row of totals (in each section or sheet).
    public var total = false
    /// `--precision`: floats shown with this many decimals.
    public var precision: Int?
    /// Whether each record's row is written as it comes, as it is with no
    /// computed column, sort, limit or total: only such rows can be made
    /// on `-j`'s workers chunk by chunk.
    var rowsStream: Bool { computed.isEmpty && sort.isEmpty && limit == nil && !total }
    /// A section (table, CSV, TSV) or worksheet grouping per value of this key.
    public var split: String?
    public var header = true
    /// Read every record first to size the table's columns.
    public var fit = false
    /// Numbers as they stand in the stream: no K/M/G units, no rounding.
    public var rawUnits = false
    public var pretty = false
    /// CSV and TSV (oneacct's CSV too): an apostrophe before text that a
    /// spreadsheet would run as a formula; off for programs that read the
    /// values back (`--no-neutralize`).
    public var neutralize = true
    /// Bold header: only when standard output is a terminal.
    public var bold = false
    /// `--oneacct`: OpenNebula oneacct's table or CSV instead of `style`.
    public var oneacct: OneAcctOptions?
    /// `--chart METRIC`: an SVG picture instead of `style`; with `--xlsx`,
    /// a chart of the metric on each worksheet.
    public var chart: ChartOptions?
    /// `--wide KEY` (CSV, TSV): a row per `start`, a column per value of KEY.
    public var wide: String?

    public init() {}

    /// `-o` as given: a comma list of keys and computed columns
    /// (`NAME=EXPR`, `@FILE`), or `+list` to append to the default columns;
    /// spaces around the names are dropped. An expression is compiled now,
    /// its times read in the zone of `common`: set that first. A bad
    /// expression, a computed column without a name or with the name of
    /// another column, and a column file that cannot be read are usage
    /// errors.
    public mutating func setColumns(_ list: String) throws(UsageError) {
        let list = KeyList.name(list)
        appendColumns = list.hasPrefix("+")
        let parsed = try ColumnList(list.drop(while: { $0 == "+" }), zone: common.zone, now: common.now)
        columns = parsed.entries.map(\.name)
        computed = [:]
        for entry in parsed.entries {
            if let expression = entry.expression { computed[entry.name] = expression }
        }
    }

    /// `--sort` as given (see `SortKey.list`).
    public mutating func setSort(_ list: String?) throws(UsageError) {
        sort = try list.map { (text) throws(UsageError) in try SortKey.list(text) } ?? []
    }

    /// `--split` as given; spaces around the name are dropped.
    public mutating func setSplit(_ key: String?) {
        split = key.map { KeyList.name($0) }
    }

    /// The keys the flags name, each of which must occur in some record:
    /// `-o` (appended or not) and `--split`; none with `--oneacct`, whose
    /// `-o` names oneacct's columns.
    var namedKeys: NamedKeys {
        let keys = NamedKeys()
        guard oneacct == nil else { return keys }
        keys.add((columns ?? []).filter { computed[$0] == nil }, flag: "-o")
        if let split { keys.add(split, flag: "--split") }
        keys.add(sort.map(\.name).filter { computed[$0] == nil }, flag: "--sort")
        if let chart {
            keys.add(chart.metric, flag: "--chart")
            if let series = chart.series { keys.add(series, flag: "--series") }
        }
        if let wide { keys.add(wide, flag: "--wide") }
        return keys
    }

    /// The keys the expressions of `-o` read, which some record must have
    /// at some depth.
    var expressionKeys: NamedKeys {
        let keys = NamedKeys(depth: .anyDepth)
        for name in columns ?? [] {
            for key in computed[name]?.keyNames ?? [] {
                keys.add(key.name, flag: "-o \(name)", severity: .error, hint: key.usedAsText ? .textLiteral : .closestKey)
            }
        }
        return keys
    }

    /// `--xlsx PATH`, or `--xlsx -` for standard output; a target that
    /// `WorkbookTarget` refuses (not `.xlsx`, an input, a terminal) is a
    /// usage error. Call it once `common` holds the inputs.
    public mutating func setWorkbook(_ path: String, standardOutputIsTerminal: Bool) throws(UsageError) {
        try WorkbookTarget.check(path, inputs: common.inputs, standardOutputIsTerminal: standardOutputIsTerminal)
        style = .xlsx(path: path)
    }

    /// `--oneacct` with its flags as given: `-o` names oneacct's columns,
    /// `-s`/`-e` its window in the zone of `common`, `--split vm` a table
    /// per VM. A bad column or time is a usage error.
    public mutating func setOneAcct(csv: Bool, columns: String?, splitByVM: Bool, start: String?, end: String?) throws(UsageError) {
        var report = OneAcctOptions(csv: csv)
        if let columns {
            do {
                report.columns = try OneAcctColumn.parse(columns, defaults: report.columns)
            } catch {
                throw UsageError("-o: \(error)")
            }
        }
        report.splitByVM = splitByVM
        report.start = try common.time(start, flag: "-s")
        report.end = try common.time(end, flag: "-e", endOfDay: true)
        oneacct = report
    }
}

/// Turns each record into output; `columns` are decided from the first record.
/// A format whose rows stand alone once the columns are known (CSV, TSV,
/// the JSON array), so chunks of the input are formatted on workers (`-j`).
protocol StreamingFormatter: RecordFormatter {
    /// Takes up the rows after `rows` written ones, with the header (if
    /// any) already out: a chunk's rows, or the end after every chunk.
    func resume(columns: [String], afterRows rows: Int)
}

protocol RecordFormatter: AnyObject {
    func begin(columns: [String]) throws(OutputError)
    /// `nodes[i]` is the tape node of `columns[i]` in this record, or nil.
    func write(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError)
    /// The row of `--total`, made by `TotalRow` in the form that
    /// `wantsTotalRecord` asks for.
    func writeTotal(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError)
    /// Whether the total row is a record of its own, with `"total": true`
    /// (JSON, XML), rather than a row with `total` in its first text column.
    var wantsTotalRecord: Bool { get }
    func finish() throws(OutputError)
}

extension RecordFormatter {
    func writeTotal(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError) {
        try write(tape, nodes: nodes, line: line)
    }

    var wantsTotalRecord: Bool { false }
}
