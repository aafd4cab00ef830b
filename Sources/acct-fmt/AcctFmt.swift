import AcctCLI
import AcctKit
import ArgumentParser
import Glibc
import XlsxKit

@main
struct AcctFmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acct-fmt",
        abstract: "Render usage records as a table, CSV, TSV, JSON, XML or an Excel workbook.",
        discussion: "Reads line-delimited JSON records from each FILE or standard input. See acct-fmt(1).",
        version: AcctVersion.string)

    @Argument(help: ArgumentHelp("Record files; none or - reads standard input.", valueName: "file"))
    var paths: [String] = []

    @Flag(help: "Write CSV (RFC 4180) with a header line.")
    var csv = false

    @Flag(help: "Write tab-separated values with a header line.")
    var tsv = false

    @Flag(help: "Write one JSON array.")
    var json = false

    @Flag(help: "Write an XML document.")
    var xml = false

    @Option(help: ArgumentHelp("Write an Excel workbook to this file, a worksheet per account.", valueName: "file"))
    var xlsx: String?

    @Option(name: [.customShort("o"), .customLong("columns")], help: ArgumentHelp("The columns, a comma list of keys; +list appends to the default.", valueName: "keys"))
    var columns: String?

    @Option(help: ArgumentHelp("A section (or worksheet) per value of this key.", valueName: "key"))
    var split: String?

    @Flag(inversion: .prefixedNo, help: "Write the header line.")
    var header = true

    @Flag(help: "Read every record first to size the table's columns.")
    var fit = false

    @Flag(help: "Show numbers as they stand, without units or rounding.")
    var rawUnits = false

    @Flag(help: "Indent the JSON.")
    var pretty = false

    @OptionGroup var zoneOptions: ZoneOptions

    @Flag(help: "Stop at the first bad line.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Compress the output with zstd.")
    var zstd = false

    func validate() throws {
        let chosen = [csv, tsv, json, xml, xlsx != nil].filter { $0 }.count
        if chosen > 1 { throw ValidationError("choose one of --csv, --tsv, --json, --xml and --xlsx") }
        if split != nil && (json || xml) { throw ValidationError("--split goes with the table, --csv, --tsv or --xlsx") }
        if pretty && !json { throw ValidationError("--pretty goes with --json") }
        if xlsx != nil && zstd { throw ValidationError("--xlsx writes a file: -z does not apply") }
    }

    func run() throws {
        try Tool.run("acct-fmt", compress: zstd) { diagnostics, sink in
            var options = FormatOptions()
            options.zone = try zoneOptions.zone()
            options.style = csv ? .csv : tsv ? .tsv : json ? .json : xml ? .xml : xlsx.map { .xlsx(path: $0) } ?? .table
            if let columns {
                options.appendColumns = columns.hasPrefix("+")
                options.columns = columns.drop(while: { $0 == "+" }).split(separator: ",").map(String.init)
            }
            options.split = split
            options.header = header
            options.fit = fit
            options.rawUnits = rawUnits
            options.pretty = pretty
            options.bold = isatty(1) == 1
            guard let xlsx else {
                try FormatJob(options: options, sink: sink, diagnostics: diagnostics, strict: strict).run(paths)
                return
            }
            let report: XlsxReport
            do {
                report = try XlsxReport(path: xlsx)
            } catch {
                throw OutputError.tableFailed(reason: "\(error)")
            }
            do {
                try FormatJob(options: options, sink: sink, diagnostics: diagnostics, strict: strict, tableSink: report).run(paths)
            } catch {
                report.abandon()
                throw error
            }
        }
    }
}
