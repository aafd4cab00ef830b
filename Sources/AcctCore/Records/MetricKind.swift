/// How acct-slice treats a numeric key (acct-records(5)).
public enum MetricKind: Sendable, Equatable {
    /// A level held during the interval: copied when sliced, rolled up as
    /// `<name>_hours` = value × active seconds / 3600.
    case gauge
    /// An amount accrued during the interval: prorated when sliced, summed
    /// when rolled up.
    case counter
    /// A peak: copied when sliced, rolled up with max.
    case max
}
