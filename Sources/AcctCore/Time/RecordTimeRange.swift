/// The instants a record's `start` and `end` can hold. RFC 3339 writes a
/// year in four digits, and ISO 8601 writes year 0 only by agreement, so
/// from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z. A time outside is
/// refused where it is made (a command-line time, a source's value, a
/// sample held past the end), so no tool writes a time that the next one
/// cannot read.
public enum RecordTimeRange {
    /// 0001-01-01T00:00:00Z.
    public static let first: Int64 = -62_135_596_800
    /// 9999-12-31T23:59:59Z.
    public static let last: Int64 = 253_402_300_799
    /// The longest span between two times a record can hold, in seconds.
    public static let span: Int64 = last - first

    /// Whether a record can hold `epoch`.
    @inlinable
    public static func contains(_ epoch: Int64) -> Bool {
        epoch >= first && epoch <= last
    }

    /// The range in words, for messages.
    public static let description = "the years 0001 to 9999"
}
