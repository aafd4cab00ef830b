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
    /// With `by`: a row of zeros for each slice of the window in which a
    /// group had no record.
    public var fill = false
    /// `--fill`'s slices: every slice of the grid that overlaps the window,
    /// in time order; none for `total`, whose one slice every group has.
    public var fillSlices: [(start: Int64, end: Int64)] = []
    /// The names of `--gauge` and `--counter`: each must occur in the input.
    public var gauges: [String] = []
    public var counters: [String] = []

    public init(grid: Grid) { self.grid = grid }

    /// acct-slice's flags as given, times read in the zone of `common`.
    /// `gauges` and `counters` are comma lists (repeatable) that override
    /// the vocabulary, except for the keys whose meaning is fixed. A bad
    /// value is a usage error naming its flag.
    public init(common: CommonOptions, every: String, by: String?, start: String?, end: String?, until: String?,
                gauges: [String], counters: [String], roundUp: Bool, keyed: Bool, fill: Bool = false) throws(UsageError) {
        window = (try common.time(start, flag: "-s"), try common.time(end, flag: "-e", endOfDay: true))
        do {
            grid = try Grid(parsing: every, zone: common.zone, anchor: window.start)
        } catch {
            throw UsageError("--every: \(error)")
        }
        self.common = common
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
        if fill {
            // The empty slices are those of the window, per group.
            guard by != nil else { throw UsageError("--fill goes with --by (a row per group for each empty slice)") }
            guard let from = window.start, let to = window.end else {
                throw UsageError("--fill needs -s and -e (the slices to fill lie between them)")
            }
            fillSlices = try Self.slices(of: grid, from: from, to: to)
        }
        self.fill = fill
    }

    /// The most slices `--fill` fills: each holds a row for every group.
    public static let maximumFillSlices = 1_000_000

    /// Where `--fill`'s window may lie: the years 0000 to 9999 of the
    /// calendar forms, with a year to spare on each side for zones and
    /// weeks that reach over, so that no slice's bounds overflow.
    static let fillRange = CivilTime(year: -1, month: 1, day: 1).epochSeconds...CivilTime(year: 10_001, month: 1, day: 1).epochSeconds

    /// The slices of `grid` that overlap [from, to), or a usage error when
    /// the window lies outside `fillRange` or holds too many to keep.
    static func slices(of grid: Grid, from: Int64, to: Int64) throws(UsageError) -> [(start: Int64, end: Int64)] {
        guard grid.unit != .total else { return [] }
        guard fillRange.contains(from) && fillRange.contains(to) else {
            throw UsageError("--fill: the window must lie within the years 0000 to 9999")
        }
        var slices: [(start: Int64, end: Int64)] = []
        var t = from
        while t < to {
            guard slices.count < maximumFillSlices else {
                throw UsageError("--fill: the window holds more than \(maximumFillSlices) slices of the grid")
            }
            let slice = grid.slice(containing: t)
            slices.append(slice)
            t = slice.end
        }
        return slices
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
