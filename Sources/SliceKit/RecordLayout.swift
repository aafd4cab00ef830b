import AcctCore

/// Where a record's members sit in its tape, as slicing reads them: each
/// member's node, name and kind, the nodes of the times, the seconds and
/// the `--by` keys, and the metrics sorted by kind for the roll-up. A
/// record with the keys of the one the layout was read from, in the same
/// order, has every member at the same node: the layout holds for it as
/// it is (`fits`). Plain memory throughout, freed by its owner.
struct RecordLayout {
    /// A member of the record: its node, name id and kind, and whether
    /// its value must be a number (a metric other than the times).
    struct Member {
        var node: Int
        var id: Int
        var kind: MetricKind?
        var mustBeNumber: Bool
    }

    /// A metric the roll-up adds: its node and name id.
    struct Metric {
        var node: Int
        var id: Int
    }

    /// Member nodes in order, with their kinds.
    var members = PODArray<Member>()
    var startNode = -1
    var endNode = -1
    var secondsNode = -1
    /// The node of each `--by` key (-1 when absent; with a key twice, the
    /// last, as `JSONTape.member`).
    var groupNodes = PODArray<Int>()
    /// The members the roll-up adds, by kind (the times and the record's
    /// own seconds left out: it takes those apart), so it runs a loop per
    /// kind with no branch on the kind per member. `others` are those of
    /// no metric kind, which it checks for numbers that are not metrics.
    var counters = PODArray<Metric>()
    var gauges = PODArray<Metric>()
    var maxima = PODArray<Metric>()
    var others = PODArray<Metric>()
    /// The key spellings of the record read, in order, and whether it was
    /// one object of scalars: only then can the layout fit another record.
    private var spellings = PODArray<Int>()
    private var isFlat = false

    func free() {
        members.free()
        groupNodes.free()
        counters.free()
        gauges.free()
        maxima.free()
        others.free()
        spellings.free()
    }

    /// Whether the record in `tape` is flat with the keys this layout was
    /// read from, in the same order. Each key is compared with the spelling
    /// expected at its place, with no wait on the key before it.
    func fits(_ tape: JSONTape, kinds: KeyKinds) -> Bool {
        let count = tape.childCount(JSONTape.root)
        guard isFlat, count == spellings.count, tape.end(JSONTape.root) == count + 1 else { return false }
        for position in 0..<count where !kinds.isSpelling(spellings[position], tape.keyBytes(JSONTape.root + 1 + position)!) {
            return false
        }
        return true
    }

    /// Reads the layout of the record in `tape`, member by member; throws
    /// at a metric that is not a number, the layout then fitting nothing.
    mutating func read(_ tape: JSONTape, kinds: KeyKinds, groupIDs: PODArray<Int>) throws(SliceRecord.Problem) {
        members.removeAll()
        spellings.removeAll()
        startNode = -1
        endNode = -1
        secondsNode = -1
        isFlat = false
        let grouped = groupIDs.count > 0
        if grouped {
            while groupNodes.count < groupIDs.count { groupNodes.append(-1) }
            for i in 0..<groupNodes.count { groupNodes[i] = -1 }
        }
        var node = JSONTape.root + 1
        var previous = -1
        let last = tape.end(JSONTape.root)
        // Members of a flat record are one node each: the next is known
        // without waiting for this one's `end` to load.
        let flat = last == tape.childCount(JSONTape.root) + 1
        while node < last {
            let key = tape.keyBytes(node)!
            let (spelling, id, kind, role) = kinds.lookup(key, after: previous, node: node, in: tape)
            previous = spelling
            var mustBeNumber = false
            switch role {
            case .start:
                startNode = node
            case .end:
                endNode = node
            case .seconds, .other:
                if kind != nil {
                    if role == .seconds { secondsNode = node }
                    mustBeNumber = true
                    guard tape.kind(node) == .int || tape.kind(node) == .float else {
                        throw .notANumber(String(decoding: key, as: UTF8.self))
                    }
                }
            }
            if grouped {
                for i in 0..<groupIDs.count where groupIDs[i] == id { groupNodes[i] = node }
            }
            members.append(Member(node: node, id: id, kind: kind, mustBeNumber: mustBeNumber))
            spellings.append(spelling)
            node = flat ? node + 1 : tape.end(node)
        }
        sortByKind()
        isFlat = flat
    }

    /// Throws at the first member that must be a number and is not, in the
    /// record in `tape` the layout fits.
    func checkNumbers(in tape: JSONTape) throws(SliceRecord.Problem) {
        for i in 0..<members.count where members[i].mustBeNumber {
            let node = members[i].node
            guard tape.kind(node) == .int || tape.kind(node) == .float else {
                throw .notANumber(String(decoding: tape.keyBytes(node)!, as: UTF8.self))
            }
        }
    }

    /// Sorts the members into the lists by kind.
    private mutating func sortByKind() {
        counters.removeAll()
        gauges.removeAll()
        maxima.removeAll()
        others.removeAll()
        for i in 0..<members.count {
            let member = members[i]
            if member.node == secondsNode || member.node == startNode || member.node == endNode { continue }
            let metric = Metric(node: member.node, id: member.id)
            switch member.kind {
            case .counter?: counters.append(metric)
            case .gauge?: gauges.append(metric)
            case .max?: maxima.append(metric)
            case nil: others.append(metric)
            }
        }
    }
}
