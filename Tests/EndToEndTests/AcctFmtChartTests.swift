import Foundation
import XCTest
import _AcctTestSupport

/// acct-fmt --chart, --wide and the workbook's charts as a user runs them:
/// the SVG drawn by a real renderer (librsvg's rsvg-convert) and looked at
/// pixel by pixel, the wide CSV of the example tree, and the chart parts of
/// the workbook read from its zip archive.
final class AcctFmtChartTests: XCTestCase {
    /// Account 7's vCPU-hours step from 240 to 960 a day on October 4;
    /// account 1 stays at 48.
    private let step = "examples/acct-fmt/usage-step.ndjson"

    private func fmt(_ arguments: [String], stdin: Data? = nil) throws -> ToolResult {
        try ToolRunner.run("acct-fmt", arguments, stdin: stdin)
    }

    /// rsvg-convert, which `make deps` installs (librsvg2-bin).
    private static let renderer: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        return folders.map { "\($0)/rsvg-convert" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The document drawn as a PNG at its own size, read back.
    private func render(_ svg: Data, in dir: TempDir) throws -> PNGImage {
        guard let renderer = Self.renderer else {
            throw XCTSkip("rsvg-convert is not installed: make deps, or apt-get install librsvg2-bin")
        }
        let input = try dir.write("chart.svg", bytes: Array(svg))
        let result = try ToolRunner.runExecutable(renderer, ["-o", dir.path("chart.png"), input], stdin: nil, directory: nil, environment: nil)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try PNGImage(contentsOf: dir.path("chart.png"))
    }

    private func assertColour(_ image: PNGImage, _ x: Int, _ y: Int, _ hex: UInt32, _ what: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        let p = image.pixel(x, y)
        let want = (Int(hex >> 16), Int(hex >> 8 & 0xff), Int(hex & 0xff))
        let near = abs(Int(p.r) - want.0) <= 8 && abs(Int(p.g) - want.1) <= 8 && abs(Int(p.b) - want.2) <= 8
        XCTAssertTrue(near, "\(what): pixel (\(x), \(y)) is \(p), not #\(String(hex, radix: 16))", file: file, line: line)
    }

    /// The plot spans x 90 (October 1) to 720 (the end of October 6) and
    /// y 460 (0) to 60 (the axis top, 1200 here); each day's total holds
    /// over its day, 105 pixels wide.
    private func x(day: Double) -> Int { Int(90 + (day - 1) / 6 * 630) }
    private func y(_ value: Double) -> Int { Int(460 - value / 1200 * 400) }

    func testTheStepShowsInThePicture() throws {
        let result = try fmt(["--chart", "vcpus_hours", "--series", "account", step])
        XCTAssertEqual(result.status, 0, result.stderr)
        let dir = try TempDir()
        let image = try render(result.stdout, in: dir)
        XCTAssertEqual([image.width, image.height], [960, 540])
        let seven: UInt32 = 0x08306b, one: UInt32 = 0xfdb863, paper: UInt32 = 0xffffff
        // Before the step: 240 of account 7, 48 of account 1 above it, then nothing.
        assertColour(image, x(day: 1.5), y(120), seven, "account 7 before the step")
        assertColour(image, x(day: 1.5), y(264), one, "account 1 stacked on 7 before the step")
        assertColour(image, x(day: 1.5), y(700), paper, "above the stack before the step")
        // After it: 960 of account 7, account 1 above.
        assertColour(image, x(day: 5.5), y(120), seven, "account 7 after the step")
        assertColour(image, x(day: 5.5), y(700), seven, "account 7 after the step, high up")
        assertColour(image, x(day: 5.5), y(984), one, "account 1 stacked on 7 after the step")
        assertColour(image, x(day: 5.5), y(1100), paper, "above the stack after the step")
        // The step itself, a few pixels either side of October 4.
        assertColour(image, x(day: 3.95), y(700), paper, "just before the step")
        assertColour(image, x(day: 4.05), y(700), seven, "just after the step")
    }

    func testLinesInThePicture() throws {
        let result = try fmt(["--chart", "vcpus_hours", "--series", "account", "--lines", step])
        let dir = try TempDir()
        let image = try render(result.stdout, in: dir)
        // Lines 2 pixels wide at their values (the axis goes to 1000 here):
        // 7 at 960 after the step and 240 before, 1 at 48.
        let top = { (value: Double) in Int(460 - value / 1000 * 400) }
        assertColour(image, x(day: 5.5), top(960), 0x08306b, "account 7's line")
        assertColour(image, x(day: 1.5), top(240), 0x08306b, "account 7's line before the step")
        assertColour(image, x(day: 5.5), top(48), 0xfdb863, "account 1's line")
        assertColour(image, x(day: 5.5), top(700), 0xffffff, "between the lines")
    }

    /// The bytes for the example are fixed: the same input, the same document.
    func testExampleChartExactly() throws {
        let result = try fmt(["--chart", "vcpus_hours", "--series", "account", "--title", "vCPU-hours per account", step])
        XCTAssertEqual(result.status, 0, result.stderr)
        let expected = try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("examples/acct-fmt/usage-step.svg"))
        XCTAssertEqual(result.stdoutText, String(decoding: expected, as: UTF8.self))
    }

