import AcctCore

/// acct-filter's job: read each input line by line, write the lines that
/// match byte for byte (or count them), report bad lines and go on.
public final class FilterJob: Job {
    private let options: FilterOptions
    private let sink: ByteSink
    private let diagnostics: Diagnostics
    private let records: RecordReader
    private var matched = 0
    private var badTimes = 0
    /// The keys the expression names, watched for at any depth.
    private let namedKeys = NamedKeys(depth: .anyDepth)

    public init(options: FilterOptions, output: ByteSink, diagnostics: Diagnostics) {
        self.options = options
        self.sink = output
        self.diagnostics = diagnostics
        records = RecordReader(diagnostics: diagnostics)
        // A filter may rightly match nothing: a name that occurs nowhere is
        // a note, not an error.
        for key in options.selection.expression?.keyNames ?? [] {
            namedKeys.add(key.name, flag: "-x", severity: .warning, hint: key.usedAsText ? .textLiteral : .closestKey)
        }
    }

    public func run() throws(OutputError) {
        let finished = try records.forEachRecord(in: options.common.paths) { (line, tape) throws(OutputError) in
            try take(line, tape)
        }
        if finished { namedKeys.report(to: diagnostics) }
        if badTimes > 1 {
            diagnostics.note("\(badTimes) records in all had no usable time for -s/-e and were left out")
        }
        if options.countOnly {
            sink.buffer.append(contentsOf: String(matched))
            sink.buffer.append(UInt8(ascii: "\n"))
            try sink.endRecord()
        }
    }

    /// Tests one record; false when --strict says to stop.
    private func take(_ line: Line, _ tape: JSONTape) throws(OutputError) -> Bool {
        if namedKeys.isWatching { namedKeys.observe(tape) }
        let keep: Bool
        do {
            keep = try options.selection.matches(tape) != options.invert
        } catch {
            guard case .badTime(let key) = error else { return true }
            badTimes += 1
            // Reported once, counted in a note at the end: one cause
            // (times without an offset, say) would flood the terminal.
            guard badTimes == 1 else { return true }
            return records.reject(line, "'\(key)' is not an RFC 3339 time: the record cannot match -s/-e")
        }
        guard keep else { return true }
        matched += 1
        if !options.countOnly {
            sink.buffer.append(line.bytes)
            sink.buffer.append(UInt8(ascii: "\n"))
            try sink.endRecord()
        }
        return true
    }
}
