import AcctCore
import Glibc

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
    /// Member nodes in order, with their kinds.
    var members: [(node: Int, id: Int, kind: MetricKind?)] = []
    var startNode = -1
    var endNode = -1
    var secondsNode = -1

    /// Reads the record in `tape`; a record that cannot be sliced throws.
    mutating func read(_ tape: JSONTape, kinds: KeyKinds, until: Int64?) throws(Problem) {
        members.removeAll(keepingCapacity: true)
        startNode = -1
        endNode = -1
        secondsNode = -1
        var node = JSONTape.root + 1
        var position = 0
        while node < tape.end(JSONTape.root) {
            let key = tape.keyBytes(node)!
            let (id, kind) = kinds.lookup(key, at: position, node: node, in: tape)
            if Self.equals(key, "start") {
                startNode = node
            } else if Self.equals(key, "end") {
                endNode = node
            } else if kind != nil {
                if Self.equals(key, "seconds") { secondsNode = node }
                guard tape.kind(node) == .int || tape.kind(node) == .float else {
                    throw .notANumber(String(decoding: key, as: UTF8.self))
                }
            }
            members.append((node, id, kind))
            node = tape.end(node)
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


    static func equals(_ key: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount && memcmp(key.baseAddress!, name.utf8Start, key.count) == 0
    }
}
