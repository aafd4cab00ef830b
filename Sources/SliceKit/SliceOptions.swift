import AcctCore

/// How acct-slice cuts and rolls up.
public struct SliceOptions {
    public var common = CommonOptions()
    public var grid: Grid
    /// Clip window: parts outside [start, end) are dropped.
    public var window: (start: Int64?, end: Int64?) = (nil, nil)
    /// Where open records end; defaults to the window's end.
    public var until: Int64?
    /// A partial slice counts as a whole one.
    public var roundUp = false
    public var vocabulary = Vocabulary()
    /// Group keys for a roll-up; empty slices without rolling up.
    public var by: [String] = []
    /// Write `KEY<TAB>JSON` lines for Hadoop Streaming's shuffle.
    public var keyed = false
    /// The names of `--gauge` and `--counter`: each must occur in the input.
    public var gauges: [String] = []
    public var counters: [String] = []

    public init(grid: Grid) { self.grid = grid }

    /// acct-slice's flags as given, times read in the zone of `common`.
    /// `gauges` and `counters` are comma lists (repeatable) that override
    /// the vocabulary, except for the keys whose meaning is fixed. A bad
    /// value is a usage error naming its flag.
    public init(common: CommonOptions, every: String, by: String?, start: String?, end: String?, until: String?,
                gauges: [String], counters: [String], roundUp: Bool, keyed: Bool) throws(UsageError) {
        do {
            grid = try Grid(parsing: every, zone: common.zone)
        } catch {
            throw UsageError("--every: \(error)")
        }
        self.common = common
        window = (try common.time(start, flag: "-s"), try common.time(end, flag: "-e", endOfDay: true))
        self.until = try common.time(until, flag: "--until") ?? window.end
        self.roundUp = roundUp
        self.keyed = keyed
        let gauges = gauges.flatMap { KeyList.names($0) }
        let counters = counters.flatMap { KeyList.names($0) }
        for name in gauges + counters where Self.fixedKeys.contains(name) {
            throw UsageError("--\(gauges.contains(name) ? "gauge" : "counter"): '\(name)' has a fixed meaning")
        }
        vocabulary.set(gauges, to: .gauge)
        vocabulary.set(counters, to: .counter)
        self.gauges = gauges
        self.counters = counters
        self.by = by.map { KeyList.names($0) } ?? []
        if let by, self.by.isEmpty { throw UsageError("--by: no key in '\(by)'") }
        if let time = self.by.first(where: { $0 == "start" || $0 == "end" }) {
            throw UsageError("--by: '\(time)' is the slice's own bound, not a group key")
        }
    }

    /// Keys acct-slice itself gives meaning to: no flag may change their kind.
    static let fixedKeys: Set<String> = ["start", "end", "seconds", "records"]
}

/// One part of a record inside one slice: [start, end) of the record,
/// within the slice [sliceStart, sliceEnd).
struct SlicePiece {
    var start: Int64
    var end: Int64
    var sliceStart: Int64
    var sliceEnd: Int64
}

extension SliceOptions {
    /// Calls `body` for each slice the record overlaps by more than zero,
    /// in time order, clipped to the window. Streams: a ten-year record on
    /// an hourly grid never builds a list.
    func forEachPiece<E: Error>(of start: Int64, _ end: Int64, _ body: (SlicePiece) throws(E) -> Void) throws(E) {
        let from = max(start, window.start ?? start)
        let to = min(end, window.end ?? end)
        var t = from
        while t < to {
            let slice = grid.slice(containing: t)
            let pieceEnd = min(slice.end, to)
            try body(SlicePiece(start: t, end: pieceEnd, sliceStart: slice.start, sliceEnd: slice.end))
            t = pieceEnd
        }
    }
}