    func testRendererDrawsEveryKindOfDocument() throws {
        let dir = try TempDir()
        let many = (1...20).map { #"{"start":"2018-10-0\#($0 % 3 + 1)T00:00:00Z","vm":\#($0),"mem_mb":\#($0 * 512)}"# }
        for (arguments, input) in [(["--chart", "vcpus"], ""), (["--chart", "mem_mb", "--series", "vm"], many.joined(separator: "\n")),
                                   (["--chart", "mem_mb", "--series", "vm", "--lines"], many.joined(separator: "\n")),
                                   (["--chart", "mem_mb"], many[0])] {
            let result = try fmt(arguments, stdin: Data(input.utf8))
            XCTAssertEqual(result.status, 0, result.describe(arguments))
            let image = try render(result.stdout, in: dir)
            XCTAssertEqual(image.width, 960, result.describe(arguments))
        }
    }

    /// The README's picture is what `make chart` makes now, and its PNG is
    /// a picture of it.
    func testReadmePictureIsCurrent() throws {
        let result = try ToolRunner.shell("capnp-cat examples/ovc | acct-filter -x 'type != \"routeros\"' | acct-slice --every day --by account | acct-fmt --chart vcpus_hours --series account --title 'Daily vCPU-hours per account, routers left out'")
        XCTAssertEqual(result.status, 0, result.stderr)
        let svg = try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("docs/usage.svg"))
        XCTAssertEqual(result.stdoutText, String(decoding: svg, as: UTF8.self), "docs/usage.svg is stale: make chart-png")
        let png = try PNGImage(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("docs/usage.png").path)
        XCTAssertEqual([png.width, png.height], [960, 540])
        // Account 7's area, the largest, at the bottom left (#08306b).
        let p = png.pixel(100, 450)
        XCTAssertEqual([p.r, p.g, p.b], [0x08, 0x30, 0x6b])
    }

    // MARK: bad input

