/// How acct-slice cuts and rolls up.
public struct SliceOptions {
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

    public init(grid: Grid) { self.grid = grid }
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
