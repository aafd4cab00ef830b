import AcctCore

/// acct-slice's job: read records, cut each on the grid (streaming, rows in
/// input then slice order) or fold the pieces into a roll-up written at
/// the end; report bad records and go on.
public final class SliceJob: Job {
    private let options: SliceOptions
    private let out: RecordWriter
    private let diagnostics: Diagnostics
    private let records: RecordReader
    private let kinds: KeyKinds
    private var record = SliceRecord()
    private let rows: RowWriter
    private let rollUp: RollUp?
    private var open = 0
    private var firstOpen = ""
    /// The keys the flags name, each of which must occur in some record.
    private let namedKeys = NamedKeys()

    public init(options: SliceOptions, output: ByteSink, diagnostics: Diagnostics) {
        self.options = options
        self.out = RecordWriter(sink: output)
        self.diagnostics = diagnostics
        records = RecordReader(diagnostics: diagnostics, dropsKeys: true)
        kinds = KeyKinds(vocabulary: options.vocabulary)
        rows = RowWriter(roundUp: options.roundUp)
        rollUp = options.by.isEmpty ? nil : RollUp(by: options.by, roundUp: options.roundUp, window: options.window,
                                                           fill: options.fillSlices, kinds: kinds)
        // A misspelt group key gives rows with null for it, and a misspelt
        // metric leaves the one meant summed by its default kind, or not at all.
        namedKeys.add(options.by, flag: "--by")
        namedKeys.add(options.gauges, flag: "--gauge")
        namedKeys.add(options.counters, flag: "--counter")
    }

    public func run() throws(OutputError) {
        let finished = try records.forEachRecord(in: options.common.paths) { (line, tape) throws(OutputError) in
            try take(line, tape)
        }
        if finished { namedKeys.report(to: diagnostics) }
        if open > 0 {
            _ = diagnostics.problem("\(open) open record\(open == 1 ? "" : "s") skipped (no --until or -e to close them), the first at \(firstOpen)")
        }
        if let rollUp {
            if !rollUp.identityNumbers.isEmpty {
                diagnostics.note("numeric keys that are not metrics were left out of the roll-up: \(rollUp.identityNumbers.joined(separator: ", ")) (name them with --counter or --gauge to add them up)")
            }
            try rollUp.write(to: out, keyed: options.keyed)
        }
    }

    /// Slices one record; false when --strict says to stop.
    private func take(_ line: Line, _ tape: JSONTape) throws(OutputError) -> Bool {
        if namedKeys.isWatching { namedKeys.observe(tape) }
        do {
            try record.read(tape, kinds: kinds, until: options.until)
        } catch {
            if error == .open {
                open += 1
                if open == 1 { firstOpen = "\(line.sourceName):\(line.number)" }
                return true
            }
            return records.reject(line, Self.describe(error))
        }
        var goOn = true
        try options.forEachPiece(of: record.start, record.end) { (piece) throws(OutputError) in
            if let rollUp {
                rollUp.add(record, piece, tape: tape)
                if !rollUp.inexact.isEmpty { goOn = report(rollUp, line) && goOn }
            } else {
                if options.keyed {
                    RollUp.writeSliceKey(piece.sliceStart, into: out.buffer)
                    out.buffer.append("\t")
                }
                try rows.write(record, piece, tape: tape, to: out)
            }
        }
        return goOn
    }

    /// Reports the totals that stopped being exact at `line`: a total
    /// beyond 128 bits as bad input, a rounding floats bring as a note.
    /// False when --strict says to stop.
    @inline(never)
    private func report(_ rollUp: RollUp, _ line: Line) -> Bool {
        var goOn = true
        for inexact in rollUp.inexact {
            if inexact.isError {
                goOn = diagnostics.problem(inexact.message, file: line.sourceName, line: line.number) && goOn
            } else {
                diagnostics.note("\(line.sourceName):\(line.number): \(inexact.message)")
            }
        }
        rollUp.clearInexact()
        return goOn
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
