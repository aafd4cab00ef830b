import Glibc

/// Why a time zone name was refused.
public struct ZoneError: Error, Equatable, CustomStringConvertible {
    /// The name as given.
    public let name: String
    /// Whether the name came from the `TZ` environment variable.
    public let fromEnvironment: Bool
    /// Why a zone that exists is refused; nil when the name is unknown.
    public let reason: String?

    /// Creates the error for `name`.
    public init(name: String, fromEnvironment: Bool, reason: String? = nil) {
        self.name = name
        self.fromEnvironment = fromEnvironment
        self.reason = reason
    }

    /// "unknown time zone 'Mars/Base'" (with " in TZ" when it came from
    /// there), or the zone and why it is refused.
    public var description: String {
        let place = fromEnvironment ? " in TZ" : ""
        guard let reason else { return "unknown time zone '\(name)'\(place)" }
        return "time zone '\(name)'\(place) \(reason)"
    }
}

/// The time zone for command-line times and table output, by the tools'
/// one rule: `--tz ZONE` when given, else `TZ` when set and non-empty,
/// else UTC; never /etc/localtime unless named, so a cron job's invoice
/// does not depend on the host.
///
/// A zone is any `TZ` value glibc reads in full: an IANA name (a zone file
/// under `$TZDIR`), the absolute path of a zone file (`:/etc/localtime`),
/// or a POSIX rule (`UTC0`, `CET-1CEST,M3.5.0,M10.5.0/3`); a leading `:`
/// is dropped. UTC is pure arithmetic. Other zones go through glibc: a
/// conversion sets the process's `TZ` (setenv and tzset, only when it
/// differs from the last zone used), then calls localtime_r. That state is
/// process-wide, so convert from one thread only.
public struct Zone: Equatable, Sendable {
    /// The zone as named, for messages: an IANA name, a path or a POSIX
    /// rule, without the leading `:`; "UTC" for UTC.
    public let name: String
    /// Whether the zone is UTC (handled without libc).
    public let isUTC: Bool
    /// What `TZ` is set to for glibc.
    private let setting: String

    /// Coordinated Universal Time.
    public static let utc = Zone(name: "UTC", isUTC: true, setting: "UTC0")

    private init(name: String, isUTC: Bool, setting: String) {
        self.name = name
        self.isUTC = isUTC
        self.setting = setting
    }

    /// The zone `name` names: "UTC", "Z" or "Etc/UTC"; else, as glibc
    /// looks, a zone file (relative names under `$TZDIR`, default
    /// /usr/share/zoneinfo), then a POSIX rule. A leading `:` (the glibc
    /// `TZ` form) is ignored.
    public init(named name: String) throws(ZoneError) {
        self = try Self.lookUp(name, fromEnvironment: false)
    }

    /// Applies the rule: `flag` (from `--tz`) when given, else `environment`
    /// (the value of `TZ`) when set and non-empty, else UTC.
    public static func resolve(flag: String?, environment: String?) throws(ZoneError) -> Zone {
        if let flag { return try lookUp(flag, fromEnvironment: false) }
        if let environment, !environment.isEmpty { return try lookUp(environment, fromEnvironment: true) }
        return .utc
    }

    /// Applies the rule with this process's `TZ`.
    public static func resolve(flag: String?) throws(ZoneError) -> Zone {
        try resolve(flag: flag, environment: getenv("TZ").map { String(cString: $0) })
    }

    /// The instant at which the clocks of this zone show `local` (fields
    /// valid, see `CivilTime.isValid`). A time shown twice, where the clocks
    /// go back, is the earlier instant; a time never shown, where they jump
    /// forward, is an error that says where the jump is.
    public func instant(ofLocal local: CivilTime) throws(ZoneGap) -> Int64 {
        switch solve(local) {
        case .instant(let epoch): return epoch
        case .gap(let gap): throw gap
        }
    }

    /// The first instant at which the clocks show `local` or later: the
    /// instant of `local` (the earlier of two), or when the clocks jump over
    /// it, the jump. This is where a day or month begins in a zone that
    /// skips its midnight (America/Havana goes from 00:00 to 01:00).
    public func firstInstant(atOrAfterLocal local: CivilTime) -> Int64 {
        switch solve(local) {
        case .instant(let epoch): return epoch
        case .gap(let gap): return gap.transition
        }
    }

    /// The wall-clock time in this zone at `epoch`, and the zone's offset
    /// from UTC then (seconds east).
    public func local(_ epoch: Int64) -> (civil: CivilTime, utcOffset: Int) {
        if isUTC { return (CivilTime(epochSeconds: epoch), 0) }
        activate()
        var time = time_t(epoch)
        var fields = tm()
        guard localtime_r(&time, &fields) != nil else {
            // Beyond glibc's range (years past 2^31); UTC is the best left.
            return (CivilTime(epochSeconds: epoch), 0)
        }
        let civil = CivilTime(year: Int(fields.tm_year) + 1900, month: Int(fields.tm_mon) + 1, day: Int(fields.tm_mday),
                              hour: Int(fields.tm_hour), minute: Int(fields.tm_min), second: Int(fields.tm_sec))
        return (civil, fields.tm_gmtoff)
    }

