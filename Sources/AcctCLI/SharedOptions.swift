import AcctCore
import ArgumentParser
import Glibc

/// The options every tool takes: its inputs, `--strict`, `-z` and the zone
/// of times given without an offset (`--tz`, else `TZ`, else UTC; never
/// /etc/localtime unless it is named, as in `TZ=:/etc/localtime`).
public struct SharedOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Files to read; none or - reads standard input.", valueName: "file"))
    public var paths: [String] = []

    @Flag(help: "Stop at the first bad input (line, row or file).")
    public var strict = false

    @Flag(name: .shortAndLong, help: "Compress the output with zstd.")
    public var zstd = false

    @Option(name: .customLong("tz"), help: ArgumentHelp("Time zone of local times: times without an offset, days, and times shown (IANA name, zone file or POSIX TZ rule).", valueName: "zone"))
    public var tz: String?

    @Flag(name: .customLong("utc"), help: "Same as --tz UTC.")
    public var utc = false

    public init() {}

    public func validate() throws {
        if utc && tz != nil { throw ValidationError("--tz and --utc cannot be used together") }
    }

    /// The inputs and the zone in force; an unknown zone is a usage error.
    public func common() throws(UsageError) -> CommonOptions {
        let environment = getenv("TZ").map { String(cString: $0) }
        let flag = utc ? "UTC" : tz
        do {
            let zone = try Zone.resolve(flag: flag, environment: environment)
            return CommonOptions(paths: paths, zone: zone, zoneFlag: flag == nil ? nil : zone)
        } catch {
            throw UsageError(error.fromEnvironment ? "\(error)" : "--tz: \(error)")
        }
    }
}
