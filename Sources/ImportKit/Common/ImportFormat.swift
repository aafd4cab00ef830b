import AcctCore

/// The exports acct-import reads (`--from`).
public enum ImportFormat: String, CaseIterable, Sendable {
    /// OpenNebula `oneacct -x`: a HISTORY_RECORDS XML document.
    case opennebula
    /// CloudStack `cloud_usage` rows as CSV or TSV with a header.
    case cloudstack
    /// Abiquo accounting_event_vm / accounting_event_detail rows as CSV.
    case abiquo
    /// SlapOS collector CSV dumps and their .tar.gz day archives.
    case slapos
}
