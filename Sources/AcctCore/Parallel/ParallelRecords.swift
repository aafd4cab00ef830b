/// The record loop of a parallel run (`-j N`): the calling thread cuts the
/// inputs into chunks of whole lines (`ChunkSplitter`), N workers read the
/// records of a chunk each, and the calling thread takes the chunks back
/// in input order, writing each one's output and saying its diagnostics
/// as a serial run would have: the same bytes on standard output, the same
/// `FILE:LINE` messages in the same order, the same "10 bad lines, then a
/// count" and exit status. `--strict` stops at the first bad line in input
/// order, with nothing written after its chunk's records before it; a
/// closed pipe ends the run as it does serially.
public enum ParallelRecords {
    /// How a parallel run is laid out.
    public struct Layout: Sendable {
        public var jobs: Int
        public var chunkBytes: Int
        public init(jobs: Int, chunkBytes: Int = ChunkSplitter.defaultChunkBytes) {
            self.jobs = jobs
            self.chunkBytes = chunkBytes
        }
    }

    /// What one chunk gave back.
    final class ChunkResult<Partial> {
        var output: ByteSink?
        var events: [DiagnosticEvent] = []
        var goOn = true
        var partial: Partial?
        var failure: OutputError?
    }

    /// A worker's own reader and diagnostics, reused from chunk to chunk.
    final class WorkerState {
        let diagnostics: Diagnostics
        let records: RecordReader
        init(_ main: Diagnostics, dropsKeys: Bool) {
            diagnostics = .recording(like: main)
            records = RecordReader(diagnostics: diagnostics, dropsKeys: dropsKeys)
        }
    }

    /// Runs `work` on every chunk of `paths`, on `layout.jobs` workers,
    /// and merges the chunks' partial results on the calling thread, in
    /// input order. Returns false when the run stopped early (`--strict`,
    /// or a merge said stop).
    @discardableResult
    public static func run<Work: ChunkWork>(
        _ layout: Layout, paths: [String], diagnostics: Diagnostics, output: ByteSink, dropsKeys: Bool = false, work: Work
    ) throws(OutputError) -> Bool {
        typealias Partial = Work.Partial
        let pool = WorkerPool<ChunkResult<Partial>>(workers: layout.jobs)
        defer { pool.stop() }
        let states = (0..<pool.workers).map { _ in WorkerState(diagnostics, dropsKeys: dropsKeys) }
        let splitter = ChunkSplitter(paths: paths, chunkBytes: layout.chunkBytes)
        var finished = true
        try pool.run({ () -> WorkerPool<ChunkResult<Partial>>.Task? in
            switch splitter.next() {
            case nil:
                return nil
            case .problem(let message)?:
                let result = ChunkResult<Partial>()
                result.events = [.problem(message)]
                return .ready(result)
            case .chunk(let chunk)?:
                work.prepare(chunk)
                return .work { worker in
                    let state = states[worker]
                    let result = ChunkResult<Partial>()
                    // A sixteenth of the chunk, which most roll-ups never
                    // outgrow; doubling four times holds a filter's copy
                    // of every line, the chunk's size, without overshooting.
                    let out = ByteSink(collectingCapacity: max((chunk.count + 15) / 16, 4096))
                    do throws(OutputError) {
                        let (goOn, partial) = try work.process(chunk, worker: worker, records: state.records, output: out)
                        result.goOn = goOn
                        result.partial = partial
                    } catch {
                        result.failure = error
                    }
                    result.output = out
                    result.events = state.diagnostics.takeEvents()
                    return result
                }
            }
        }, take: { (result) throws(OutputError) -> Bool in
            let replayed = diagnostics.replay(result.events)
            if let failure = result.failure { throw failure }
            var goOn = replayed && result.goOn
            if let partial = result.partial, let out = result.output { goOn = try work.merge(partial, output: out) && goOn }
            if let out = result.output { try output.write(recordsOf: out) }
            if !goOn { finished = false }
            return goOn
        })
        return finished
    }
}

/// The work of a parallel run (`ParallelRecords.run`): what a worker does
/// with a chunk, and how the calling thread takes its result in.
public protocol ChunkWork: AnyObject {
    associatedtype Partial
    /// Reads the records of `chunk` with `records` (whose diagnostics
    /// record), writing into `output`; on worker `worker` (0..<jobs), whose
    /// state no other thread touches. Returns whether to go on and what
    /// the chunk adds up to.
    func process(_ chunk: InputChunk, worker: Int, records: RecordReader, output: ByteSink) throws(OutputError) -> (goOn: Bool, partial: Partial)
    /// Looks at a chunk on the calling thread before a worker gets it
    /// (acct-fmt finds its columns in the first record).
    func prepare(_ chunk: InputChunk)
    /// Takes in a chunk's partial result, in input order, on the calling
    /// thread, before the chunk's `output` is written (which it may still
    /// change); false to stop.
    func merge(_ partial: Partial, output: ByteSink) throws(OutputError) -> Bool
}

extension ChunkWork {
    public func prepare(_ chunk: InputChunk) {}
}
