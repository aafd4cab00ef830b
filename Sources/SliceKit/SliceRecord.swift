import AcctCore

/// One record read for slicing: its interval, and where its start, end,
/// seconds and metrics sit in the tape (its `RecordLayout`).
struct SliceRecord {
    enum Problem: Error, Equatable {
        case noStart
        case badTime(String)
        case endBeforeStart
        case notANumber(String)
        case open
    }

    /// [start, end) with an open end closed at `until`.
    var start: Int64 = 0
    var end: Int64 = 0
    /// The name ids of the `--by` keys.
    var groupIDs = PODArray<Int>()
    /// The layout of the record, and of the last record of another shape:
    /// streams often take turns between two (a cloudspace's router, then
    /// its machines), and mostly repeat one, so few records are read
    /// member by member.
    private(set) var layout = RecordLayout()
    private var spare = RecordLayout()

    var members: PODArray<RecordLayout.Member> { layout.members }
    var startNode: Int { layout.startNode }
    var endNode: Int { layout.endNode }
    var secondsNode: Int { layout.secondsNode }
    var groupNodes: PODArray<Int> { layout.groupNodes }
    var counters: PODArray<RecordLayout.Metric> { layout.counters }
    var gauges: PODArray<RecordLayout.Metric> { layout.gauges }
    var maxima: PODArray<RecordLayout.Metric> { layout.maxima }
    var others: PODArray<RecordLayout.Metric> { layout.others }

    /// Frees the plain memory the record holds.
    func free() {
        groupIDs.free()
        layout.free()
        spare.free()
    }

    /// Reads the record in `tape`; a record that cannot be sliced throws.
    mutating func read(_ tape: JSONTape, kinds: KeyKinds, until: Int64?) throws(Problem) {
        if layout.fits(tape, kinds: kinds) {
            try layout.checkNumbers(in: tape)
        } else {
            // The other shape, or a new one in place of the older.
            swap(&layout, &spare)
            if layout.fits(tape, kinds: kinds) {
                try layout.checkNumbers(in: tape)
            } else {
                try layout.read(tape, kinds: kinds, groupIDs: groupIDs)
            }
        }
        let startNode = layout.startNode
        let endNode = layout.endNode
        guard startNode >= 0 else { throw .noStart }
        guard let start = tape.time(startNode) else { throw .badTime("start") }
        self.start = start
        if endNode < 0 || tape.kind(endNode) == .null {
            guard let until else { throw .open }
            end = max(until, start)
        } else {
            guard let end = tape.time(endNode) else { throw .badTime("end") }
            guard end >= start else { throw .endBeforeStart }
            self.end = end
        }
    }
}
