/// oneacct's overlap rule, shared by acct-filter's `-s`/`-e` and
/// `acct-fmt --oneacct`: `start` keeps records still running at or after
/// it (`end > start`, or open), `end` keeps records that began before it
/// (`start < end`).
public struct TimeWindow: Sendable {
    public var start: Int64?
    public var end: Int64?

    public init(start: Int64? = nil, end: Int64? = nil) {
        self.start = start
        self.end = end
    }

    /// Why a record could not be tested against the window.
    public enum Problem: Error, Equatable {
        case badTime(key: String)
    }

    /// Whether the record overlaps the window. A record whose `start`
    /// (needed by `end`) is missing or not a time, or whose `end` (needed
    /// by `start`) is neither null, absent nor a time, cannot be tested.
    @inline(__always)
    public func overlaps(_ tape: JSONTape) throws(Problem) -> Bool {
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
        return true
    }
}
