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

    static func main() { ToolMain.run(Self.self) }

    @Option(help: ArgumentHelp("The format of the inputs.", valueName: "format"))
    var from: ImportFormat

    @OptionGroup var shared: SharedOptions

    @Option(help: ArgumentHelp("SlapOS: the collector table, when the file name does not tell.", valueName: "name"))
    var table: String?

    @Option(help: ArgumentHelp("SlapOS: hold a sample at most this many seconds.", valueName: "seconds"))
    var maxGap: Int64 = 120

    func validate() throws {
        if maxGap <= 0 { throw ValidationError("--max-gap must be a positive number of seconds") }
        if table != nil && from != .slapos { throw ValidationError("--table goes with --from slapos") }
    }

    func run() throws {
        try Tool.run(ImportJob.self, name: "acct-import", shared: shared) { common in
            var options = ImportOptions()
            options.common = common
            options.format = from
            options.table = table
            options.maxGap = maxGap
            return options
        }
    }
}
