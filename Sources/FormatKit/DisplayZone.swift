import AcctCore

/// The zone acct-fmt shows times in, the same in every format (`--tz`,
/// else `TZ`, else UTC): tables and workbooks show its wall clock; CSV,
/// TSV, JSON and XML write RFC 3339 with its offset, so the text stays one
/// instant (`2024-03-01T00:00:00+01:00`), and `Z` when the zone is UTC.
/// Offsets come from a per-day table, not from glibc per time.
final class DisplayZone {
    private let offsets: ZoneOffsets

    init(_ zone: Zone) {
        offsets = ZoneOffsets(zone: zone)
    }

    var isUTC: Bool { offsets.zone.isUTC }

    /// Appends `epoch` as RFC 3339 in the zone.
    @inline(__always)
    func write(_ epoch: Int64, into out: OutputBuffer) {
        if offsets.zone.isUTC { return RFC3339.format(epoch, into: out) }
        RFC3339.format(epoch, offset: offsets.offset(at: epoch), into: out)
    }

    /// The wall clock at `epoch`, as seconds since 1970-01-01 00:00:00 on
    /// that clock.
    func wallSeconds(_ epoch: Int64) -> Int64 {
        epoch &+ Int64(offsets.offset(at: epoch))
    }

    /// The wall clock at `epoch`.
    func local(_ epoch: Int64) -> CivilTime {
        offsets.local(epoch)
    }
}
