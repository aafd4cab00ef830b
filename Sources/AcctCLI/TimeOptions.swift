import AcctKit
import ArgumentParser
import Glibc

/// `--tz ZONE` and `--utc`: the zone for times given without an offset,
/// by DESIGN's one rule (flag, else TZ, else UTC; never /etc/localtime).
public struct ZoneOptions: ParsableArguments {
    @Option(name: .customLong("tz"), help: ArgumentHelp("Time zone for times without an offset (IANA name).", valueName: "zone"))
    public var tz: String?

    @Flag(name: .customLong("utc"), help: "Same as --tz UTC.")
    public var utc = false

    public init() {}

    public func validate() throws {
        if utc && tz != nil { throw ValidationError("--tz and --utc cannot be used together") }
    }

    /// The zone in force; an unknown name is a usage error.
    public func zone() throws -> Zone {
        let environment = getenv("TZ").map { String(cString: $0) }
        do {
            return try Zone.resolve(flag: utc ? "UTC" : tz, environment: environment)
        } catch {
            throw UsageError(error.fromEnvironment ? "\(error)" : "--tz: \(error)")
        }
    }
}

/// Seconds since the epoch now, for `now` and relative times.
public func currentTime() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec)
}

/// Parses a command-line time (`-s`, `-e`, `--time`) as a usage error on failure.
public func parseTime(_ text: String, flag: String, zone: Zone, endOfDay: Bool = false) throws -> Int64 {
    do {
        return try TimeSpec.parse(text, zone: zone, now: currentTime(), endOfDay: endOfDay)
    } catch {
        throw UsageError("\(flag): \(error)")
    }
}
