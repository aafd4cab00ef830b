import AcctCore

/// How a source writes its times without a zone, and so which zone
/// acct-import reads them in. `TZ` never shifts a source that writes UTC:
/// it is the zone of the person running the import, not of the producer.
enum SourceClock {
    /// UTC always, whatever the producer's settings: CloudStack's usage
    /// server stores `start_date` and `end_date` in GMT and its aggregation
    /// zone only moves the window edges. A `--tz` naming another zone is a
    /// mistake (the aggregation zone passed as the table's) and is refused;
    /// `producer` names the source in that message.
    case utcAlways(producer: String)
    /// UTC unless the export says otherwise: `--tz` names the zone an export
    /// was made in (an Abiquo session not set to UTC, SlapOS dumps from
    /// before its collector wrote UTC); `TZ` is ignored.
    case utcUnlessTold

    /// The zone to read the source's times in, or a usage error for a
    /// `--tz` that cannot apply.
    func zone(_ common: CommonOptions) throws(UsageError) -> Zone {
        switch self {
        case .utcAlways(let producer):
            if let given = common.zoneFlag, !Self.isUTC(given) {
                throw UsageError("--tz: \(producer) stores UTC whatever its own zone, so '\(given.name)' does not apply")
            }
            return .utc
        case .utcUnlessTold:
            return common.zoneFlag ?? .utc
        }
    }

    /// Whether `zone` shows UTC's clock: UTC itself, or a zone such as
    /// `GMT` or `Etc/GMT0` whose offset is 0 in winter and summer alike.
    private static func isUTC(_ zone: Zone) -> Bool {
        if zone.isUTC { return true }
        // 2024-01-15 and 2024-07-15, 12:00 UTC.
        return zone.local(1_705_320_000).utcOffset == 0 && zone.local(1_721_044_800).utcOffset == 0
    }
}
