import AcctKit

/// What acct-import was asked to do.
public struct ImportOptions {
    public var format: ImportFormat = .opennebula
    /// Files to read; none or `-` reads standard input.
    public var paths: [String] = []
    /// The zone for naive times in the source (CloudStack, Abiquo, SlapOS).
    public var zone: Zone = .utc
    /// Stop at the first bad row.
    public var strict = false
    /// SlapOS: the collector table, when the file name does not tell.
    public var table: String?
    /// SlapOS: the longest a sample is held until the next one, in seconds.
    public var maxGap: Int64 = 120

    public init() {}
}
