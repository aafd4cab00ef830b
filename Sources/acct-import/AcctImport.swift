import AcctCLI
import ArgumentParser
import ImportKit

extension ImportFormat: ExpressibleByArgument {}

@main
struct AcctImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acct-import",
        abstract: "Turn other clouds' accounting exports into usage records.",
        discussion: """
            Reads each FILE (or standard input) in the format --from names and writes \
            one line-delimited JSON record per row. See acct-import(1).
            """,
        version: AcctVersion.line(for: "acct-import"))

    /// Shown at the end of --help.
    static let examples = [
        HelpExample("OpenNebula's oneacct -x document, a record per history record",
                    "acct-import --from opennebula examples/opennebula/modern-basic.history_records.xml | head -n 2"),
        HelpExample("CloudStack's cloud_usage rows as a table",
                    "acct-import --from cloudstack examples/cloudstack/cloud_usage.csv | acct-fmt -o start,end,account,usage_type,offering"),
        HelpExample("Two days of SlapOS collector dumps, one of them an archive",
                    "acct-import --from slapos --max-gap 120 examples/slapos/2024-03-01/dump_user.csv examples/slapos/2024-03-02.tar.gz | head -n 2"),
    ]

    static func main() { ToolMain.run(Self.self, examples: examples) }

    @Option(help: ArgumentHelp("The format of the inputs.", valueName: "format"))
    var from: ImportFormat

    @OptionGroup var shared: SharedOptions

    @Option(help: ArgumentHelp("SlapOS: the collector table, when the file name does not tell.", valueName: "name"))
    var table: String?

    @Option(help: ArgumentHelp(
        "SlapOS: hold a sample at most this many seconds, in every table or in the one named; repeatable.",
        valueName: "[table=]seconds"))
    var maxGap: [String] = []

    @Flag(help: "CloudStack: keep the rows CloudStack's usage listing hides (is_hidden = 1).")
    var keepHidden = false

    @Option(help: ArgumentHelp("CloudStack: the columns of rows exported without a header, comma-separated.", valueName: "names"))
    var header: String?

    func validate() throws {
        if table != nil && from != .slapos { throw ValidationError("--table goes with --from slapos") }
        if !maxGap.isEmpty && from != .slapos { throw ValidationError("--max-gap goes with --from slapos") }
        if keepHidden && from != .cloudstack { throw ValidationError("--keep-hidden goes with --from cloudstack") }
        if let header {
            if from != .cloudstack { throw ValidationError("--header goes with --from cloudstack") }
            let names = columns(header)
            if let empty = names.firstIndex(of: "") { throw ValidationError("--header: column \(empty + 1) has no name") }
        }
    }

    /// `--header`'s names, in order (column names hold no spaces).
    private func columns(_ list: String) -> [String] {
        list.split(separator: ",", omittingEmptySubsequences: false).map { $0.filter { $0 != " " } }
    }

    func run() throws {
        try Tool.run(ImportJob.self, name: "acct-import", shared: shared) { common in
            var options = ImportOptions()
            options.common = common
            options.format = from
            options.table = table
            for value in maxGap { try options.maxGaps.apply(value) }
            options.keepHidden = keepHidden
            options.header = header.map(columns)
            return options
        }
    }
}
