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

    public init() {}
}
