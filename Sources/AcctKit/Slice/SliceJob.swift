/// acct-slice's job: read records, cut each on the grid (streaming, rows in
/// input then slice order) or fold the pieces into a roll-up written at
/// the end; report bad records and go on.
public final class SliceJob {
    private let options: SliceOptions
    private let sink: ByteSink
    private let diagnostics: Diagnostics
    private let tape = JSONTape()
    private let kinds: KeyKinds
    private var record = SliceRecord()
    private let rows: RowWriter
    private let rollUp: RollUp?
    private var open = 0
    private var firstOpen = ""
    private let strict: Bool

    public init(options: SliceOptions, strict: Bool = false, sink: ByteSink, diagnostics: Diagnostics) {
        self.options = options
        self.strict = strict
        self.sink = sink
        self.diagnostics = diagnostics
        kinds = KeyKinds(vocabulary: options.vocabulary)
        rows = RowWriter(roundUp: options.roundUp)
        rollUp = options.by.isEmpty ? nil : RollUp(by: options.by, roundUp: options.roundUp, window: options.window)
    }

    public func run(_ paths: [String]) throws(OutputError) {
        for path in paths.isEmpty ? ["-"] : paths {
            guard try slice(path) else { break }
        }
        if open > 0 {
            diagnostics.error("\(open) open record\(open == 1 ? "" : "s") skipped (no --until or -e to close them), the first at \(firstOpen)")
        }
        if let rollUp {
            if !rollUp.identityNumbers.isEmpty {
                diagnostics.note("numeric keys that are not metrics were left out of the roll-up: \(rollUp.identityNumbers.joined(separator: ", ")) (name them with --counter or --gauge to add them up)")
            }
            try rollUp.write(to: sink, keyed: options.keyed)
        }
    }

    /// Slices one input; false when --strict says to stop.
    private func slice(_ path: String) throws(OutputError) -> Bool {
        let source: ByteSource
        do {
            source = try ByteSource(path: path)
        } catch {
            diagnostics.error("\(error)")
            return !strict
        }
        defer { source.close() }
        let reader = LineReader(source: source)
        while true {
            let next: Line?
            do {
                next = try reader.next()
            } catch {
                diagnostics.error("\(error)")
                return !strict
            }
            guard let line = next else { return true }
            if !(try take(line)) { return false }
        }
    }

    private func take(_ line: Line) throws(OutputError) -> Bool {
        var bytes = line.bytes
        if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { return true }
        // KEY<TAB>JSON from --keyed: the key is only for the shuffle.
        if bytes.first != UInt8(ascii: "{"), let tab = bytes.firstIndex(of: 9) {
            bytes = UnsafeRawBufferPointer(rebasing: bytes[(tab + 1)...])
        }
        do {
            try tape.parse(bytes)
        } catch {
            diagnostics.error(error.message, file: line.sourceName, line: line.number, column: error.column)
            return !strict
        }
        guard tape.kind(JSONTape.root) == .object else {
            diagnostics.error("not a JSON object", file: line.sourceName, line: line.number)
            return !strict
        }
        do {
            try record.read(tape, kinds: kinds, until: options.until)
        } catch {
            if error == .open {
                open += 1
                if open == 1 { firstOpen = "\(line.sourceName):\(line.number)" }
                return true
            }
            diagnostics.error(Self.describe(error), file: line.sourceName, line: line.number)
            return !strict
        }
        try options.forEachPiece(of: record.start, record.end) { (piece) throws(OutputError) in
            if let rollUp {
                rollUp.add(record, piece, tape: tape)
            } else {
                if options.keyed {
                    RollUp.writeSliceKey(piece.sliceStart, into: sink.buffer)
                    sink.buffer.append("\t")
                }
                rows.write(record, piece, tape: tape, into: sink.buffer)
                try sink.endRecord()
            }
        }
        return true
    }

    private static func describe(_ problem: SliceRecord.Problem) -> String {
        switch problem {
        case .noStart: return "no 'start' time"
        case .badTime(let key): return "'\(key)' is not an RFC 3339 time with an offset"
        case .endBeforeStart: return "'end' is before 'start'"
        case .notANumber(let key): return "'\(key)' is a metric but not a number"
        case .open: return "open record"
        }
    }
}
