import AcctCore

/// acct-filter's job: read each input line by line, write the lines that
/// match byte for byte (or count them), report bad lines and go on. With
/// `-j`, chunks of the input are filtered on workers and written in input
/// order.
public final class FilterJob: Job {
    private let options: FilterOptions
    private let sink: ByteSink
    private let diagnostics: Diagnostics
    /// The keys the expression names, watched for at any depth.
    private let namedKeys = NamedKeys(depth: .anyDepth)

    /// What a pass over records (the whole input, or one chunk) counted.
    struct Tally {
        var matched = 0
        var badTimes = 0
    }

    public init(options: FilterOptions, output: ByteSink, diagnostics: Diagnostics) {
        self.options = options
        self.sink = output
        self.diagnostics = diagnostics
        // A filter may rightly match nothing: a name that occurs nowhere is
        // a note, not an error.
        for key in options.selection.expression?.keyNames ?? [] {
            namedKeys.add(key.name, flag: "-x", severity: .warning, hint: key.usedAsText ? .textLiteral : .closestKey)
        }
    }

    public func run() throws(OutputError) {
        let finished: Bool
        let tally: Tally
        if let layout = options.common.parallel {
            (finished, tally) = try runParallel(layout)
        } else {
            (finished, tally) = try runSerial()
        }
        if finished { namedKeys.report(to: diagnostics) }
        if tally.badTimes > 1 {
            diagnostics.note("\(tally.badTimes) records in all had no usable time for -s/-e and were left out")
        }
        if options.countOnly {
            sink.buffer.append(contentsOf: String(tally.matched))
            sink.buffer.append(UInt8(ascii: "\n"))
            try sink.endRecord()
        }
    }

    private func runSerial() throws(OutputError) -> (Bool, Tally) {
        let records = RecordReader(diagnostics: diagnostics)
        let pass = Pass(options: options, selection: options.selection, namedKeys: namedKeys, records: records, sink: sink)
        let finished = try records.forEachRecord(in: options.common.paths) { (line, tape) throws(OutputError) in
            try pass.take(line, tape)
        }
        return (finished, pass.tally)
    }

    /// `-j`: a pass per chunk, each on a worker's own copy of the selection.
    private func runParallel(_ layout: ParallelRecords.Layout) throws(OutputError) -> (Bool, Tally) {
        let work = ParallelFilter(options: options, namedKeys: namedKeys, jobs: layout.jobs,
                                  total: Pass(options: options, selection: options.selection, namedKeys: namedKeys,
                                              records: RecordReader(diagnostics: diagnostics), sink: sink))
        let finished = try ParallelRecords.run(layout, paths: options.common.paths, diagnostics: diagnostics, output: sink, work: work)
        return (finished, work.total.tally)
    }

    /// The chunks' passes, and the whole run's counts they add up to.
    final class ParallelFilter: ChunkWork {
        let options: FilterOptions
        /// The named keys as none seen, copied for each chunk: read by
        /// the workers while the run's own copy takes in what they saw.
        let unseen: NamedKeys
        let selections: [RecordSelection]
        let total: Pass

        init(options: FilterOptions, namedKeys: NamedKeys, jobs: Int, total: Pass) {
            self.options = options
            unseen = namedKeys.watchingAgain()
            selections = (0..<jobs).map { _ in options.selection.copy() }
            self.total = total
        }

        func process(_ chunk: InputChunk, worker: Int, records: RecordReader, output: ByteSink) throws(OutputError) -> (goOn: Bool, partial: Pass) {
            let pass = Pass(options: options, selection: selections[worker], namedKeys: unseen.watchingAgain(),
                            records: records, sink: output)
            return (try pass.run(chunk), pass)
        }

        func merge(_ pass: Pass, output: ByteSink) -> Bool {
            total.add(pass)
            return true
        }
    }

    /// One pass over records: the whole input, or a chunk of it on a worker.
    final class Pass {
        private let options: FilterOptions
        private let selection: RecordSelection
        let namedKeys: NamedKeys
        private let records: RecordReader
        private let sink: ByteSink
        private(set) var tally = Tally()

        init(options: FilterOptions, selection: RecordSelection, namedKeys: NamedKeys, records: RecordReader, sink: ByteSink) {
            self.options = options
            self.selection = selection
            self.namedKeys = namedKeys
            self.records = records
            self.sink = sink
        }

        /// Filters the records of one chunk; false when --strict says to stop.
        func run(_ chunk: InputChunk) throws(OutputError) -> Bool {
            try records.forEachRecord(in: chunk) { (line, tape) throws(OutputError) in try take(line, tape) }
        }

        /// Takes in the counts and keys of a later chunk's pass.
        func add(_ chunk: Pass) {
            tally.matched += chunk.tally.matched
            tally.badTimes += chunk.tally.badTimes
            namedKeys.merge(chunk.namedKeys)
        }

        /// Tests one record; false when --strict says to stop.
        func take(_ line: Line, _ tape: JSONTape) throws(OutputError) -> Bool {
            if namedKeys.isWatching { namedKeys.observe(tape) }
            let keep: Bool
            do {
                keep = try selection.matches(tape) != options.invert
            } catch {
                guard case .badTime(let key) = error else { return true }
                tally.badTimes += 1
                // Reported once, counted in a note at the end: one cause
                // (times without an offset, say) would flood the terminal.
                return records.rejectOnce(line, "'\(key)' is not an RFC 3339 time: the record cannot match -s/-e", tag: "-s/-e time")
            }
            guard keep else { return true }
            tally.matched += 1
            if !options.countOnly {
                sink.buffer.append(line.bytes)
                sink.buffer.append(UInt8(ascii: "\n"))
                try sink.endRecord()
            }
            return true
        }
    }
}
