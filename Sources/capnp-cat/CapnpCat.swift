import AcctCLI
import ArgumentParser
import CapnpKit

@main
struct CapnpCat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capnp-cat",
        abstract: "Decode Cap'n Proto accounting files into line-delimited JSON records.",
        discussion: """
            Reads OpenVCloud billing trees (account/year/month/day/hour/account_capnp.bin), \
            single files, or standard input, and writes one record per virtual machine, or \
            with --raw one JSON object per message. See capnp-cat(1).
            """,
        version: AcctVersion.line(for: "capnp-cat"))

    /// Shown at the end of --help.
    static let examples = [
        HelpExample("The example tree, a record per virtual machine and hour",
                    "capnp-cat examples/ovc | head -n 3"),
        HelpExample("Only the hours of a window are read",
                    "capnp-cat -s '2018-10-02 06:00' -e '2018-10-02 07:00' examples/ovc/1 | wc -l"),
        HelpExample("One message nested as the schema is",
                    "capnp-cat --raw examples/ovc/1/2018/10/1/0/account_capnp.bin"),
    ]

    static func main() { ToolMain.run(Self.self, examples: examples) }

    @OptionGroup var shared: SharedOptions

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("Read only hours that end after this time.", valueName: "time"))
    var start: String?

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("Read only hours that begin before this time.", valueName: "time"))
    var end: String?

    @Option(help: ArgumentHelp("Take files matching this glob inside folders (default account_capnp.bin).", valueName: "glob"))
    var name: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The hour of files whose path gives none (and of standard input).", valueName: "time"))
    var time: String?

    @Flag(help: "Write each message as nested JSON, as the schema has it.")
    var raw = false

    @Option(help: ArgumentHelp("Decode with this schema file instead of the built-in OpenVCloud one (implies --raw).", valueName: "file"))
    var schema: String?

    @Option(help: ArgumentHelp("The root struct of --schema (dotted for nested structs).", valueName: "struct"))
    var root: String?

    @Option(name: [.customShort("I"), .customLong("import-path")], help: ArgumentHelp("Folder to search for schema imports (repeatable).", valueName: "dir"))
    var importPaths: [String] = []

    @Flag(help: "Read packed messages.")
    var packed = false

    @Option(help: ArgumentHelp("Words a message may read, against pointer loops and amplification (default 8388608).", valueName: "words"))
    var traversalLimit: UInt64?

    func validate() throws {
        if (schema == nil) != (root == nil) { throw ValidationError("--schema and --root go together") }
        if !importPaths.isEmpty && schema == nil { throw ValidationError("-I needs --schema") }
        if let limit = traversalLimit, limit == 0 { throw ValidationError("--traversal-limit must be positive") }
    }

    func run() throws {
        try Tool.run(CapnpCatJob.self, name: "capnp-cat", shared: shared) { common in
            var options = CapnpCatOptions()
            options.common = common
            options.raw = raw
            options.framing = packed ? .packed : .standard
            if let schema, let root { options.schema = (schema, root) }
            options.importPaths = importPaths
            options.nameGlob = name
            options.window = (try common.time(start, flag: "-s"), try common.time(end, flag: "-e", endOfDay: true))
            options.time = try common.time(time, flag: "--time")
            options.traversalLimitWords = traversalLimit ?? 0
            return options
        }
    }
}
