import AcctCLI
import ArgumentParser
import FilterKit

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
        version: AcctVersion.line(for: "acct-filter"))

    /// Shown at the end of --help.
    static let examples = [
        HelpExample("Account 7 from 2 October on, its machines with 4 or more vCPUs",
                    #"capnp-cat examples/ovc | acct-filter -a 7 -s 2018-10-02 -x 'type != "routeros" and vcpus >= 4' | head -n 3"#),
        HelpExample("How many records say a machine was halted",
                    #"capnp-cat examples/ovc | acct-filter -x 'status = "HALTED"' -c"#),
        HelpExample("An OpenNebula group's history records",
                    "acct-import --from opennebula examples/opennebula/modern-basic.history_records.xml | acct-filter -g 100"),
    ]

    static func main() { ToolMain.run(Self.self, examples: examples) }

    @OptionGroup var shared: SharedOptions

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

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("Keep records that began before this time (a date, month, year or week: before its end).", valueName: "time"))
    var end: String?

    @Option(name: [.customShort("x"), .customLong("where")], parsing: .unconditional, help: ArgumentHelp("Keep records for which this expression is true.", valueName: "expr"))
    var expression: String?

    @Flag(name: [.customShort("v"), .long], help: "Keep the records that do not match instead.")
    var invert = false

    @Flag(name: .shortAndLong, help: "Print only the number of matching records.")
    var count = false

    func run() throws {
        var keys = FilterOptions.KeyFlags()
        (keys.users, keys.groups, keys.hosts, keys.accounts, keys.vms) = (user, group, host, account, vm)
        try Tool.run(FilterJob.self, name: "acct-filter", shared: shared) { common in
            try FilterOptions(common: common, keys: keys, start: start, end: end, expression: expression,
                              invert: invert, countOnly: count)
        }
    }
}
