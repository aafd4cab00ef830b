import Glibc

/// Why a time zone name was refused.
public struct ZoneError: Error, Equatable, CustomStringConvertible {
    /// The name as given.
    public let name: String
    /// Whether the name came from the `TZ` environment variable.
    public let fromEnvironment: Bool

    /// Creates the error for `name`.
    public init(name: String, fromEnvironment: Bool) {
        self.name = name
        self.fromEnvironment = fromEnvironment
    }

    /// "unknown time zone 'Mars/Base'" (with " in TZ" when it came from there).
    public var description: String {
        "unknown time zone '\(name)'" + (fromEnvironment ? " in TZ" : "")
    }
}

/// The time zone for command-line times and table output, by the tools'
/// one rule: `--tz NAME` when given, else `TZ` when set and non-empty,
/// else UTC; never /etc/localtime, so a cron job's invoice does not depend
/// on the host.
///
/// UTC is pure arithmetic. Other zones go through glibc: a conversion sets
/// the process's `TZ` to `:NAME` (setenv and tzset, only when it differs
/// from the last zone used), then calls mktime or localtime_r. That state is
/// process-wide, so convert from one thread only.
public struct Zone: Equatable, Sendable {
    /// The zone's IANA name; "UTC" for UTC.
    public let name: String
    /// Whether the zone is UTC (handled without libc).
    public let isUTC: Bool

    /// Coordinated Universal Time.
    public static let utc = Zone(name: "UTC", isUTC: true)

    private init(name: String, isUTC: Bool) {
        self.name = name
        self.isUTC = isUTC
    }

    /// The zone called `name`: "UTC", "Z" or "Etc/UTC", or an IANA name with
    /// a TZif file under `$TZDIR` (default /usr/share/zoneinfo). A leading
    /// `:` (the glibc `TZ` form) is ignored.
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

    /// The instant a wall-clock time in this zone names, in seconds since
    /// the epoch. Fields must be valid (see `CivilTime.isValid`).
    ///
    /// Across a DST change the answer is glibc mktime's with tm_isdst = -1:
    /// a time in the spring gap is read with the offset in force before the
    /// change (02:30 in Brussels on 2024-03-31 is 03:30 CEST, 01:30Z); a time
    /// in the autumn overlap is the later instant, in standard time (02:30
    /// on 2024-10-27 is 02:30 CET, 01:30Z).
    public func utcFromLocal(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64 {
        if isUTC {
            return CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).epochSeconds
        }
        activate()
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month - 1)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour)
        fields.tm_min = Int32(minute)
        fields.tm_sec = Int32(second)
        fields.tm_isdst = -1
        return Int64(mktime(&fields))
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

    private static func lookUp(_ given: String, fromEnvironment: Bool) throws(ZoneError) -> Zone {
        let name = given.hasPrefix(":") ? String(given.dropFirst()) : given
        if name == "UTC" || name == "Z" || name == "Etc/UTC" { return .utc }
        guard isZoneFile(name) else { throw ZoneError(name: given, fromEnvironment: fromEnvironment) }
        return Zone(name: name, isUTC: false)
    }

    /// Whether `name` is a zone file: relative, without `..`, a regular
    /// file starting with the TZif magic (so zone.tab and friends are not
    /// taken for zones, which glibc would silently read as UTC).
    private static func isZoneFile(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains(".."), !name.utf8.contains(0) else { return false }
        var directory = "/usr/share/zoneinfo"
        if let tzdir = getenv("TZDIR"), tzdir.pointee != 0 { directory = String(cString: tzdir) }
        let path = directory + "/" + name
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var magic: UInt32 = 0
        guard read(fd, &magic, 4) == 4 else { return false }
        return withUnsafeBytes(of: &magic) { $0.elementsEqual("TZif".utf8) }
    }

    /// Points glibc at this zone unless it already is.
    private func activate() {
        let current = getenv("TZ")
        let isCurrent = name.withCString { wanted in
            current != nil && current![0] == CChar(UInt8(ascii: ":")) && strcmp(current! + 1, wanted) == 0
        }
        if !isCurrent {
            setenv("TZ", ":" + name, 1)
            tzset()
        }
    }
}
