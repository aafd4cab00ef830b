import Foundation
import XCTest
import _AcctTestSupport

/// acct-fmt as a user runs it: each format's exact output on
/// examples/acct-fmt/records.ndjson (odd values included), checked also by
/// other readers (xmllint, Python's csv and openpyxl) where installed.
final class AcctFmtTests: XCTestCase {
    private let records = "examples/acct-fmt/records.ndjson"
    private let hostile = "examples/acct-fmt/hostile.ndjson"

    private func fmt(_ arguments: [String], stdin: Data? = nil, directory: URL? = nil) throws -> ToolResult {
        try ToolRunner.run("acct-fmt", arguments, stdin: stdin, directory: directory)
    }

    func testEachFormatExactly() throws {
        let cases: [([String], String)] = [
            ([], "records.table"),
            (["--fit", "-o", "+start"], "records.fit"),
            (["--csv"], "records.csv"),
            (["--tsv", "--no-header"], "records.tsv"),
            (["--json"], "records.json"),
            (["--json", "--pretty", "-o", "vm,tags"], "records.pretty.json"),
            (["--xml"], "records.xml"),
            (["--split", "account", "--fit", "-o", "vm,vcpus,mem_mb"], "records.split"),
        ]
        try check(cases, on: records)
    }

    /// Values written to be run by a spreadsheet or a terminal, or to
    /// break a document: formulas neutralised in CSV and TSV (numbers
    /// untouched) unless --no-neutralize, control and bidirectional
    /// characters escaped in tables, CR and U+FFFF in XML, odd keys and
    /// empty objects.
    func testHostileValuesExactly() throws {
        try check([
            (["--csv"], "hostile.csv"),
            (["--csv", "--no-neutralize"], "hostile.raw.csv"),
            (["--tsv"], "hostile.tsv"),
            (["--fit"], "hostile.fit"),
            (["--split", "name", "-o", "vm,ok"], "hostile.split"),
            (["--xml"], "hostile.xml"),
        ], on: hostile)
    }

