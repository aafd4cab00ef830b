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
    /// A member of the record: its node, name id and kind.
    struct Member {
        var node: Int
        var id: Int
        var kind: MetricKind?
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

    /// Reads the record in `tape`; a record that cannot be sliced throws.
    mutating func read(_ tape: JSONTape, kinds: KeyKinds, until: Int64?) throws(Problem) {
        members.removeAll()
        startNode = -1
        endNode = -1
        secondsNode = -1
        let grouped = groupIDs.count > 0
        if grouped {
            while groupNodes.count < groupIDs.count { groupNodes.append(-1) }
            for i in 0..<groupNodes.count { groupNodes[i] = -1 }
        }
        var node = JSONTape.root + 1
        var position = 0
        let last = tape.end(JSONTape.root)
        // Members of a flat record are one node each: the next is known
        // without waiting for this one's `end` to load.
        let flat = last == tape.childCount(JSONTape.root) + 1
        while node < last {
            let key = tape.keyBytes(node)!
            let (id, kind, role) = kinds.lookup(key, at: position, node: node, in: tape)
            switch role {
            case .start:
                startNode = node
            case .end:
                endNode = node
            case .seconds, .other:
                if kind != nil {
                    if role == .seconds { secondsNode = node }
                    guard tape.kind(node) == .int || tape.kind(node) == .float else {
                        throw .notANumber(String(decoding: key, as: UTF8.self))
                    }
                }
            }
            if grouped {
                for i in 0..<groupIDs.count where groupIDs[i] == id { groupNodes[i] = node }
            }
            members.append(Member(node: node, id: id, kind: kind))
            node = flat ? node + 1 : tape.end(node)
            position += 1
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

}