    private enum Solution {
        case instant(Int64)
        case gap(ZoneGap)
    }

    /// Offsets stay within ±26 hours (RFC 8536 bounds them at ±25:59:59;
    /// POSIX rules at ±24:59:59), so every instant whose clock shows `local`
    /// lies within this much of `local` read as UTC.
    private static let reach: Int64 = 26 * 3600

    /// Solves t + offset(t) = wall with glibc's offsets, not with mktime:
    /// for a time shown twice glibc's mktime (tm_isdst = -1) gives no
    /// promise which instant it returns (02:30 in Brussels on 2024-10-27
    /// came out as the later, 01:30Z), and for a time never shown it
    /// returns a guess rather than an error.
    ///
    /// Each offset in force near the time gives one candidate instant,
    /// wall - offset, which is a solution when that offset is in force then.
    /// The offsets at both ends of the reach, and at the candidates they
    /// give, find every solution when the clocks change at most once in
    /// those 52 hours: no zone of the tz database (2025b, zdump from 1900
    /// to 2040) changes twice within 52 hours.
    private func solve(_ local: CivilTime) -> Solution {
        let wall = local.epochSeconds
        if isUTC { return .instant(wall) }
        activate()
        guard let early = offset(wall &- Self.reach), let late = offset(wall &+ Self.reach) else {
            return .instant(wall)  // Beyond glibc's range, as in `local`.
        }
        if early == late, offset(wall &- early) == early { return .instant(wall &- early) }
        var candidates = [early, late]
        for given in [early, late] {
            if let inForce = offset(wall &- given), !candidates.contains(inForce) { candidates.append(inForce) }
        }
        var earliest: Int64?
        for candidate in candidates where offset(wall &- candidate) == candidate {
            earliest = min(earliest ?? .max, wall &- candidate)
        }
        if let earliest { return .instant(earliest) }
        return .gap(gap(around: wall))
    }

    /// The jump over `wall`: the first instant whose clock shows a later
    /// time, found by bisection (the clock reading only grows there).
    private func gap(around wall: Int64) -> ZoneGap {
        var before = wall &- Self.reach  // its clock shows wall or earlier
        var after = wall &+ Self.reach  // its clock shows a later time
        while after - before > 1 {
            let middle = before + (after - before) / 2
            if middle &+ (offset(middle) ?? 0) > wall { after = middle } else { before = middle }
        }
        return ZoneGap(zoneName: name, transition: after, offsetBefore: Int(offset(before) ?? 0), offsetAfter: Int(offset(after) ?? 0))
    }

    /// The offset in force at `epoch` (seconds east), or nil beyond glibc's range.
    private func offset(_ epoch: Int64) -> Int64? {
        var time = time_t(epoch)
        var fields = tm()
        guard localtime_r(&time, &fields) != nil else { return nil }
        return Int64(fields.tm_gmtoff)
    }

    private static func lookUp(_ given: String, fromEnvironment: Bool) throws(ZoneError) -> Zone {
        let name = given.hasPrefix(":") ? String(given.dropFirst()) : given
        if name == "UTC" || name == "Z" || name == "Etc/UTC" { return .utc }
        // glibc's order: a zone file by that name, else a POSIX rule.
        // glibc finds a relative name under TZDIR itself, as ZoneFile did.
        if let file = ZoneFile.find(name) {
            // A `right/` zone makes glibc read every time_t as counting
            // leap seconds (27 of them since 1972), while record times and
            // `@EPOCH` are POSIX times, which do not: each conversion
            // would be off by that many seconds.
            guard !file.countsLeapSeconds else {
                var reason = "counts leap seconds, which the records' POSIX times do not"
                if let right = name.firstRange(of: "right/") {
                    reason += "; use '\(name[..<right.lowerBound])\(name[right.upperBound...])'"
                }
                throw ZoneError(name: given, fromEnvironment: fromEnvironment, reason: reason)
            }
            return Zone(name: name, isUTC: false, setting: ":" + name)
        }
        guard !name.utf8.contains(0), let rule = PosixTZ.parse(name) else {
            throw ZoneError(name: given, fromEnvironment: fromEnvironment)
        }
        if rule.standardOffset == 0 && !rule.hasDaylightSaving { return .utc }
        return Zone(name: name, isUTC: false, setting: name)
    }

    /// Points glibc at this zone before threads start (`-j`): setenv(3)
    /// is not safe while other threads read the environment, and then
    /// each worker finds the zone already in force and only reads it.
    public func prepareForThreads() {
        if !isUTC { activate() }
    }

    /// Points glibc at this zone unless it already is.
    private func activate() {
        let current = getenv("TZ")
        let isCurrent = setting.withCString { wanted in current != nil && strcmp(current!, wanted) == 0 }
        if !isCurrent {
            setenv("TZ", setting, 1)
            tzset()
        }
    }
}
