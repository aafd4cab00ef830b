import AcctCore

/// One record read for slicing: its interval, and where its start, end,
/// seconds and metrics sit in the tape.
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
    /// A member of the record: its node, name id and kind, and whether
    /// its value must be a number (a metric other than the times).
    struct Member {
        var node: Int
        var id: Int
        var kind: MetricKind?
        var mustBeNumber: Bool
    }

    /// Member nodes in order, with their kinds: plain memory, read and
    /// rewritten per record with no reference counting; the owner frees it.
    var members = PODArray<Member>()
    var startNode = -1
    var endNode = -1
    var secondsNode = -1
    /// The name ids of the `--by` keys, and the node of each in the record
    /// (-1 when absent; with a key twice, the last, as `JSONTape.member`).
    /// Plain memory, like `members`: the record is copied per piece, and
    /// arrays would be retained and released with it.
    var groupIDs = PODArray<Int>()
    var groupNodes = PODArray<Int>()

    /// A metric the roll-up adds: its node and name id.
    struct Metric {
        var node: Int
        var id: Int
    }

    /// The members the roll-up adds, by kind (the times and the record's
    /// own seconds left out: it takes those apart), so it runs a loop per
    /// kind with no branch on the kind per member. `others` are those of
    /// no metric kind, which it checks for numbers that are not metrics.
    var counters = PODArray<Metric>()
    var gauges = PODArray<Metric>()
    var maxima = PODArray<Metric>()
    var others = PODArray<Metric>()
    /// The key spellings of the last record read, in order; with `flat`,
    /// whether it was one object of scalars. A record of the same keys in
    /// the same order (nearly every record of a stream) has the same
    /// members at the same nodes, so `members` and the lists by kind stay
    /// as they are.
    private var shape = PODArray<Int>()
    private var shapeIsFlat = false

    /// The shape read before the last one, with all that goes with it:
    /// streams often take turns between two (a cloudspace's router, then
    /// its machines), which then never need reading member by member.
    private struct Spare {
        var members = PODArray<Member>()
        var startNode = -1
        var endNode = -1
        var secondsNode = -1
        var groupNodes = PODArray<Int>()
        var counters = PODArray<Metric>()
        var gauges = PODArray<Metric>()
        var maxima = PODArray<Metric>()
        var others = PODArray<Metric>()
        var shape = PODArray<Int>()
        var shapeIsFlat = false
    }
    private var spare = Spare()

    /// Makes the spare shape the last one, and the last one the spare.
    private mutating func swapShapes() {
        swap(&members, &spare.members)
        swap(&startNode, &spare.startNode)
        swap(&endNode, &spare.endNode)
        swap(&secondsNode, &spare.secondsNode)
        swap(&groupNodes, &spare.groupNodes)
        swap(&counters, &spare.counters)
        swap(&gauges, &spare.gauges)
        swap(&maxima, &spare.maxima)
        swap(&others, &spare.others)
        swap(&shape, &spare.shape)
        swap(&shapeIsFlat, &spare.shapeIsFlat)
    }

    /// Frees the plain memory the record holds.
    mutating func free() {
        groupIDs.free()
        for _ in 0..<2 {
            members.free()
            groupNodes.free()
            shape.free()
            counters.free()
            gauges.free()
            maxima.free()
            others.free()
            swapShapes()
        }
    }

    /// Reads the record in `tape`; a record that cannot be sliced throws.
    mutating func read(_ tape: JSONTape, kinds: KeyKinds, until: Int64?) throws(Problem) {
        var known = hasLastShape(tape, kinds: kinds)
        if !known {
            // The spare shape, or a new one in place of the older.
            swapShapes()
            known = hasLastShape(tape, kinds: kinds)
            if !known { try readMembers(tape, kinds: kinds) }
        }
        if known {
            // The members, the times' nodes, the groups' and the lists by
            // kind are the last record's; only the values are new.
            for i in 0..<members.count where members[i].mustBeNumber {
                let node = members[i].node
                guard tape.kind(node) == .int || tape.kind(node) == .float else {
                    throw .notANumber(String(decoding: tape.keyBytes(node)!, as: UTF8.self))
                }
            }
        }
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

    /// Whether the record is flat with the keys of the last record read,
    /// in the same order: then it has the same members at the same nodes.
    /// Each key is compared with the spelling expected at its place, with
    /// no wait on the key before it.
    private func hasLastShape(_ tape: JSONTape, kinds: KeyKinds) -> Bool {
        let count = tape.childCount(JSONTape.root)
        guard shapeIsFlat, count == shape.count, tape.end(JSONTape.root) == count + 1 else { return false }
        for position in 0..<count where !kinds.isSpelling(shape[position], tape.keyBytes(JSONTape.root + 1 + position)!) {
            return false
        }
        return true
    }

    /// Reads the members of a record of a shape other than the last one.
    private mutating func readMembers(_ tape: JSONTape, kinds: KeyKinds) throws(Problem) {
        members.removeAll()
        shape.removeAll()
        startNode = -1
        endNode = -1
        secondsNode = -1
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
                        // The lists are half made: the next record makes
                        // them anew.
                        shapeIsFlat = false
                        throw .notANumber(String(decoding: key, as: UTF8.self))
                    }
                }
            }
            if grouped {
                for i in 0..<groupIDs.count where groupIDs[i] == id { groupNodes[i] = node }
            }
            members.append(Member(node: node, id: id, kind: kind, mustBeNumber: mustBeNumber))
            shape.append(spelling)
            node = flat ? node + 1 : tape.end(node)
        }
        newShape(flat: flat)
    }

    /// Sorts the members of a record of a new shape into the lists by kind.
    private mutating func newShape(flat: Bool) {
        shapeIsFlat = flat
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
