import AcctCore

/// The exports acct-import reads (`--from`).
public enum ImportFormat: String, CaseIterable, Sendable {
    /// OpenNebula `oneacct -x`: a HISTORY_RECORDS XML document.
    case opennebula
    /// CloudStack `cloud_usage` rows as CSV or TSV, with a header or in the
    /// table's own column order.
    case cloudstack
    /// Abiquo accounting_event_vm / accounting_event_detail rows as CSV.
    case abiquo
    /// SlapOS collector CSV dumps and their .tar.gz day archives.
    case slapos

    /// How the source writes times without a zone: the one place that
    /// says, per source, whether `--tz` applies (acct-import(1) says the
    /// same).
    var clock: SourceClock {
        switch self {
        // Times are seconds since the epoch; nothing is read in a zone.
        case .opennebula: return .utcUnlessTold
        // UsageDaoImpl formats start_date and end_date in GMT.
        case .cloudstack: return .utcAlways(producer: "CloudStack's cloud_usage table")
        // MySQL TIMESTAMPs, stored in UTC, printed in the session's zone.
        case .abiquo: return .utcUnlessTold
        // The collector stamps samples with gmtime() since 2019.
        case .slapos: return .utcUnlessTold
        }
    }
}
