import AcctCore

/// `--max-gap`: how long a sample of each collector table is held at most
/// when no next sample of its series comes. Each table has its own default
/// (`SlapOSTable.defaultMaxGap`), since the collector samples processes
/// every minute and folders once a day: one run over mixed archives must
/// hold a folder's size for a day without holding a process that lived
/// seconds for as long.
public struct SlapOSMaxGaps: Sendable, Equatable {
    /// Seconds, in the order of `SlapOSTable.all`.
    private(set) var seconds: [Int64] = SlapOSTable.all.map(\.defaultMaxGap)

    public init() {}

    /// Applies one `--max-gap` value: `SECONDS` for every table, or
    /// `TABLE=SECONDS` for one; a bad value is a usage error.
    public mutating func apply(_ text: String) throws(UsageError) {
        var table: Int?
        var number = Substring(text)
        if let equals = text.firstIndex(of: "=") {
            let name = String(text[..<equals])
            guard let index = SlapOSTable.index(named: name) else {
                let names = SlapOSTable.all.map(\.name).joined(separator: ", ")
                throw UsageError("--max-gap: unknown collector table '\(name)' (tables: \(names))")
            }
            table = index
            number = text[text.index(after: equals)...]
        }
        guard let value = Int64(number), value > 0 else {
            throw UsageError("--max-gap: '\(number)' is not a positive number of seconds")
        }
        // No sample can be held longer than records have time for: a
        // bigger gap could only write an end no tool reads back.
        guard value <= RecordTimeRange.span else {
            throw UsageError("--max-gap: '\(number)' seconds is longer than \(RecordTimeRange.description), the times a record can hold")
        }
        if let table {
            seconds[table] = value
        } else {
            seconds = seconds.map { _ in value }
        }
    }

    /// The seconds for the table called `name` (a known one).
    public subscript(table name: String) -> Int64? {
        SlapOSTable.index(named: name).map { seconds[$0] }
    }
}
