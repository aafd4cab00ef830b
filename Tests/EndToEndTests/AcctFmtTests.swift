import Foundation
import XCTest
import _AcctTestSupport

/// acct-fmt as a user runs it: each format's exact output on
/// examples/acct-fmt/records.ndjson (odd values included), checked also by
/// other readers (xmllint, Python's csv and openpyxl) where installed.
final class AcctFmtTests: XCTestCase {
    private let records = "examples/acct-fmt/records.ndjson"

    private func fmt(_ arguments: [String], stdin: Data? = nil, directory: URL? = nil) throws -> ToolResult {
        try ToolRunner.run("acct-fmt", arguments, stdin: stdin, directory: directory)
    }

    private func expected(_ name: String) throws -> String {
        try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("examples/acct-fmt/\(name)"), encoding: .utf8)
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
        for (arguments, file) in cases {
            let result = try fmt(arguments + [records])
            XCTAssertEqual(result.status, 0, result.describe(arguments))
            XCTAssertEqual(result.stdoutText, try expected(file), arguments.joined(separator: " "))
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
        for arguments in [["--csv", "--json"], ["--split", "vm", "--xml"], ["--pretty"], ["--tz", "Mars/Base"]] {
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
