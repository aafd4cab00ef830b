import AcctCore

/// acct-slice's job: read records, cut each on the grid (streaming, rows in
/// input then slice order) or fold the pieces into a roll-up written at
/// the end; report bad records and go on. With `-j`, chunks of the input
/// are sliced on workers: their rows are written in input order, their
/// roll-ups merged exactly, in input order, before the rows are written.
public final class SliceJob: Job {
    private let options: SliceOptions
    private let out: RecordWriter
    private let diagnostics: Diagnostics
    private let kinds: KeyKinds
    private let rollUp: RollUp?
    /// The keys the flags name, each of which must occur in some record.
    private let namedKeys = NamedKeys()

    public init(options: SliceOptions, output: ByteSink, diagnostics: Diagnostics) {
        self.options = options
        self.out = RecordWriter(sink: output)
        self.diagnostics = diagnostics
        kinds = KeyKinds(vocabulary: options.vocabulary)
        rollUp = options.by.isEmpty ? nil : RollUp(by: options.by, roundUp: options.roundUp, window: options.window,
                                                   fill: options.fillSlices, kinds: kinds, maxRows: options.maxGroups)
        // A misspelt group key gives rows with null for it, and a misspelt
        // metric leaves the one meant summed by its default kind, or not at all.
        namedKeys.add(options.by, flag: "--by")
        namedKeys.add(options.gauges, flag: "--gauge")
        namedKeys.add(options.counters, flag: "--counter")
    }

    public func run() throws(OutputError) {
        let total = SlicePass(options: options, kinds: kinds, rollUp: rollUp, namedKeys: namedKeys,
                              diagnostics: diagnostics, out: out)
        let finished: Bool
        if let layout = options.common.parallel {
            options.common.zone.prepareForThreads()
            let work = ParallelSlice(options: options, namedKeys: namedKeys, jobs: layout.jobs, total: total)
            finished = try ParallelRecords.run(layout, paths: options.common.paths, diagnostics: diagnostics,
                                               output: out.sink, dropsKeys: true, work: work)
        } else {
            let records = RecordReader(diagnostics: diagnostics, dropsKeys: true)
            records.packsDecimals = true
            finished = try records.forEachRecord(in: options.common.paths) { (line, tape) throws(OutputError) in
                try total.take(line, tape, records)
            }
        }
        if finished { namedKeys.report(to: diagnostics) }
        if total.open > 0 {
            _ = diagnostics.problem("\(total.open) open record\(total.open == 1 ? "" : "s") skipped (no --until or -e to close them), the first at \(total.firstOpen)")
        }
        if let rollUp {
            if rollUp.isFull || rollUp.fillPassesLimit {
                // A roll-up missing groups would be a wrong total with
                // nothing to tell which; none is written.
                _ = diagnostics.problem("the roll-up passes \(options.maxGroups) rows (slices times groups, --max-groups); no row written")
                return
            }
            if !rollUp.identityNumbers.isEmpty {
                diagnostics.note("numeric keys that are not metrics were left out of the roll-up: \(rollUp.identityNumbers.joined(separator: ", ")) (name them with --counter or --gauge to add them up)")
            }
            try rollUp.write(to: out, keyed: options.keyed)
            for name in rollUp.overflowed {
                _ = diagnostics.problem("'\(name)': a total passes the largest double (1.8e308); it is left out of its row")
            }
        }
    }

    static func describe(_ problem: SliceRecord.Problem) -> String {
        switch problem {
        case .noStart: return "no 'start' time"
        case .badTime(let key): return "'\(key)' is not an RFC 3339 time with an offset"
        case .endBeforeStart: return "'end' is before 'start'"
        case .notANumber(let key): return "'\(key)' is a metric but not a number"
        case .open: return "open record"
        }
    }
}

/// `-j`: a pass per chunk, on a worker's own grid and key table; the
/// chunks' roll-ups merge into the run's, in input order.
final class ParallelSlice: ChunkWork {
    /// What a worker keeps from chunk to chunk.
    private struct Worker {
        var options: SliceOptions
        let kinds: KeyKinds
    }

    private let workers: [Worker]
    /// The named keys as none seen, copied for each chunk.
    private let unseen: NamedKeys
    private let total: SlicePass

    init(options: SliceOptions, namedKeys: NamedKeys, jobs: Int, total: SlicePass) {
        workers = (0..<jobs).map { _ in
            var copy = options
            copy.grid = options.grid.copy()
            return Worker(options: copy, kinds: KeyKinds(vocabulary: options.vocabulary))
        }
        unseen = namedKeys.watchingAgain()
        self.total = total
    }

