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
    private let tape = JSONTape()
    private var matched = 0
    private var badTimes = 0

    public init(options: Options, sink: ByteSink, diagnostics: Diagnostics) {
        self.options = options
        self.sink = sink
        self.diagnostics = diagnostics
    }

    public func run() throws(OutputError) {
        let paths = options.paths.isEmpty ? ["-"] : options.paths
        for path in paths {
            guard try filter(path) else { break }
        }
        if badTimes > 1 {
            diagnostics.note("\(badTimes) records in all had no usable time for -s/-e and were left out")
        }
        if options.countOnly {
            sink.buffer.append(contentsOf: String(matched))
            sink.buffer.append(UInt8(ascii: "\n"))
            try sink.endRecord()
        }
    }

    /// Filters one input; false when --strict says to stop.
    private func filter(_ path: String) throws(OutputError) -> Bool {
        let source: ByteSource
        do {
            source = try ByteSource(path: path)
        } catch {
            diagnostics.error("\(error)")
            return !options.strict
        }
        defer { source.close() }
        let reader = LineReader(source: source)
        while true {
            let next: Line?
            do {
                next = try reader.next()
            } catch {
                diagnostics.error("\(error)")
                return !options.strict
            }
            guard let line = next else { return true }
            if !(try take(line)) { return false }
        }
    }

    /// Tests one line; false when --strict says to stop.
    private func take(_ line: Line) throws(OutputError) -> Bool {
        if line.bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { return true }
        do {
            try tape.parse(line.bytes)
        } catch {
            diagnostics.error(error.message, file: line.sourceName, line: line.number, column: error.column)
            return !options.strict
        }
        guard tape.kind(JSONTape.root) == .object else {
            diagnostics.error("not a JSON object", file: line.sourceName, line: line.number)
            return !options.strict
        }
        let keep: Bool
        do {
            keep = try options.selection.matches(tape) != options.invert
        } catch {
            guard case .badTime(let key) = error else { return true }
            badTimes += 1
            if badTimes == 1 {
                diagnostics.error("'\(key)' is not an RFC 3339 time: the record cannot match -s/-e", file: line.sourceName, line: line.number)
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