    private func check(_ cases: [([String], String)], on input: String) throws {
        for (arguments, file) in cases {
            let result = try fmt(arguments + [input])
            XCTAssertEqual(result.status, 0, result.describe(arguments))
            let bytes = try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("examples/acct-fmt/\(file)"))
            XCTAssertEqual(result.stdout, bytes, "\(arguments.joined(separator: " ")):\n\(result.stdoutText)")
        }
    }

    func testOtherReadersAgree() throws {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") {
            let xml = try ToolRunner.shell("acct-fmt --xml \(records) | xmllint --noout -")
            XCTAssertEqual(xml.status, 0, xml.stderr)
        }
        // The CSV reads back with a CSV parser to the records' values.
        let csv = try ToolRunner.shell(
            "acct-fmt --csv -o vm,image,mem_mb \(records) | python3 -c 'import csv,sys,json; print(json.dumps(list(csv.reader(sys.stdin))))'")
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: csv.stdout) as? [[String]])
        XCTAssertEqual(rows[0], ["vm", "image", "mem_mb"])
        XCTAssertEqual(rows[3], ["77", "Débian « 9 », \"quoted\"\ttab\nline", "1536.0"])
        XCTAssertEqual(rows[4], ["78", "日本語 image", "512.0"])
        // Neutralised text reads back as the value after an apostrophe,
        // inside the quotes where the field has them; numbers as written.
        let hostileCSV = try ToolRunner.shell(
            "acct-fmt --csv -o name,qty,code,cr,-delta \(hostile) | python3 -c 'import csv,sys,json; print(json.dumps(list(csv.reader(sys.stdin, strict=True))))'")
        XCTAssertEqual(hostileCSV.status, 0, hostileCSV.stderr)
        let hostileRows = try XCTUnwrap(JSONSerialization.jsonObject(with: hostileCSV.stdout) as? [[String]])
        XCTAssertEqual(hostileRows[0], ["name", "qty", "code", "cr", "'-delta"])
        XCTAssertEqual(hostileRows[1], [#"'=HYPERLINK("http://example.com/","bill")"#, "-5", "'-5", "'\r=1+1", "2"])
        XCTAssertEqual(hostileRows[2], ["\u{1B}]0;pwned\u{07}\u{1B}[31mred", "3.5", "x", "line1\r\nline2", "-1"])
        // A carriage return survives an XML parser (as a reference), and
        // every odd key and value leaves the document well-formed.
        let hostileXML = try ToolRunner.shell(
            "acct-fmt --xml \(hostile) | python3 -c 'import sys,json,xml.etree.ElementTree as E; r=E.parse(sys.stdin).getroot(); print(json.dumps([[c.tag, c.get(\"name\"), c.text] for c in r[2]]))'")
        XCTAssertEqual(hostileXML.status, 0, hostileXML.stderr)
        let elements = try XCTUnwrap(JSONSerialization.jsonObject(with: hostileXML.stdout) as? [[Any]])
        XCTAssertEqual(elements.map { $0[0] as? String }, ["vm", "name", "tags", "nested", "field", "field", "é", "field", "bad", "cr"])
        XCTAssertEqual(elements.map { $0[1] as? String }.compactMap { $0 }, ["2nd disk", "a×b", "xmlns"])
        XCTAssertEqual(elements.last?[2] as? String, "a\rb")
    }

    /// On a terminal (a pty from script(1)) the table and oneacct's table
    /// send no control character of a value: the only escape sequences are
    /// the table's own bold header.
    func testTableOnATerminalSendsNoControlCharacters() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { throw XCTSkip("script(1) is not installed") }
        let work = try TempDir()
        try work.write("host.ndjson", #"{"user":0,"vm":1,"seq":0,"host":"\u001b[2Jnode","action_code":0,"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z"}"# + "\n")
        let table = try ToolRunner.shell("env -u NO_COLOR script -eqc 'acct-fmt -o vm,name,note \(ToolRunner.repositoryRoot.path)/\(hostile)' /dev/null", directory: work.url)
        XCTAssertEqual(table.status, 0, table.stderr)
        let shown = table.stdoutText.replacingOccurrences(of: "\r\n", with: "\n")
        XCTAssertEqual(shown, """
            \u{1B}[1m        vm  name                  note\u{1B}[0m
                     1  =HYPERLINK("http://…  @SUM(A1:A9)
                     2  \\x1b]0;pwned\\x07\\x1…  bidi \\u{202e}evil\\u…
                     3  plain                 \("")

            """)
        let oneacct = try ToolRunner.shell("script -eqc 'acct-fmt --oneacct host.ndjson' /dev/null", directory: work.url)
        XCTAssertEqual(oneacct.status, 0, oneacct.stderr)
        XCTAssertTrue(oneacct.stdoutText.contains("   1 \\x1b[2Jnode     none "), oneacct.stdoutText)
        XCTAssertFalse(oneacct.stdoutText.contains("\u{1B}[2J"), oneacct.stdoutText)
    }

    /// oneacct's CSV neutralises a host name that is a formula, unless told
    /// not to; its own cells (sizes) are oneacct's.
    func testOneAcctCSVNeutralisesRecordText() throws {
        let work = try TempDir()
        try work.write("formula.ndjson", #"{"user":0,"vm":1,"seq":0,"host":"=cmd|' /C calc'!A0","action_code":0,"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","mem_mb":1024}"# + "\n")
        let csv = try ToolRunner.run("acct-fmt", ["--oneacct", "--csv", "-o", "VID,HOSTNAME,MEMORY", "formula.ndjson"], directory: work.url)
        XCTAssertEqual(csv.stdoutText, "VID,HOSTNAME,MEMORY\n1,'=cmd|' /C calc'!A0,1024M\n")
        let raw = try ToolRunner.run("acct-fmt", ["--oneacct", "--csv", "--no-neutralize", "-o", "VID,HOSTNAME,MEMORY", "formula.ndjson"], directory: work.url)
        XCTAssertEqual(raw.stdoutText, "VID,HOSTNAME,MEMORY\n1,=cmd|' /C calc'!A0,1024M\n")
    }

    func testWorkbook() throws {
        let work = try TempDir()
        let result = try fmt(["--xlsx", work.path("report.xlsx"), records])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.count, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path), ["report.xlsx"])
        guard let python = OpenpyxlPython.path else { throw XCTSkip("openpyxl is not installed (make deps, or pip install openpyxl): the workbook was not read back") }
        let read = try ToolRunner.runExecutable(python, ["-c", """
            import json, openpyxl
            wb = openpyxl.load_workbook(\(String(reflecting: work.path("report.xlsx"))))
            print(json.dumps([[ws.title, ws.freeze_panes, ws.auto_filter.ref, [[c.value for c in row] for row in ws.iter_rows(values_only=False)][:3]] for ws in wb.worksheets], default=str, ensure_ascii=False))
            """], stdin: nil, directory: nil, environment: nil)
        XCTAssertEqual(read.status, 0, read.stderr)
        let sheets = try XCTUnwrap(JSONSerialization.jsonObject(with: read.stdout) as? [[Any]])
        XCTAssertEqual(sheets.map { $0[0] as! String }, ["7", "9", "a&b<c>"])
        XCTAssertEqual(sheets[0][1] as? String, "A2")
        XCTAssertEqual(sheets[0][2] as? String, "A1:M3")
        let rows = sheets[0][3] as! [[Any]]
        XCTAssertEqual(rows[0].first as? String, "account")
        XCTAssertEqual(rows[1].prefix(3).map { ($0 as! NSNumber).intValue }, [7, 108, 1014])
        XCTAssertEqual((rows[1][6] as! NSNumber).doubleValue, 8192)
        // Times are date cells.
        let withTimes = try fmt(["--xlsx", work.path("times.xlsx"), "-o", "vm,start", records])
        XCTAssertEqual(withTimes.status, 0, withTimes.stderr)
        let time = try ToolRunner.runExecutable(python, ["-c", """
            import openpyxl
            ws = openpyxl.load_workbook(\(String(reflecting: work.path("times.xlsx")))).worksheets[0]
            print(type(ws['B2'].value).__name__, ws['B2'].value)
            """], stdin: nil, directory: nil, environment: nil)
        XCTAssertEqual(time.stdoutText, "datetime 2018-10-02 05:00:00\n")
    }

    /// --xlsx refuses, with 64 and nothing created or touched, a name not
    /// ending in .xlsx and any spelling or link of an input, standard input
    /// included.
    func testWorkbookNeverReplacesAnInput() throws {
        let work = try TempDir()
        let data = try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent(records))
        try work.write("data.ndjson", bytes: Array(data))
        try work.write("copy.ndjson", bytes: Array(data))
        try work.write("in.xlsx", bytes: Array(data))
        try FileManager.default.linkItem(atPath: work.path("in.xlsx"), toPath: work.path("hard.xlsx"))
        try FileManager.default.createSymbolicLink(atPath: work.path("link.xlsx"), withDestinationPath: "in.xlsx")
        let before = try FileManager.default.contentsOfDirectory(atPath: work.path).sorted()
        let modified = try FileManager.default.attributesOfItem(atPath: work.path("in.xlsx"))[.modificationDate] as? Date
        let cases: [(String, String)] = [
            ("acct-fmt --xlsx copy.ndjson < data.ndjson", "acct-fmt: --xlsx: 'copy.ndjson' does not end in .xlsx (a workbook's name does; - writes to standard output)\n"),
            ("acct-fmt --xlsx in.xlsx in.xlsx", "acct-fmt: --xlsx: 'in.xlsx' is the input 'in.xlsx': it would be replaced by the workbook\n"),
            ("acct-fmt --xlsx ./in.xlsx data.ndjson in.xlsx", "acct-fmt: --xlsx: './in.xlsx' is the input 'in.xlsx': it would be replaced by the workbook\n"),
            ("acct-fmt --xlsx hard.xlsx in.xlsx", "acct-fmt: --xlsx: 'hard.xlsx' is the input 'in.xlsx': it would be replaced by the workbook\n"),
            ("acct-fmt --xlsx link.xlsx \(work.path)/in.xlsx", "acct-fmt: --xlsx: 'link.xlsx' is the input '\(work.path)/in.xlsx': it would be replaced by the workbook\n"),
            ("acct-fmt --xlsx in.xlsx < in.xlsx", "acct-fmt: --xlsx: 'in.xlsx' is standard input: it would be replaced by the workbook\n"),
            ("acct-fmt --xlsx in.xlsx - < hard.xlsx", "acct-fmt: --xlsx: 'in.xlsx' is standard input: it would be replaced by the workbook\n"),
        ]
        for (command, message) in cases {
            let result = try ToolRunner.shell(command, directory: work.url)
            XCTAssertEqual(result.status, 64, command)
            XCTAssertEqual(result.stderr, message, command)
            XCTAssertEqual(result.stdout.count, 0, command)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted(), before)
        XCTAssertEqual(try work.read("in.xlsx"), Array(data))
        XCTAssertEqual(try work.read("copy.ndjson"), Array(data))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: work.path("in.xlsx"))[.modificationDate] as? Date, modified)
        // Another name in any case of .xlsx is a workbook like any other.
        let upper = try ToolRunner.shell("acct-fmt --xlsx NEW.XLSX in.xlsx", directory: work.url)
        XCTAssertEqual(upper.status, 0, upper.stderr)
        XCTAssertEqual(try work.read("NEW.XLSX").prefix(4), [0x50, 0x4B, 3, 4])
    }

    /// `--xlsx -` sends the whole workbook to standard output, refuses a
    /// terminal, and on a failed write exits 2; no temporary file stays.
    func testWorkbookOnStandardOutput() throws {
        let work = try TempDir()
        let scratch = work.path("tmp")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        let root = ToolRunner.repositoryRoot.path
        let read = try ToolRunner.shell(
            "TMPDIR=\(scratch) acct-fmt --xlsx - \(root)/\(records) | python3 -c 'import io,re,sys,zipfile; z=zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())); print(z.testzip(), re.findall(r\"<sheet name=\\\"([^\\\"]*)\\\"\", z.read(\"xl/workbook.xml\").decode()))'")
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertEqual(read.stdoutText, "None ['7', '9', 'a&amp;b&lt;c&gt;']\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch), [])
        let full = try ToolRunner.shell("TMPDIR=\(scratch) acct-fmt --xlsx - \(root)/\(records) > /dev/full")
        XCTAssertEqual(full.status, 2)
        XCTAssertEqual(full.stderr, "acct-fmt: write error: no space left on device\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch), [])
        let noFolder = try ToolRunner.shell("TMPDIR=\(work.path("none")) acct-fmt --xlsx - \(root)/\(records) | wc -c")
        XCTAssertEqual(noFolder.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines), "0")
        XCTAssertEqual(noFolder.stderr, "acct-fmt: <stdout>: cannot create the workbook's temporary file in \(work.path("none")): no such file or directory\n")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/script") {
            let terminal = try ToolRunner.shell("script -eqc 'acct-fmt --xlsx - \(root)/\(records)' /dev/null", directory: work.url)
            XCTAssertEqual(terminal.status, 64)
            XCTAssertTrue(terminal.stdoutText.hasPrefix("acct-fmt: --xlsx -: standard output is a terminal"), terminal.stdoutText)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted(), ["tmp"])
        }
    }

    func testWorkbookInAMissingFolderFails() throws {
        let work = try TempDir()
        let result = try fmt(["--xlsx", work.path("nosuch/report.xlsx"), records])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("acct-fmt: "), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path), [])
    }

    func testRollUpTableOnExamples() throws {
        let result = try ToolRunner.shell(
            "capnp-cat examples/ovc | acct-filter -x 'type != \"routeros\"' | acct-slice --every day --by account 2>/dev/null | acct-fmt --fit -o start,account,records,vcpus_hours,mem_mb_hours")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.lines.first, "start                account  records  vcpus_hours  mem_mb_hours")
        XCTAssertEqual(result.lines.count, 6)
    }

    func testBadInputAndUsage() throws {
        let input = Data("{\"vm\":1}\nnot json\n[2]\n{\"vm\":3}\n".utf8)
        let result = try fmt(["--csv"], stdin: input)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdoutText, "vm\n1\n3\n")
        XCTAssertEqual(result.stderr, "acct-fmt: <stdin>:2:2: unexpected character 'o'\nacct-fmt: <stdin>:3: not a JSON object\n")
        let strict = try fmt(["--csv", "--strict"], stdin: input)
        XCTAssertEqual(strict.stdoutText, "vm\n1\n")
        for arguments in [["--csv", "--json"], ["--split", "vm", "--xml"], ["--pretty"], ["--tz", "Mars/Base"], ["--no-neutralize"],
                          ["--json", "--no-neutralize"], ["--oneacct", "--no-neutralize"], ["--xlsx", "-", "-z"]] {
            let usage = try fmt(arguments, stdin: input)
            XCTAssertEqual(usage.status, 64, usage.describe(arguments))
            XCTAssertEqual(usage.stdout.count, 0)
        }
        let empty = try fmt(["--json"], stdin: Data())
        XCTAssertEqual(empty.stdoutText, "[]\n")
        XCTAssertEqual(try fmt(["--csv"], stdin: Data()).stdout.count, 0)
        XCTAssertEqual(try fmt(["--csv", "-o", "vm,vcpus"], stdin: Data()).stdoutText, "vm,vcpus\n")
        let wide = try fmt(["-o", "vm"], stdin: Data(#"{"vm":123456789012345}"#.utf8))
        XCTAssertEqual(wide.lines.last, "123456789012345")
        let full = try ToolRunner.shell("acct-fmt \(records) > /dev/full")
        XCTAssertEqual(full.status, 2)
    }

    func testTimesFollowTheZone() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "Asia/Tokyo"
        let result = try ToolRunner.run("acct-fmt", ["--fit", "-o", "vm,start", records], environment: environment)
        XCTAssertEqual(result.lines[1], "1014  2018-10-02 14:00:00")
        let utc = try fmt(["--fit", "--utc", "-o", "vm,start", records])
        XCTAssertEqual(utc.lines[1], "1014  2018-10-02 05:00:00")
    }

    // MARK: names on the command line that match nothing

    /// Two records for the names that match nothing: `offering` only in the
    /// second, `size` only nested.
    private let named = """
        {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":7,"vm":1,"status":"RUNNING","vcpus":2,"cpu_minutes":30}
        {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T02:00:00Z","account":8,"vm":2,"status":"HALTED","vcpus":4,"cpu_minutes":0,"offering":5,"volumes":[{"size":10}]}

        """

    /// A misspelt column is an error: exit 1, the output still written.
    func testColumnNamedNowhere() throws {
        let result = try fmt(["--csv", "-o", "account,vcpu"], stdin: Data(named.utf8))
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdoutText, "account,vcpu\n7,\n8,\n")
        XCTAssertEqual(result.stderr, "acct-fmt: -o: 'vcpu' names no key in the input; did you mean 'vcpus'?\n")
        // Appended columns count the same.
        let appended = try fmt(["--csv", "-o", "+Status,price"], stdin: Data(named.utf8))
        XCTAssertEqual(appended.status, 1)
        XCTAssertEqual(appended.lines.first, "start,end,account,vm,status,vcpus,cpu_minutes,Status,price")
        XCTAssertEqual(appended.lines.count, 3)
        XCTAssertEqual(appended.stderr, """
            acct-fmt: -o: 'Status' names no key in the input; did you mean 'status'?
            acct-fmt: -o: 'price' names no key in the input

            """)
        // A key of a later record counts; no record, nothing to compare with.
        let later = try fmt(["--json", "-o", "vm,offering"], stdin: Data(named.utf8))
        XCTAssertEqual(later.status, 0)
        XCTAssertEqual(later.stderr, "")
        let empty = try fmt(["--json", "-o", "acount"], stdin: Data())
        XCTAssertEqual(empty.status, 0)
        XCTAssertEqual(empty.stderr, "")
    }

    func testSplitKeyNamedNowhere() throws {
        let result = try fmt(["--csv", "--split", "acount", "-o", "vm"], stdin: Data(named.utf8))
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdoutText, "# acount \nvm\n1\n2\n")
        XCTAssertEqual(result.stderr, "acct-fmt: --split: 'acount' names no key in the input; did you mean 'account'?\n")
    }

    /// The workbook is still written, and the run still fails.
    func testWorkbookColumnNamedNowhere() throws {
        let work = try TempDir()
        let result = try fmt(["--xlsx", work.path("report.xlsx"), "-o", "account,vcpu"], stdin: Data(named.utf8))
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "acct-fmt: -o: 'vcpu' names no key in the input; did you mean 'vcpus'?\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path), ["report.xlsx"])
    }

    /// Spaces around the names of -o and --split are dropped.
    func testSpacesInColumns() throws {
        let spaced = try fmt(["--csv", "-o", "start, account ,\tvm", "--split", " status"], stdin: Data(named.utf8))
        let plain = try fmt(["--csv", "-o", "start,account,vm", "--split", "status"], stdin: Data(named.utf8))
        XCTAssertEqual(spaced.status, 0, spaced.stderr)
        XCTAssertEqual(spaced.stderr, "")
        XCTAssertEqual(spaced.stdoutText, plain.stdoutText)
        XCTAssertEqual(spaced.lines[1], "start,account,vm")
    }

    /// --oneacct's -o names oneacct's columns, not keys: no word about keys.
    func testOneAcctColumnsAreNotKeys() throws {
        let result = try fmt(["--oneacct", "-o", "VID,MEMORY"], stdin: Data(named.utf8))
        XCTAssertFalse(result.stderr.contains("names no key"), result.stderr)
    }
}
