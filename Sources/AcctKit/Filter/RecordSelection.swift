/// What acct-filter keeps: every key flag (AND across flags), the time
/// window by oneacct's overlap rule, and the `-x` expression.
public struct RecordSelection {
    public var keyMatches: [KeyMatch] = []
    /// Keep records still running at or after this time: `end > start`, or open.
    public var start: Int64?
    /// Keep records that began before this time: `start < end`.
    public var end: Int64?
    public var expression: Expression?

    public init() {}

    /// Why a record could not be tested against the window.
    public enum Problem: Error, Equatable {
        case badTime(key: String)
    }

    /// Whether the record matches. A record whose `start` (needed by `-e`)
    /// is missing or not a time, or whose `end` (needed by `-s`) is neither
    /// null, absent nor a time, does not match and is reported by the caller.
    public func matches(_ tape: JSONTape) throws(Problem) -> Bool {
        // Each flag's plain-data table, read in place: copying a KeyMatch
        // out would retain its storage per record.
        let keysMatch = keyMatches.withUnsafeBufferPointer { matches in
            for i in matches.indices where !matches[i].table.matches(tape) { return false }
            return true
        }
        if !keysMatch { return false }
        if let start {
            // Absent or null: still open, so running after any start.
            if let node = tape.member(JSONTape.root, named: "end"), tape.kind(node) != .null {
                guard let end = tape.time(node) else { throw .badTime(key: "end") }
                if end <= start { return false }
            }
        }
        if let end {
            guard let node = tape.member(JSONTape.root, named: "start"), let begin = tape.time(node) else {
                throw .badTime(key: "start")
            }
            if begin >= end { return false }
        }
        return expression?.matches(tape) ?? true
    }

}
