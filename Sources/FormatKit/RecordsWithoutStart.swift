import AcctCore

/// Records left out of a chart or wide table for want of a `start` time:
/// counted as they come, said once at the end, at the first of them.
struct RecordsWithoutStart {
    private var count = 0
    private var first: (file: String, line: Int)?

    mutating func add(_ line: Line) {
        count += 1
        if first == nil { first = (line.sourceName, line.number) }
    }

    /// `what`: where they were left out of ("chart", "table").
    func report(to diagnostics: Diagnostics, leftOutOf what: String) {
        guard let first else { return }
        let counted = count == 1 ? "it was" : "\(count) records without one were"
        _ = diagnostics.problem("\(first.file):\(first.line): no 'start' time in the record; \(counted) left out of the \(what)")
    }
}
