import AcctCLI
import ArgumentParser
import SliceKit

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
        version: AcctVersion.line(for: "acct-slice"))

    /// Shown at the end of --help.
    static let examples = [
        HelpExample("Each account's totals per day",
                    "capnp-cat examples/ovc | acct-slice --every day --by account"),
        HelpExample("Per month, account and cloudspace, without the routers",
                    #"capnp-cat examples/ovc | acct-filter -x 'type != "routeros"' | acct-slice --every month --by account,cloudspace"#),
        HelpExample("March's CloudStack usage per account, cut to the month",
                    "acct-import --from cloudstack examples/cloudstack/cloud_usage.csv | acct-slice -s 2024-03-01 -e 2024-03-31 --every total --by account"),
    ]

    static func main() { ToolMain.run(Self.self, examples: examples) }

    @OptionGroup var shared: SharedOptions

    @Option(help: ArgumentHelp("The grid: hour, day, week, month, year, Nm, Nh, Nd or total.", valueName: "grid"))
    var every = "hour"

    @Option(help: ArgumentHelp("Roll up: one row per slice and value of these keys (comma list).", valueName: "keys"))
    var by: String?

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("Drop the parts of records before this time.", valueName: "time"))
    var start: String?

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("Drop the parts of records after this time (a date, month, year or week: after its end).", valueName: "time"))
    var end: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Close open records at this time (default: the -e time).", valueName: "time"))
    var until: String?

    @Flag(help: "Count a partial slice as a whole one.")
    var roundUp = false

    @Option(help: ArgumentHelp("Treat these keys as gauges (comma list).", valueName: "names"))
    var gauge: [String] = []

    @Option(help: ArgumentHelp("Treat these keys as counters (comma list).", valueName: "names"))
    var counter: [String] = []

    @Flag(help: "Write KEY<TAB>JSON lines for Hadoop Streaming's shuffle.")
    var keyed = false

    @Flag(help: "With --by, -s and -e: a row of zeros for each slice in which a group had no record.")
    var fill = false

    func run() throws {
        try Tool.run(SliceJob.self, name: "acct-slice", shared: shared) { common in
            try SliceOptions(common: common, every: every, by: by, start: start, end: end, until: until,
                             gauges: gauge, counters: counter, roundUp: roundUp, keyed: keyed, fill: fill)
        }
    }
}
