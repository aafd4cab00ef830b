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

    @Option(name: [.customShort("j"), .customLong("jobs")], help: ArgumentHelp("Workers to run on (default: the cores this process may use); 1 runs on one thread.", valueName: "n"))
    public var jobs: Int?

    /// The chunk size of a parallel run, for tests that need many chunks
    /// from a small input.
    @Option(name: .customLong("chunk-size"), help: .hidden)
    public var chunkSize: Int?

    public init() {}

    public func validate() throws {
        if utc && tz != nil { throw ValidationError("--tz and --utc cannot be used together") }
        if let jobs, jobs < 1 { throw ValidationError("-j: the number of workers must be at least 1") }
        if let chunkSize, chunkSize < 1 { throw ValidationError("--chunk-size: must be at least 1") }
    }

    /// The inputs and the zone in force; an unknown zone is a usage error.
    public func common() throws(UsageError) -> CommonOptions {
        let environment = getenv("TZ").map { String(cString: $0) }
        let flag = utc ? "UTC" : tz
        do {
            let zone = try Zone.resolve(flag: flag, environment: environment)
            var common = CommonOptions(paths: paths, zone: zone, zoneFlag: flag == nil ? nil : zone)
            common.jobs = jobs ?? UsableCores.count()
            if let chunkSize { common.chunkBytes = chunkSize }
            return common
        } catch {
            throw UsageError(error.fromEnvironment ? "\(error)" : "--tz: \(error)")
        }
    }
}
