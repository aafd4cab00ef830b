import AcctCLI
import AcctKit
import ArgumentParser

@main
struct AcctSlice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acct-slice",
        abstract: "Cut usage records into hours, days or months, and roll them up.",
        discussion: """
            Reads line-delimited JSON records and writes each record cut to the slices of a \
            time grid, with counters prorated exactly; with --by, one row per slice and group \
            with the totals. See acct-slice(1).
            """,
        version: AcctVersion.string)

    @Argument(help: ArgumentHelp("Record files; none or - reads standard input.", valueName: "file"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("The grid: hour, day, month, Nm, Nh or total.", valueName: "grid"))
    var every = "hour"

    @Option(help: ArgumentHelp("Roll up: one row per slice and value of these keys (comma list).", valueName: "keys"))
    var by: String?

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("Drop the parts of records before this time.", valueName: "time"))
    var start: String?

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("Drop the parts of records after this time (a date: after its end).", valueName: "time"))
    var end: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Close open records at this time (default: the -e time).", valueName: "time"))
    var until: String?

    @OptionGroup var zoneOptions: ZoneOptions

    @Flag(help: "Count a partial slice as a whole one.")
    var roundUp = false

    @Option(help: ArgumentHelp("Treat these keys as gauges (comma list).", valueName: "names"))
    var gauge: [String] = []

    @Option(help: ArgumentHelp("Treat these keys as counters (comma list).", valueName: "names"))
    var counter: [String] = []

    @Flag(help: "Write KEY<TAB>JSON lines for Hadoop Streaming's shuffle.")
    var keyed = false

    @Flag(help: "Stop at the first bad record.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Compress the output with zstd.")
    var zstd = false

    func run() throws {
        try Tool.run("acct-slice", compress: zstd) { diagnostics, sink in
            let zone = try zoneOptions.zone()
            let grid: Grid
            do {
                grid = try Grid(parsing: every, zone: zone)
            } catch {
                throw UsageError("--every: \(error)")
            }
            var options = SliceOptions(grid: grid)
            options.window = (
                try start.map { try parseTime($0, flag: "-s", zone: zone) },
                try end.map { try parseTime($0, flag: "-e", zone: zone, endOfDay: true) }
            )
            options.until = try until.map { try parseTime($0, flag: "--until", zone: zone) } ?? options.window.end
            options.roundUp = roundUp
            options.keyed = keyed
            let gauges = gauge.flatMap { $0.split(separator: ",").map(String.init) }
            let counters = counter.flatMap { $0.split(separator: ",").map(String.init) }
            for name in gauges + counters where ["start", "end", "seconds", "records"].contains(name) {
                throw UsageError("--\(gauges.contains(name) ? "gauge" : "counter"): '\(name)' has a fixed meaning")
            }
            options.vocabulary.set(gauges, to: .gauge)
            options.vocabulary.set(counters, to: .counter)
            options.by = by.map { $0.split(separator: ",").map(String.init) } ?? []
            if let by, options.by.isEmpty { throw UsageError("--by: no key in '\(by)'") }
            if let time = options.by.first(where: { $0 == "start" || $0 == "end" }) {
                throw UsageError("--by: '\(time)' is the slice's own bound, not a group key")
            }
            try SliceJob(options: options, strict: strict, sink: sink, diagnostics: diagnostics).run(paths)
        }
    }
}
