import AcctCLI
import AcctKit
import ArgumentParser

@main
struct AcctFilter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acct-filter",
        abstract: "Select usage records by user, group, host, account, time and expression.",
        discussion: """
            Reads line-delimited JSON records from each FILE or standard input and writes \
            the lines that match, byte for byte. Flags AND together; the values of one \
            flag OR. See acct-filter(1).
            """,
        version: AcctVersion.string)

    @Argument(help: ArgumentHelp("Record files; none or - reads standard input.", valueName: "file"))
    var paths: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Keep these users (user or uname), a comma list.", valueName: "list"))
    var user: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Keep these groups (group or gname), a comma list.", valueName: "list"))
    var group: [String] = []

    @Option(name: [.customShort("H"), .long], help: ArgumentHelp("Keep these hosts (host or hid), a comma list.", valueName: "list"))
    var host: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Keep these accounts, a comma list.", valueName: "list"))
    var account: [String] = []

    @Option(help: ArgumentHelp("Keep these virtual machines, a comma list.", valueName: "list"))
    var vm: [String] = []

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("Keep records still running at or after this time.", valueName: "time"))
    var start: String?

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("Keep records that began before this time (a date: before its end).", valueName: "time"))
    var end: String?

    @OptionGroup var zoneOptions: ZoneOptions

    @Option(name: [.customShort("x"), .customLong("where")], parsing: .unconditional, help: ArgumentHelp("Keep records for which this expression is true.", valueName: "expr"))
    var expression: String?

    @Flag(name: [.customShort("v"), .long], help: "Keep the records that do not match instead.")
    var invert = false

    @Flag(name: .shortAndLong, help: "Print only the number of matching records.")
    var count = false

    @Flag(help: "Stop at the first bad line.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Compress the output with zstd.")
    var zstd = false

    func run() throws {
        try Tool.run("acct-filter", compress: zstd) { diagnostics, sink in
            let zone = try zoneOptions.zone()
            var options = FilterJob.Options()
            options.paths = paths
            options.invert = invert
            options.countOnly = count
            options.strict = strict
            var selection = RecordSelection()
            for (keys, values) in [(["user", "uname"], user), (["group", "gname"], group), (["host", "hid"], host),
                                   (["account"], account), (["vm"], vm)] where !values.isEmpty {
                selection.keyMatches.append(KeyMatch(keys: keys, values: values.flatMap { $0.split(separator: ",").map(String.init) }))
            }
            selection.start = try start.map { try parseTime($0, flag: "-s", zone: zone) }
            selection.end = try end.map { try parseTime($0, flag: "-e", zone: zone, endOfDay: true) }
            if let expression {
                do {
                    selection.expression = try Expression(expression, zone: zone, now: currentTime())
                } catch {
                    throw UsageError("-x: \(error)")
                }
            }
            options.selection = selection
            try FilterJob(options: options, sink: sink, diagnostics: diagnostics).run()
        }
    }
}
