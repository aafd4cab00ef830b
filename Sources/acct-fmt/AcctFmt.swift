import AcctCLI
import AcctCore
import ArgumentParser
import FormatKit
import Glibc

@main
struct AcctFmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acct-fmt",
        abstract: "Render usage records as a table, CSV, TSV, JSON, XML or an Excel workbook.",
        discussion: "Reads line-delimited JSON records from each FILE or standard input. See acct-fmt(1).",
        version: AcctVersion.line(for: "acct-fmt"))

    /// Shown at the end of --help.
    static let examples = [
        HelpExample("A table of each account's totals per day",
                    "capnp-cat examples/ovc | acct-slice --every day --by account | acct-fmt"),
        HelpExample("CSV of chosen columns",
                    "capnp-cat examples/ovc | acct-fmt --csv -o start,account,vm,vcpus,mem_mb | head -n 3"),
        HelpExample("OpenNebula oneacct's own table",
                    "acct-fmt --oneacct examples/opennebula/modern-basic.ndjson"),
    ]

    static func main() { ToolMain.run(Self.self, examples: examples) }

    @OptionGroup var shared: SharedOptions

    @Flag(help: "Write CSV (RFC 4180) with a header line.")
    var csv = false

    @Flag(help: "Write tab-separated values with a header line.")
    var tsv = false

    @Flag(help: "Write one JSON array.")
    var json = false

    @Flag(help: "Write an XML document.")
    var xml = false

    @Flag(help: "Write OpenNebula oneacct's table (with --csv, its CSV) from acct-import --from opennebula records.")
    var oneacct = false

    @Option(help: ArgumentHelp("Write an Excel workbook to this file (a name ending in .xlsx, not an input; - for standard output), a worksheet per account.", valueName: "file"))
    var xlsx: String?

    @Option(name: [.customShort("o"), .customLong("columns")], help: ArgumentHelp("The columns, a comma list of keys (with --oneacct, oneacct's column names); +list appends to the default.", valueName: "keys"))
    var columns: String?

    @Option(help: ArgumentHelp("A section (or worksheet) per value of this key.", valueName: "key"))
    var split: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Sort the rows by these keys, a comma list; -KEY sorts descending.", valueName: "keys"))
    var sort: String?

    @Option(help: ArgumentHelp("Write at most this many rows (of each section or worksheet).", valueName: "n"))
    var limit: Int?

    @Flag(help: "Add a last row of totals (to each section or worksheet).")
    var total = false

    @Option(help: ArgumentHelp("Show floats with this many decimals, rounded half away from zero.", valueName: "n"))
    var precision: Int?

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("With --oneacct: keep records still running at or after this time, and say so first.", valueName: "time"))
    var start: String?

    @Option(name: .shortAndLong, parsing: .unconditional, help: ArgumentHelp("With --oneacct: keep records that began before this time (a date, month, year or week: before its end).", valueName: "time"))
    var end: String?

    @Flag(inversion: .prefixedNo, help: "Write the header line.")
    var header = true

    @Flag(help: "Read every record first to size the table's columns.")
    var fit = false

    @Flag(help: "Show numbers as they stand, without units or rounding.")
    var rawUnits = false

    @Flag(help: "Indent the JSON.")
    var pretty = false

    @Flag(inversion: .prefixedNo, help: "With --csv or --tsv: put an apostrophe before text that a spreadsheet would run as a formula.")
    var neutralize = true

    @Option(help: ArgumentHelp("Draw this metric over time as an SVG picture (with --xlsx, a chart on each worksheet).", valueName: "metric"))
    var chart: String?

    @Option(help: ArgumentHelp("With --chart: a series for each value of this key.", valueName: "key"))
    var series: String?

    @Flag(help: "With --chart: draw lines instead of stacked areas.")
    var lines = false

    @Option(help: ArgumentHelp("With --chart: the chart's title.", valueName: "text"))
    var title: String?

    @Option(help: ArgumentHelp("With --csv or --tsv: a row for each start and a column for each value of this key.", valueName: "key"))
    var wide: String?

    func validate() throws {
        let chosen = [csv, tsv, json, xml, xlsx != nil].filter { $0 }.count
        if chosen > 1 { throw ValidationError("choose one of --csv, --tsv, --json, --xml and --xlsx") }
        if split != nil && (json || xml) { throw ValidationError("--split goes with the table, --csv, --tsv or --xlsx") }
        if pretty && !json { throw ValidationError("--pretty goes with --json") }
        if !neutralize && !csv && !tsv { throw ValidationError("--no-neutralize goes with --csv or --tsv") }
        if xlsx != nil && shared.zstd { throw ValidationError("-z does not go with --xlsx (a workbook is a zip archive already)") }
        if let limit, limit < 0 { throw ValidationError("--limit takes a number of rows, 0 or more, not \(limit)") }
        if let precision, !(0...30).contains(precision) {
            throw ValidationError("--precision takes a number of decimals from 0 to 30, not \(precision)")
        }
        if precision != nil && json {
            throw ValidationError("--precision does not go with --json, which keeps every digit (round in -o: NAME=round(EXPR * 100) div 100)")
        }
        try validateOneAcct()
        try validateChart()
    }

    /// --chart draws a picture (or adds charts to the workbook); --wide
    /// reshapes CSV or TSV.
    private func validateChart() throws {
        if let wide {
            if KeyList.name(wide).isEmpty { throw ValidationError("--wide needs a key") }
            if !csv && !tsv { throw ValidationError("--wide goes with --csv or --tsv") }
            if split != nil || oneacct { throw ValidationError("--wide does not go with --split or --oneacct") }
            // Its rows are the starts and its columns the key's values.
            for (flag, given) in [("--sort", sort != nil), ("--limit", limit != nil), ("--total", total)] where given {
                throw ValidationError("--wide does not go with \(flag)")
            }
        }
        guard let chart else {
            for (flag, given) in [("--series", series != nil), ("--lines", lines), ("--title", title != nil)] where given {
                throw ValidationError("\(flag) goes with --chart")
            }
            return
        }
        if KeyList.name(chart).isEmpty { throw ValidationError("--chart needs a metric") }
        if let series, KeyList.name(series).isEmpty { throw ValidationError("--series needs a key") }
        let others = [("--csv", csv), ("--tsv", tsv), ("--json", json), ("--xml", xml), ("--oneacct", oneacct),
                      ("--fit", fit), ("--raw-units", rawUnits), ("--no-header", !header), ("-o", columns != nil && xlsx == nil),
                      ("--split", split != nil && xlsx == nil), ("--sort", sort != nil), ("--limit", limit != nil),
                      ("--total", total), ("--precision", precision != nil && xlsx == nil)]
        if let (flag, _) = others.first(where: { $0.1 }) {
            throw ValidationError("--chart does not go with \(flag) (it writes an SVG picture, or with --xlsx adds charts to the workbook)")
        }
        if xlsx != nil {
            if series != nil || lines {
                throw ValidationError("--series and --lines go with the SVG chart; the workbook's charts follow its sheets")
            }
        }
    }

    /// --oneacct is oneacct's report: only what oneacct itself can do goes with it.
    private func validateOneAcct() throws {
        guard oneacct else {
            if start != nil || end != nil {
                throw ValidationError("-s and -e go with --oneacct (acct-filter -s/-e selects records for the other formats)")
            }
            return
        }
        let others = [("--tsv", tsv), ("--json", json), ("--xml", xml), ("--xlsx", xlsx != nil), ("--fit", fit),
                      ("--raw-units", rawUnits), ("--pretty", pretty), ("--no-header", !header), ("--sort", sort != nil),
                      ("--limit", limit != nil), ("--total", total), ("--precision", precision != nil)]
        if let (flag, _) = others.first(where: { $0.1 }) {
            throw ValidationError("--oneacct does not go with \(flag) (it writes oneacct's table, or with --csv its CSV)")
        }
        if let split {
            if split != "vm" { throw ValidationError("--oneacct --split takes only vm (a table per VM, as oneacct --split)") }
            if csv { throw ValidationError("--split vm goes with the --oneacct table, not --csv") }
        }
    }

    func run() throws {
        try Tool.run(FormatJob.self, name: "acct-fmt", shared: shared) { common in
            var options = FormatOptions()
            options.common = common
            options.style = csv ? .csv : tsv ? .tsv : json ? .json : xml ? .xml : .table
            options.limit = limit
            options.total = total
            options.precision = precision
            if let xlsx { try options.setWorkbook(xlsx, standardOutputIsTerminal: isatty(1) == 1) }
            if oneacct {
                try options.setOneAcct(csv: csv, columns: columns, splitByVM: split != nil, start: start, end: end)
            } else if let columns {
                try options.setColumns(columns)
                if wide != nil && !options.computed.isEmpty {
                    throw UsageError("--wide does not go with computed columns (-o NAME=EXPR): its columns are the values of its key")
                }
            }
            options.setSplit(split)
            try options.setSort(sort)
            options.header = header
            options.fit = fit
            options.rawUnits = rawUnits
            options.pretty = pretty
            options.neutralize = neutralize
            if let chart {
                options.chart = ChartOptions(metric: KeyList.name(chart), series: series.map { KeyList.name($0) }, lines: lines, title: title)
            }
            options.wide = wide.map { KeyList.name($0) }
            // Bold only on a terminal, and not when NO_COLOR is set (no-color.org).
            options.bold = isatty(1) == 1 && (getenv("NO_COLOR").map { $0.pointee == 0 } ?? true)
            return options
        }
    }
}
