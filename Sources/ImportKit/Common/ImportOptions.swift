import AcctCore

/// What acct-import was asked to do.
public struct ImportOptions {
    /// The inputs, and the zone flags (`--tz`, `--utc`).
    public var common = CommonOptions()
    public var format: ImportFormat = .opennebula
    /// SlapOS: the collector table, when the file name does not tell.
    public var table: String?
    /// SlapOS: the longest a sample is held until the next one, per table.
    public var maxGaps = SlapOSMaxGaps()
    /// CloudStack: keep the rows CloudStack's own listing hides
    /// (`is_hidden` = 1), marked `hidden`.
    public var keepHidden = false
    /// CloudStack: the column names of rows exported without a header.
    public var header: [String]?

    /// The zone the source's naive times are read in, by the source's
    /// clock (`ImportFormat.clock`); set when the job is made.
    var sourceZone: Zone = .utc

    public init() {}
}