    func process(_ chunk: InputChunk, worker: Int, records: RecordReader, output: ByteSink) throws(OutputError) -> (goOn: Bool, partial: (SlicePass, [String])) {
        let state = workers[worker]
        let options = state.options
        records.packsDecimals = true
        let rollUp = options.by.isEmpty ? nil : RollUp(by: options.by, roundUp: options.roundUp, window: options.window, kinds: state.kinds,
                                                       maxRows: options.maxGroups)
        let pass = SlicePass(options: options, kinds: state.kinds, rollUp: rollUp, namedKeys: unseen.watchingAgain(),
                             diagnostics: records.diagnostics, out: RecordWriter(sink: output))
        let goOn = try records.forEachRecord(in: chunk) { (line, tape) throws(OutputError) in try pass.take(line, tape, records) }
        // The names as they stand now: the worker adds more later.
        return (goOn, (pass, state.kinds.names))
    }

    func merge(_ partial: (SlicePass, [String]), output: ByteSink) -> Bool {
        total.add(partial.0, names: partial.1)
        return true
    }
}

/// One pass over records: the whole input, or a chunk of it on a worker.
final class SlicePass {
    private let options: SliceOptions
    private let kinds: KeyKinds
    private let rollUp: RollUp?
    let namedKeys: NamedKeys
    private let diagnostics: Diagnostics
    private let out: RecordWriter
    private var record = SliceRecord()
    private let rows: RowWriter
    private(set) var open = 0
    private(set) var firstOpen = ""

    init(options: SliceOptions, kinds: KeyKinds, rollUp: RollUp?, namedKeys: NamedKeys, diagnostics: Diagnostics, out: RecordWriter) {
        self.options = options
        self.kinds = kinds
        self.rollUp = rollUp
        self.namedKeys = namedKeys
        self.diagnostics = diagnostics
        self.out = out
        rows = RowWriter(roundUp: options.roundUp)
        if rollUp != nil {
            for name in options.by { record.groupIDs.append(kinds.id(of: name)) }
        }
    }

    deinit {
        record.free()
    }

    /// Takes in a later chunk's pass, whose keys are numbered by `names`.
    func add(_ chunk: SlicePass, names: [String]) {
        if open == 0 { firstOpen = chunk.firstOpen }
        open += chunk.open
        namedKeys.merge(chunk.namedKeys)
        if let rollUp, let theirs = chunk.rollUp { rollUp.merge(theirs, names: names) }
    }

    /// Slices one record; false when --strict says to stop.
    func take(_ line: Line, _ tape: JSONTape, _ records: RecordReader) throws(OutputError) -> Bool {
        if namedKeys.isWatching { namedKeys.observe(tape) }
        do {
            try record.read(tape, kinds: kinds, until: options.until)
        } catch {
            if error == .open {
                open += 1
                if open == 1 { firstOpen = "\(line.sourceName):\(line.number)" }
                return true
            }
            return records.reject(line, SliceJob.describe(error))
        }
        var goOn = true
        try options.forEachPiece(of: record.start, record.end) { (piece) throws(OutputError) in
            if let rollUp {
                rollUp.add(record, piece, tape: tape)
                if !rollUp.inexact.isEmpty { goOn = report(rollUp, line) && goOn }
                if rollUp.isFull {
                    goOn = false
                    return false
                }
            } else {
                if options.keyed {
                    RollUp.writeSliceKey(piece.sliceStart, into: out.buffer)
                    out.buffer.append("\t")
                }
                try rows.write(record, piece, tape: tape, to: out)
            }
            return true
        }
        return goOn
    }

    /// Reports the totals that stopped being exact at `line`: a total
    /// beyond 128 bits as bad input, a rounding floats bring as a note.
    /// Each once per run (a chunk of `-j` may find one an earlier chunk
    /// found). False when --strict says to stop.
    @inline(never)
    private func report(_ rollUp: RollUp, _ line: Line) -> Bool {
        var goOn = true
        for inexact in rollUp.inexact {
            if inexact.isError {
                goOn = diagnostics.problemOnce(inexact.message, file: line.sourceName, line: line.number) && goOn
            } else {
                diagnostics.noteOnce(inexact.message, file: line.sourceName, line: line.number)
            }
        }
        rollUp.clearInexact()
        return goOn
    }
}
