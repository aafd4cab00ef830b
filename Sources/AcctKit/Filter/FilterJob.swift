/// acct-filter's job: read each input line by line, write the lines that
/// match byte for byte (or count them), report bad lines and go on.
public final class FilterJob {
    public struct Options {
        public var paths: [String] = []
        public var selection = RecordSelection()
        public var invert = false
        public var countOnly = false
        public var strict = false

        public init() {}
    }

    private let options: Options
    private let sink: ByteSink
    private let diagnostics: Diagnostics
    private let records: RecordReader
    private var matched = 0
    private var badTimes = 0

    public init(options: Options, sink: ByteSink, diagnostics: Diagnostics) {
        self.options = options
        self.sink = sink
        self.diagnostics = diagnostics
        records = RecordReader(diagnostics: diagnostics, strict: options.strict)
    }

    public func run() throws(OutputError) {
        try records.forEachRecord(in: options.paths) { (line, tape) throws(OutputError) in try take(line, tape) }
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
        let keep: Bool
        do {
            keep = try options.selection.matches(tape) != options.invert
        } catch {
            guard case .badTime(let key) = error else { return true }
            badTimes += 1
            if badTimes == 1 {
                return records.reject(line, "'\(key)' is not an RFC 3339 time: the record cannot match -s/-e")
            }
            return !options.strict
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
