import AcctCore
import ExprKit

/// What acct-filter keeps: every key flag (AND across flags), the time
/// window by oneacct's overlap rule, and the `-x` expression.
public struct RecordSelection {
    public var keyMatches: [KeyMatch] = []
    public var window = TimeWindow()
    public var expression: Expression?

    public init() {}

    /// A selection to test records with on another thread (`-j`).
    public func copy() -> RecordSelection {
        var copy = self
        copy.expression = expression?.copy()
        return copy
    }

    /// Whether the record matches. A record the window cannot test does
    /// not match and is reported by the caller.
    public func matches(_ tape: JSONTape) throws(TimeWindow.Problem) -> Bool {
        // Each flag's plain-data table, read in place: copying a KeyMatch
        // out would retain its storage per record.
        let keysMatch = keyMatches.withUnsafeBufferPointer { matches in
            for i in matches.indices where !matches[i].table.matches(tape) { return false }
            return true
        }
        if !keysMatch { return false }
        guard try window.overlaps(tape) else { return false }
        return expression?.matches(tape) ?? true
    }
}
