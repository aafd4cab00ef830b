import AcctCore

/// acct-fmt's job: read records, choose the columns from the first one,
/// and hand every record's row to the format (`SectionRows`: computed
/// columns, --sort, --limit, --total). With --split the records are held,
/// grouped by the key's value, and each group is written as a section of
/// its own, in order of first appearance. --oneacct hands the whole job to
/// OneAcctReport; --xlsx hands the cells to a workbook, a sheet per value
/// of the split key in natural order (numbers as numbers), written to a
/// temporary file that becomes the named file (or is sent to standard
/// output) only when everything went well.
public final class FormatJob: Job {
    let options: FormatOptions
    let sink: ByteSink
    private let records: RecordReader
    private let diagnostics: Diagnostics
    private let tableSink: TableSink?
    /// The keys of `-o`, `--split` and `--sort`, each of which must occur
    /// in some record.
    private let namedKeys: NamedKeys
    /// The keys the expressions of `-o` read.
    private let expressionKeys: NamedKeys

    public convenience init(options: FormatOptions, output: ByteSink, diagnostics: Diagnostics) throws(OutputError) {
        var workbook: XlsxReport?
        if case .xlsx(let path) = options.style {
            do {
                workbook = try path == WorkbookTarget.standardOutput
                    ? XlsxReport(output: output, decimals: options.precision)
                    : XlsxReport(path: path, decimals: options.precision)
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
        expressionKeys = options.expressionKeys
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
        if tableSink != nil {
            try runWorkbook(paths)
        } else if let split = options.split {
            try runSplit(paths, key: split)
        } else {
            try runStream(paths)
        }
    }

    /// Notes the keys of a record for the names that must occur.
    @inline(__always)
    private func observe(_ tape: JSONTape) {
        if namedKeys.isWatching { namedKeys.observe(tape) }
        if expressionKeys.isWatching { expressionKeys.observe(tape) }
    }

    private func reportUnseenKeys() {
        namedKeys.report(to: diagnostics)
        expressionKeys.report(to: diagnostics)
    }

    /// One output: each row written as its record is read, unless --sort
    /// holds them.
    private func runStream(_ paths: [String]) throws(OutputError) {
        let formatter = makeFormatter()
        if let layout = options.common.parallel, options.rowsStream, let streaming = formatter as? StreamingFormatter {
            return try renderParallel(paths, layout, streaming)
        }
        var rows: SectionRows?
        let finished = try records.forEachRecord(in: paths) { (line, tape) throws(OutputError) in
            observe(tape)
            if rows == nil {
                let columns = ColumnPlan.columns(for: tape, options: options)
                try formatter.begin(columns: columns)
                rows = SectionRows(columns: columns, options: options, hold: false)
            }
            return try rows!.take(line, tape, formatter) { records.reject(line, $0) }
        }
        if let rows {
            try rows.finish(formatter)
        } else {
            guard try beginWithoutRecords(formatter) else { return }
        }
        try formatter.finish()
        if finished { reportUnseenKeys() }
    }

    /// The workbook's columns with `start` and the metric of `--chart`
    /// added when missing, as its charts plot one over the other.
    private func chartColumns(_ columns: [String]) -> [String] {
        guard let chart = options.chart, tableSink != nil else { return columns }
        return columns + ["start", chart.metric].filter { !columns.contains($0) }
    }

    /// No record: formats that are documents still make an empty one; a
    /// table or CSV has nothing to head unless -o named columns. False
    /// when there is nothing to finish.
    private func beginWithoutRecords(_ formatter: RecordFormatter) throws(OutputError) -> Bool {
        switch options.style {
        case .json, .xml, .xlsx: try formatter.begin(columns: options.columns ?? [])
        default:
            guard let given = options.columns else { return false }
            try formatter.begin(columns: given)
        }
        return true
    }

    /// `-j` for CSV, TSV and JSON: chunks are formatted on workers, with
    /// the columns of the input's first record, and written in input order.
    private func renderParallel(_ paths: [String], _ layout: ParallelRecords.Layout, _ formatter: StreamingFormatter) throws(OutputError) {
        options.common.zone.prepareForThreads()
        let work = ParallelFormat(job: self, namedKeys: namedKeys, formatter: formatter, diagnostics: diagnostics)
        let finished = try ParallelRecords.run(layout, paths: paths, diagnostics: diagnostics, output: sink, work: work)
        if let columns = work.columns, work.rows > 0 {
            formatter.resume(columns: columns, afterRows: work.rows)
        } else {
            guard try beginWithoutRecords(formatter) else { return }
        }
        try formatter.finish()
        if finished { namedKeys.report(to: diagnostics) }
    }

    /// A streaming formatter writing into `sink`, for a chunk of `-j`.
    func makeStreamingFormatter(sink: ByteSink) -> StreamingFormatter {
        switch options.style {
        case .tsv: return DelimitedFormatter(sink: sink, options: options, tabs: true)
        case .json: return JSONArrayFormatter(sink: sink, options: options)
        default: return DelimitedFormatter(sink: sink, options: options, tabs: false)
        }
    }

    /// The columns of a record, by `-o` or its own keys.
    func columns(for tape: JSONTape) -> [String] {
        ColumnPlan.columns(for: tape, options: options)
    }

    private func makeFormatter() -> RecordFormatter {
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
            sink.buffer.append(contentsOf: TerminalText.printable(text))
        }
        sink.buffer.append("\n")
    }

    /// The columns of the input's first record, found on the calling
    /// thread before the workers format; each chunk's rows, and at the
    /// first chunk with rows, the header (or the array's opening).
    final class ParallelFormat: ChunkWork {
        private unowned let job: FormatJob
        private let formatter: StreamingFormatter
        private let sink: ByteSink
        /// The named keys as none seen, copied for each chunk.
        private let unseen: NamedKeys
        private let namedKeys: NamedKeys
        /// Reads the first record's keys; what it would report, a worker reports.
        private let scout: RecordReader
        private(set) var columns: [String]?
        private(set) var rows = 0

        init(job: FormatJob, namedKeys: NamedKeys, formatter: StreamingFormatter, diagnostics: Diagnostics) {
            self.job = job
            self.formatter = formatter
            self.sink = job.sink
            self.namedKeys = namedKeys
            unseen = namedKeys.watchingAgain()
            scout = RecordReader(diagnostics: .recording(like: Diagnostics(tool: diagnostics.tool)))
        }

        func prepare(_ chunk: InputChunk) {
            guard columns == nil else { return }
            scout.forEachRecord(in: chunk) { _, tape in
                columns = job.columns(for: tape)
                return false
            }
            _ = scout.diagnostics.takeEvents()
        }

        func process(_ chunk: InputChunk, worker: Int, records: RecordReader, output: ByteSink) throws(OutputError) -> (goOn: Bool, partial: Pass) {
            let pass = Pass(namedKeys: unseen.watchingAgain())
            guard let columns else { return (records.forEachRecord(in: chunk) { _, _ in true }, pass) }
            let rowFormatter = job.makeStreamingFormatter(sink: output)
            // Each row after a first: the JSON array's separator comes first.
            rowFormatter.resume(columns: columns, afterRows: 1)
            let finder = MemberFinder(names: columns)
            let goOn = try records.forEachRecord(in: chunk) { (line, tape) throws(OutputError) in
                if pass.namedKeys.isWatching { pass.namedKeys.observe(tape) }
                try rowFormatter.write(tape, nodes: finder.find(in: tape), line: line.bytes)
                pass.rows += 1
                return true
            }
            return (goOn, pass)
        }

        func merge(_ pass: Pass, output: ByteSink) throws(OutputError) -> Bool {
            namedKeys.merge(pass.namedKeys)
            if rows == 0 && pass.rows > 0, let columns {
                try formatter.begin(columns: columns)
                if job.options.style == .json {
                    // The first row opens the array instead of following a row.
                    output.buffer.removeFirst(2)
                    sink.buffer.append("[\n")
                    try sink.endRecord()
                }
            }
            rows += pass.rows
            return true
        }

        /// What a chunk saw.
        final class Pass {
            let namedKeys: NamedKeys
            var rows = 0
            init(namedKeys: NamedKeys) { self.namedKeys = namedKeys }
        }
    }

    /// The value of the split key in a record, as a section or sheet
    /// shows it (a string's text, any other value's JSON text); nil when the
    /// record lacks the key.
    private static func splitValue(_ tape: JSONTape, key: String) -> String? {
        tape.member(JSONTape.root, named: key).map { node in
            tape.kind(node) == .string ? tape.string(node) : String(decoding: tape.rawBytes(node), as: UTF8.self)
        }
    }

    /// --split: every row is held, grouped by the key's value (records that
    /// lack the key with the empty value), then each group is written as its
    /// own section, headed `# KEY value`, with its own columns.
    private func runSplit(_ paths: [String], key: String) throws(OutputError) {
        var order: [String] = []
        var groups: [String: (rows: SectionRows, formatter: RecordFormatter)] = [:]
        let finished = try records.forEachRecord(in: paths) { (line, tape) throws(OutputError) in
            observe(tape)
            let value = Self.splitValue(tape, key: key) ?? ""
            if groups[value] == nil {
                order.append(value)
                let rows = SectionRows(columns: ColumnPlan.columns(for: tape, options: options), options: options, hold: true)
                groups[value] = (rows, makeFormatter())
            }
            let group = groups[value]!
            return try group.rows.take(line, tape, group.formatter) { records.reject(line, $0) }
        }
        for (index, value) in order.enumerated() {
            if index > 0 { sink.buffer.append("\n") }
            sectionHead("# \(key) \(value)")
            try sink.endRecord()
            let group = groups[value]!
            try group.formatter.begin(columns: group.rows.columns)
            try group.rows.finish(group.formatter)
            try group.formatter.finish()
        }
        if finished { reportUnseenKeys() }
    }

    /// --xlsx: every row is held, grouped by the value of the split key
    /// (`account` unless --split names another), then each group becomes a
    /// sheet, in natural order, the records that lack the key last. Every
    /// sheet has the columns of the input's first record.
    private func runWorkbook(_ paths: [String]) throws(OutputError) {
        let key = options.split ?? TableSinkFormatter.defaultSplitKey
        let formatter = TableSinkFormatter(target: tableSink!, splitKey: key, zone: options.common.zone)
        var columns: [String]?
        var groups: [String: SectionRows] = [:]
        var lacking: SectionRows?
        let finished = try records.forEachRecord(in: paths) { (line, tape) throws(OutputError) in
            observe(tape)
            if columns == nil { columns = chartColumns(ColumnPlan.columns(for: tape, options: options)) }
            let rows: SectionRows
            if let value = Self.splitValue(tape, key: key) {
                if groups[value] == nil { groups[value] = SectionRows(columns: columns!, options: options, hold: true) }
                rows = groups[value]!
            } else {
                if lacking == nil { lacking = SectionRows(columns: columns!, options: options, hold: true) }
                rows = lacking!
            }
            return try rows.take(line, tape, formatter) { records.reject(line, $0) }
        }
        try formatter.begin(columns: columns ?? options.columns ?? [])
        let values = groups.keys.sorted { NumericOrder.compare(Array($0.utf8), Array($1.utf8)) < 0 }
        var sheets: [(String?, SectionRows)] = values.map { ($0, groups[$0]!) }
        if let lacking { sheets.append((nil, lacking)) }
        for (value, rows) in sheets {
            formatter.sheet = value
            try rows.finish(formatter)
        }
        try formatter.finish()
        if finished { reportUnseenKeys() }
    }
}
