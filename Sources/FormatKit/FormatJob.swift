import AcctCore

/// acct-fmt's job: read records, choose the columns from the first one,
/// and hand every record to the format; with --split, hold the records and
/// write a section per value of the key, in order of first appearance.
/// --oneacct hands the whole job to OneAcctReport; --xlsx hands the cells
/// to a workbook, written to a temporary file that becomes the named file
/// (or is sent to standard output) only when everything went well.
public final class FormatJob: Job {
    private let options: FormatOptions
    private let sink: ByteSink
    private let records: RecordReader
    private let diagnostics: Diagnostics
    private let tableSink: TableSink?
    /// The keys of `-o` and `--split`, each of which must occur in some record.
    private let namedKeys: NamedKeys

    public convenience init(options: FormatOptions, output: ByteSink, diagnostics: Diagnostics) throws(OutputError) {
        var workbook: XlsxReport?
        if case .xlsx(let path) = options.style {
            do {
                workbook = try path == WorkbookTarget.standardOutput ? XlsxReport(output: output) : XlsxReport(path: path)
                workbook?.chart = options.chart
            } catch {
                throw .tableFailed(reason: "\(error)")
            }
        }
        self.init(options: options, output: output, diagnostics: diagnostics, tableSink: workbook)
    }

    /// A job that hands the cells to `tableSink` (a workbook, or a test's).
    init(options: FormatOptions, output: ByteSink, diagnostics: Diagnostics, tableSink: TableSink?) {
        self.options = options
        self.sink = output
        self.tableSink = tableSink
        self.diagnostics = diagnostics
        records = RecordReader(diagnostics: diagnostics)
        namedKeys = options.namedKeys
    }

    public func run() throws(OutputError) {
        do {
            try render(options.common.paths)
        } catch {
            (tableSink as? XlsxReport)?.abandon()
            throw error
        }
    }

    private func render(_ paths: [String]) throws(OutputError) {
        if let oneacct = options.oneacct {
            try OneAcctReport(options: oneacct, zone: options.common.zone, bold: options.bold, neutralize: options.neutralize,
                              sink: sink, records: records).run(paths)
            return
        }
        if let chart = options.chart, tableSink == nil {
            try ChartReport(options: chart, zone: options.common.zone, sink: sink, records: records, diagnostics: diagnostics,
                            namedKeys: namedKeys).run(paths)
            return
        }
        if let wide = options.wide {
            try WideTable(key: wide, options: options, formatter: makeFormatter(), records: records, diagnostics: diagnostics,
                          namedKeys: namedKeys).run(paths)
            return
        }
        if let split = options.split, tableSink == nil {
            try runSplit(paths, key: split)
            return
        }
        let formatter = makeFormatter()
        var columns: [String]?
        let finished = try records.forEachRecord(in: paths) { (line, tape) throws(OutputError) in
            if namedKeys.isWatching { namedKeys.observe(tape) }
            if columns == nil {
                columns = chartColumns(ColumnPlan.columns(for: tape, options: options))
                try formatter.begin(columns: columns!)
            }
            try formatter.write(tape, nodes: Self.nodes(tape, columns!), line: line.bytes)
            return true
        }
        if columns == nil {
            // No record: formats that are documents still make an empty one;
            // a table or CSV has nothing to head unless -o named columns.
            switch options.style {
            case .json, .xml, .xlsx: try formatter.begin(columns: options.columns ?? [])
            default:
                guard let given = options.columns else { return }
                try formatter.begin(columns: given)
            }
        }
        try formatter.finish()
        if finished { namedKeys.report(to: diagnostics) }
    }

    /// The workbook's columns with `start` and the metric of `--chart`
    /// added when missing, as its charts plot one over the other.
    private func chartColumns(_ columns: [String]) -> [String] {
        guard let chart = options.chart, tableSink != nil else { return columns }
        return columns + ["start", chart.metric].filter { !columns.contains($0) }
    }

    private func makeFormatter() -> RecordFormatter {
        if let tableSink { return TableSinkFormatter(target: tableSink, splitKey: options.split ?? "account", zone: options.common.zone) }
        switch options.style {
        case .table: return TableFormatter(sink: sink, options: options)
        case .csv: return DelimitedFormatter(sink: sink, options: options, tabs: false)
        case .tsv: return DelimitedFormatter(sink: sink, options: options, tabs: true)
        case .json: return JSONArrayFormatter(sink: sink, options: options)
        case .xml: return XMLFormatter(sink: sink, options: options)
        case .xlsx: return TableFormatter(sink: sink, options: options)
        }
    }

    /// `# KEY value` as the format writes text: escaped for a terminal in
    /// the table, one quoted or escaped field in CSV and TSV (so a comma
    /// in the value cannot start a cell of its own).
    private func sectionHead(_ text: String) {
        switch options.style {
        case .csv, .tsv:
            var text = text
            text.withUTF8 { DelimitedFormatter.field(UnsafeRawBufferPointer($0), tabs: options.style == .tsv, into: sink.buffer) }
        default:
            sink.buffer.append(contentsOf: DisplayWidth.printable(text))
        }
        sink.buffer.append("\n")
    }

    static func nodes(_ tape: JSONTape, _ columns: [String]) -> [Int?] {
        columns.map { tape.member(JSONTape.root, named: $0) }
    }

    /// --split: every line is kept (grouped by the key's value), then each
    /// group is written as its own section, headed `# KEY value`.
    private func runSplit(_ paths: [String], key: String) throws(OutputError) {
        var order: [String] = []
        var groups: [String: [[UInt8]]] = [:]
        let finished = records.forEachRecord(in: paths) { line, tape in
            if namedKeys.isWatching { namedKeys.observe(tape) }
            let value = tape.member(JSONTape.root, named: key).map { node in
                tape.kind(node) == .string ? tape.string(node) : String(decoding: tape.rawBytes(node), as: UTF8.self)
            } ?? ""
            if groups[value] == nil { order.append(value) }
            groups[value, default: []].append(Array(line.bytes))
            return true
        }
        let tape = JSONTape()
        for (index, value) in order.enumerated() {
            if index > 0 { sink.buffer.append("\n") }
            sectionHead("# \(key) \(value)")
            try sink.endRecord()
            let formatter = makeFormatter()
            var columns: [String]?
            for line in groups[value]! {
                var failure: OutputError?
                line.withUnsafeBytes { bytes in
                    do {
                        try? tape.parse(bytes)  // it parsed on the way in
                        if columns == nil {
                            columns = ColumnPlan.columns(for: tape, options: options)
                            try formatter.begin(columns: columns!)
                        }
                        try formatter.write(tape, nodes: Self.nodes(tape, columns!), line: bytes)
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
        if finished { namedKeys.report(to: diagnostics) }
    }
}
