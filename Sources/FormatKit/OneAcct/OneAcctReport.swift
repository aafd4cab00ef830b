import AcctCore

/// `acct-fmt --oneacct`: OpenNebula oneacct's report from records.
///
/// oneacct groups the history records by owner (`VM/UID`, the record's
/// `user`) in order of first appearance, so every record is held until
/// the input ends; only the formatted cells are kept, not the lines. The
/// `-s`/`-e` window is acct-filter's (oneacct's overlap rule), applied
/// before grouping as oneacct's server applies it.
final class OneAcctReport {
    private let options: OneAcctOptions
    private let zone: Zone
    private let bold: Bool
    /// CSV: an apostrophe before a value of the record's own text that a
    /// spreadsheet would run as a formula (a host name `=cmd|...`); what
    /// the report itself writes (sizes, times, `-`) is oneacct's as is.
    private let neutralize: Bool
    private let sink: ByteSink
    private let records: RecordReader
    private let window: TimeWindow

    /// The records of one owner, in input order.
    private struct Bucket {
        let user: String
        var rows: [(vm: String, cells: [String])] = []
    }

    private var buckets: [Bucket] = []
    private var bucketOfUser: [String: Int] = [:]

    init(options: OneAcctOptions, zone: Zone, bold: Bool, neutralize: Bool, sink: ByteSink, records: RecordReader) {
        self.options = options
        self.zone = zone
        self.bold = bold
        self.neutralize = options.csv && neutralize
        self.sink = sink
        self.records = records
        window = TimeWindow(start: options.start, end: options.end)
    }

    func run(_ paths: [String]) throws(OutputError) {
        records.forEachRecord(in: paths) { line, tape in take(line, tape) }
        if options.csv {
            try writeCSV()
        } else {
            try writeTables()
        }
    }

    /// Keeps one record's cells under its owner; false when --strict stops.
    private func take(_ line: Line, _ tape: JSONTape) -> Bool {
        let cells: [String]
        do {
            guard try window.overlaps(tape) else { return true }
            cells = try OneAcctCells.cells(
                tape, columns: options.columns, csv: options.csv, zone: zone, neutralize: neutralize)
        } catch let error as TimeWindow.Problem {
            guard case .badTime(let key) = error else { return true }
            return records.reject(line, "'\(key)' is not an RFC 3339 time: the record cannot match -s/-e")
        } catch let error as OneAcctCells.BadTime {
            return records.reject(line, "'\(error.key)' is not an RFC 3339 time")
        } catch {
            return true  // the two calls throw nothing else
        }
        let user = OneAcctCells.text(tape, tape.member(JSONTape.root, named: "user"))
        let vm = options.splitByVM ? OneAcctCells.text(tape, tape.member(JSONTape.root, named: "vm")) : ""
        if let index = bucketOfUser[user] {
            buckets[index].rows.append((vm, cells))
        } else {
            bucketOfUser[user] = buckets.count
            buckets.append(Bucket(user: user, rows: [(vm, cells)]))
        }
        return true
    }

    // MARK: - Table

    private func writeTables() throws(OutputError) {
        if options.start != nil || options.end != nil { try banner() }
        let header = OneAcctLayout.header(options.columns)
        for bucket in buckets {
            try userLine(bucket.user)
            if options.splitByVM {
                // One table per VM, VMs in order of first appearance.
                var order: [String] = []
                var rowsOfVM: [String: [[String]]] = [:]
                for row in bucket.rows {
                    if rowsOfVM[row.vm] == nil { order.append(row.vm) }
                    rowsOfVM[row.vm, default: []].append(row.cells)
                }
                for vm in order { try table(header, rowsOfVM[vm]!) }
            } else {
                try table(header, bucket.rows.map(\.cells))
            }
        }
    }

    /// `Showing active history records from S to E` and an empty line;
    /// an unset end of the window is `-`.
    private func banner() throws(OutputError) {
        func time(_ epoch: Int64?) {
            if bold { sink.buffer.append("\u{1B}[1m") }
            sink.buffer.append(contentsOf: epoch.map { OneAcctTime.banner($0, zone: zone) } ?? "-")
            if bold { sink.buffer.append("\u{1B}[0m") }
        }
        sink.buffer.append("Showing active history records from ")
        time(options.start)
        sink.buffer.append(" to ")
        time(options.end)
        sink.buffer.append("\n\n")
        try sink.endRecord()
    }

    /// `# User N` padded to 80 characters, then an empty line; on a
    /// terminal bold and underlined, the reset on the empty line, as
    /// oneacct writes it.
    private func userLine(_ user: String) throws(OutputError) {
        if bold { sink.buffer.append("\u{1B}[1m\u{1B}[4m") }
        var line = "# User " + TerminalText.printable(user)
        let length = line.unicodeScalars.count
        if length < 80 { line += String(repeating: " ", count: 80 - length) }
        sink.buffer.append(contentsOf: line)
        sink.buffer.append("\n")
        if bold { sink.buffer.append("\u{1B}[0m") }
        sink.buffer.append("\n")
        try sink.endRecord()
    }

    /// The header, the rows, and an empty line.
    private func table(_ header: String, _ rows: [[String]]) throws(OutputError) {
        if bold { sink.buffer.append("\u{1B}[1m\u{1B}[4m") }
        sink.buffer.append(contentsOf: header)
        if bold { sink.buffer.append("\u{1B}[0m") }
        sink.buffer.append("\n")
        try sink.endRecord()
        for cells in rows {
            // A control character would break the layout or drive the
            // terminal: shown escaped.
            sink.buffer.append(contentsOf: OneAcctLayout.row(cells.map(TerminalText.printable), options.columns))
            sink.buffer.append("\n")
            try sink.endRecord()
        }
        sink.buffer.append("\n")
        try sink.endRecord()
    }

    // MARK: - CSV

    /// The header of column names, then every row, owner by owner; no
    /// banner, no sections.
    private func writeCSV() throws(OutputError) {
        sink.buffer.append(contentsOf: OneAcctLayout.csvLine(options.columns.map(\.rawValue)))
        sink.buffer.append("\n")
        try sink.endRecord()
        for bucket in buckets {
            for row in bucket.rows {
                sink.buffer.append(contentsOf: OneAcctLayout.csvLine(row.cells))
                sink.buffer.append("\n")
                try sink.endRecord()
            }
        }
    }
}