    func testMetricOrKeyNamedNowhere() throws {
        let result = try fmt(["--chart", "vcpu_hours", "--series", "acount", step])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            acct-fmt: --chart: 'vcpu_hours' names no key in the input; did you mean 'vcpus_hours'?
            acct-fmt: --series: 'acount' names no key in the input; did you mean 'account'?

            """)
        XCTAssertTrue(result.stdoutText.contains(">no data</text>"))
        let wide = try fmt(["--csv", "--wide", "acount", step])
        XCTAssertEqual(wide.status, 1)
        XCTAssertEqual(wide.stderr, "acct-fmt: --wide: 'acount' names no key in the input; did you mean 'account'?\n")
    }

    /// Records without a start are counted and said once; the rest is drawn.
    func testRecordsWithoutStart() throws {
        let input = """
            {"start":"2018-10-01T00:00:00Z","account":1,"vcpus":2}
            {"account":1,"vcpus":2}
            {"start":"yesterday","account":1,"vcpus":2}
            {"start":"2018-10-01T01:00:00Z","account":1,"vcpus":"four"}
            {"start":"2018-10-01T02:00:00Z","account":1,"vcpus":4}

            """
        let result = try fmt(["--chart", "vcpus"], stdin: Data(input.utf8))
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            acct-fmt: <stdin>:4: 'vcpus' is not a number
            acct-fmt: <stdin>:2: no 'start' time in the record; 2 records without one were left out of the chart

            """)
        XCTAssertTrue(result.stdoutText.contains(">vcpus (6)</text>"))
        let wide = try fmt(["--csv", "--wide", "account", "-o", "vcpus"], stdin: Data(input.utf8))
        XCTAssertEqual(wide.status, 1)
        XCTAssertEqual(wide.stdoutText, "start,vcpus:1\n2018-10-01T00:00:00Z,2\n2018-10-01T02:00:00Z,4\n")
        XCTAssertTrue(wide.stderr.hasSuffix("acct-fmt: <stdin>:2: no 'start' time in the record; 2 records without one were left out of the table\n"))
    }

    func testUsage() throws {
        for arguments in [["--chart", "vcpus", "--csv"], ["--chart", "vcpus", "--split", "account"], ["--chart", "vcpus", "-o", "vm"],
                          ["--series", "account"], ["--lines"], ["--title", "x"], ["--chart", ""], ["--wide", "account"],
                          ["--wide", "account", "--json"], ["--wide", "account", "--csv", "--split", "vm"],
                          ["--xlsx", "-", "--chart", "vcpus", "--series", "vm"], ["--chart", "vcpus", "--oneacct"]] {
            let usage = try fmt(arguments, stdin: Data())
            XCTAssertEqual(usage.status, 64, usage.describe(arguments))
            XCTAssertEqual(usage.stdout.count, 0, usage.describe(arguments))
        }
    }

    // MARK: --wide

    /// The example tree's daily vCPU-hours, an account a column.
    func testWideOnTheExampleTree() throws {
        let result = try ToolRunner.shell("capnp-cat examples/ovc | acct-filter -x 'type != \"routeros\"' | acct-slice --every day --by account,cloudspace | acct-fmt --csv --wide account -o vcpus_hours,records")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdoutText, """
            start,vcpus_hours:1,vcpus_hours:2,vcpus_hours:7,records:1,records:2,records:7
            2018-10-01T00:00:00Z,176.0,,192.0,34,,72
            2018-10-02T00:00:00Z,96.0,76.0,146.0,24,24,49

            """)
    }

    // MARK: the workbook's charts

    /// Every part of the workbook that belongs to charts, by name.
    private func chartParts(_ workbook: String) throws -> [String: String] {
        let script = """
            import json, re, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            print(json.dumps({n: z.read(n).decode() for n in z.namelist()
                              if re.match(r"xl/(charts|drawings|worksheets|workbook)", n) or n == "[Content_Types].xml"}))
            """
        let result = try ToolRunner.runExecutable("/usr/bin/env", ["python3", "-c", script, workbook], stdin: nil, directory: nil, environment: nil)
        guard result.status == 0 else { throw XCTSkip("python3 cannot read the workbook: \(result.stderr)") }
        return try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdout) as? [String: String])
    }

    private func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    func testWorkbookHasAChartOnEverySheet() throws {
        let dir = try TempDir()
        let workbook = dir.path("usage.xlsx")
        let result = try fmt(["--xlsx", workbook, "--chart", "vcpus_hours", "-o", "account,records", step])
        XCTAssertEqual(result.status, 0, result.stderr)
        let parts = try chartParts(workbook)
        // Sheets in natural order, 1 then 7 (7 comes first in the input); six rows each.
        XCTAssertEqual(matches(#"<sheet name="([^"]*)""#, in: parts["xl/workbook.xml"]!), ["1", "7"])
        for (index, sheet) in ["1", "7"].enumerated() {
            let rels = try XCTUnwrap(parts["xl/worksheets/_rels/sheet\(index + 1).xml.rels"], "sheet \(sheet) has no drawing")
            let drawing = try XCTUnwrap(matches(#"Target="../drawings/([^"]*)""#, in: rels).first)
            let drawingRels = try XCTUnwrap(parts["xl/drawings/_rels/\(drawing).rels"])
            let chart = try XCTUnwrap(matches(#"Target="../charts/([^"]*)""#, in: drawingRels).first)
            let xml = try XCTUnwrap(parts["xl/charts/\(chart)"])
            XCTAssertTrue(xml.contains("<c:lineChart>"))
            // -o account,records, then start and the metric, added for the chart: C and D.
            XCTAssertEqual(matches(#"<c:f>([^<]*)</c:f>"#, in: xml), ["'\(sheet)'!$D$1", "'\(sheet)'!$C$2:$C$7", "'\(sheet)'!$D$2:$D$7"])
            let values = matches(#"<c:v>([^<]*)</c:v>"#, in: xml)
            XCTAssertEqual(values.last, sheet == "7" ? "960" : "48")
            // The drawing sits right of the data, from column F.
            XCTAssertEqual(matches(#"<xdr:from><xdr:col>(\d+)</xdr:col>"#, in: parts["xl/drawings/\(drawing)"]!), ["5"])
        }
        XCTAssertEqual(parts.keys.filter { $0.hasPrefix("xl/charts/chart") }.count, 2)
    }

    /// Without rows a sheet has no chart, and the workbook is still good.
    func testEmptyWorkbookHasNoChart() throws {
        let dir = try TempDir()
        let workbook = dir.path("empty.xlsx")
        let result = try fmt(["--xlsx", workbook, "--chart", "vcpus_hours"], stdin: Data())
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(try chartParts(workbook).keys.filter { $0.hasPrefix("xl/charts/") }.isEmpty)
    }
}
