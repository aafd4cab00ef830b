/// The shape of every tool's work, so that each executable is argument
/// parsing plus one call: options in one value, checked when the job is
/// made (a bad one is a `UsageError`, before anything is read or written),
/// then one run over every input. Bad input goes to the diagnostics, which
/// say whether to go on; an error thrown from `run` (output that could not
/// be written) ends it.
public protocol Job {
    associatedtype Options
    init(options: Options, output: ByteSink, diagnostics: Diagnostics) throws
    func run() throws
}

/// What the options of every tool share: the inputs and the zone of the
/// times given without an offset (`--tz`, else `TZ`, else UTC). `--strict`
/// lives in the diagnostics and `-z` in the output sink.
public struct CommonOptions: Sendable {
    /// Files to read; none, or `-`, reads standard input.
    public var paths: [String] = []
    public var zone: Zone = .utc
    /// The zone `--tz` or `--utc` named, nil when neither was given: a
    /// source that writes UTC follows an explicit flag but not `TZ`.
    public var zoneFlag: Zone?
    /// Seconds since the epoch at start, for `now` and relative times.
    public var now: Int64 = Clock.now()
    /// `-j`: how many workers read the input; 1 is the serial run, with no
    /// thread started.
    public var jobs = 1
    /// The size of the chunks the input is cut into for the workers.
    public var chunkBytes = ChunkSplitter.defaultChunkBytes

    /// The layout of a parallel run, nil when the run is serial.
    public var parallel: ParallelRecords.Layout? {
        jobs > 1 ? ParallelRecords.Layout(jobs: jobs, chunkBytes: chunkBytes) : nil
    }

    public init(paths: [String] = [], zone: Zone = .utc, zoneFlag: Zone? = nil) {
        self.paths = paths
        self.zone = zone
        self.zoneFlag = zoneFlag
    }

    /// The inputs as read: standard input when none is named.
    public var inputs: [String] { paths.isEmpty ? ["-"] : paths }

    /// A command-line time (`-s`, `-e`, `--until`, `--time`) read in the
    /// zone; a bad one is a usage error naming the flag.
    public func time(_ text: String?, flag: String, endOfDay: Bool = false) throws(UsageError) -> Int64? {
        guard let text else { return nil }
        do {
            return try TimeSpec.parse(text, zone: zone, now: now, endOfDay: endOfDay)
        } catch {
            throw UsageError("\(flag): \(error)")
        }
    }
}
