import Foundation
import XCTest
import _AcctTestSupport

/// acct-fmt's one display zone in every format: wall times in the table
/// and the workbook, RFC 3339 with the zone's offset in CSV, TSV, JSON and
/// XML, `Z` without a zone.
final class AcctFmtZoneTests: XCTestCase {
    /// A Brussels day of 23 hours; the hour that Brussels shows twice, once
    /// in summer time and once in winter time (written with `+00:00` and a
    /// fraction, as the stream allows); an open record in summer.
    private let input = """
        {"start":"2024-03-30T23:00:00Z","end":"2024-03-31T22:00:00Z","account":"a","vcpus":2}
        {"start":"2024-10-27T00:30:00+00:00","end":"2024-10-27T01:30:00.25Z","account":"b","vcpus":1}
        {"start":"2024-07-01T10:00:00Z","end":null,"account":"c"}

        """

    private func fmt(_ arguments: [String], environment: [String: String]? = nil) throws -> ToolResult {
        let result = try ToolRunner.runExecutable(ToolRunner.path(of: "acct-fmt"), arguments, stdin: Data(input.utf8),
                                                  directory: nil, environment: environment ?? [:])
        XCTAssertEqual(result.status, 0, result.describe(arguments))
        return result
    }

    func testDelimitedTextCarriesTheOffset() throws {
        let csv = """
            start,end,account,vcpus
            2024-03-31T00:00:00+01:00,2024-04-01T00:00:00+02:00,a,2
            2024-10-27T02:30:00+02:00,2024-10-27T02:30:00+01:00,b,1
            2024-07-01T12:00:00+02:00,,c,

            """
        XCTAssertEqual(try fmt(["--tz", "Europe/Brussels", "--csv"]).stdoutText, csv)
        XCTAssertEqual(try fmt(["--csv"], environment: ["TZ": "Europe/Brussels"]).stdoutText, csv)
        XCTAssertEqual(try fmt(["--tz", "Europe/Brussels", "--tsv"]).stdoutText, csv.replacingOccurrences(of: ",", with: "\t"))
        // Half-hour offsets west of UTC.
        XCTAssertEqual(try fmt(["--tz", "America/St_Johns", "--csv", "--no-header", "-o", "start,end"]).stdoutText, """
            2024-03-30T20:30:00-02:30,2024-03-31T19:30:00-02:30
            2024-10-26T22:00:00-02:30,2024-10-26T23:00:00-02:30
            2024-07-01T07:30:00-02:30,

            """)
        // Without a zone, or with --utc over TZ: UTC, written with Z.
        let utc = """
            start,end,account,vcpus
            2024-03-30T23:00:00Z,2024-03-31T22:00:00Z,a,2
            2024-10-27T00:30:00Z,2024-10-27T01:30:00Z,b,1
            2024-07-01T10:00:00Z,,c,

            """
        XCTAssertEqual(try fmt(["--csv"]).stdoutText, utc)
        XCTAssertEqual(try fmt(["--csv", "--utc"], environment: ["TZ": "Europe/Brussels"]).stdoutText, utc)
    }

    func testDocumentsCarryTheOffset() throws {
        XCTAssertEqual(try fmt(["--tz", "Europe/Brussels", "--json"]).stdoutText, """
            [
            {"start":"2024-03-31T00:00:00+01:00","end":"2024-04-01T00:00:00+02:00","account":"a","vcpus":2},
            {"start":"2024-10-27T02:30:00+02:00","end":"2024-10-27T02:30:00+01:00","account":"b","vcpus":1},
            {"start":"2024-07-01T12:00:00+02:00","end":null,"account":"c"}
            ]

            """)
        XCTAssertEqual(try fmt(["--tz", "Europe/Brussels", "--json", "--pretty", "-o", "start,account"]).stdoutText, """
            [
              {
                "start": "2024-03-31T00:00:00+01:00",
                "account": "a"
              },
              {
                "start": "2024-10-27T02:30:00+02:00",
                "account": "b"
              },
              {
                "start": "2024-07-01T12:00:00+02:00",
                "account": "c"
              }
            ]

            """)
        XCTAssertEqual(try fmt(["--tz", "Europe/Brussels", "--xml", "-o", "start,end"]).stdoutText, """
            <?xml version="1.0" encoding="UTF-8"?>
            <records>
              <record>
                <start>2024-03-31T00:00:00+01:00</start>
                <end>2024-04-01T00:00:00+02:00</end>
              </record>
              <record>
                <start>2024-10-27T02:30:00+02:00</start>
                <end>2024-10-27T02:30:00+01:00</end>
              </record>
              <record>
                <start>2024-07-01T12:00:00+02:00</start>
                <end/>
              </record>
            </records>

            """)
        // Without a zone JSON passes the records as they stand but for
        // their times, rewritten in UTC.
        XCTAssertEqual(try fmt(["--json"]).lines[2],
                       #"{"start":"2024-10-27T00:30:00Z","end":"2024-10-27T01:30:00Z","account":"b","vcpus":1},"#)
    }

    func testTableShowsTheWallClock() throws {
        XCTAssertEqual(try fmt(["--tz", "Europe/Brussels", "-o", "start,end,account"]).stdoutText, """
            start                end                  account
            2024-03-31 00:00:00  2024-04-01 00:00:00  a
            2024-10-27 02:30:00  2024-10-27 02:30:00  b
            2024-07-01 12:00:00                       c

            """)
    }

    /// Workbook cells are dates of the wall clock; on a sheet whose
    /// column holds only midnights they show the date alone.
    func testWorkbookShowsTheWallClock() throws {
        let work = try TempDir()
        _ = try fmt(["--tz", "Europe/Brussels", "--xlsx", work.path("zone.xlsx"), "-o", "start,end,account"])
        _ = try fmt(["--xlsx", work.path("utc.xlsx"), "-o", "start,end,account"])
        guard let python = OpenpyxlPython.path else { throw XCTSkip("openpyxl is not installed (make deps, or pip install openpyxl): the workbook was not read back") }
        func read(_ name: String) throws -> String {
            let result = try ToolRunner.runExecutable(python, ["-c", """
                import openpyxl
                for ws in openpyxl.load_workbook(\(String(reflecting: work.path(name)))).worksheets:
                    for row in list(ws.iter_rows())[1:]:
                        print(ws.title, *[(c.value.isoformat() + " " + c.number_format) for c in row[:2] if c.value is not None])
                """], stdin: nil, directory: nil, environment: nil)
            XCTAssertEqual(result.status, 0, result.stderr)
            return result.stdoutText
        }
        XCTAssertEqual(try read("zone.xlsx"), """
            a 2024-03-31T00:00:00 yyyy-mm-dd 2024-04-01T00:00:00 yyyy-mm-dd
            b 2024-10-27T02:30:00 yyyy-mm-dd hh:mm:ss 2024-10-27T02:30:00 yyyy-mm-dd hh:mm:ss
            c 2024-07-01T12:00:00 yyyy-mm-dd hh:mm:ss

            """)
        XCTAssertEqual(try read("utc.xlsx"), """
            a 2024-03-30T23:00:00 yyyy-mm-dd hh:mm:ss 2024-03-31T22:00:00 yyyy-mm-dd hh:mm:ss
            b 2024-10-27T00:30:00 yyyy-mm-dd hh:mm:ss 2024-10-27T01:30:00 yyyy-mm-dd hh:mm:ss
            c 2024-07-01T10:00:00 yyyy-mm-dd hh:mm:ss

            """)
    }

    /// A column turns to date and time at its first time of day, on its
    /// own sheet only, earlier cells included; its width follows.
    func testDateOnlyColumnsPerSheet() throws {
        let work = try TempDir()
        let rows = """
            {"start":"2024-03-01T00:00:00Z","end":"2024-03-02T00:00:00Z","account":"a"}
            {"start":"2024-03-02T10:00:00Z","end":"2024-03-03T00:00:00Z","account":"a"}
            {"start":"2024-03-02T00:00:00Z","end":"2024-03-03T00:00:00Z","account":"b"}

            """
        let made = try ToolRunner.run("acct-fmt", ["--xlsx", work.path("m.xlsx"), "-o", "start,end,account"], stdin: Data(rows.utf8))
        XCTAssertEqual(made.status, 0, made.stderr)
        guard let python = OpenpyxlPython.path else { throw XCTSkip("openpyxl is not installed (make deps, or pip install openpyxl): the workbook was not read back") }
        let result = try ToolRunner.runExecutable(python, ["-c", """
            import openpyxl
            for ws in openpyxl.load_workbook(\(String(reflecting: work.path("m.xlsx")))).worksheets:
                for row in ws.iter_rows(min_row=2):
                    print(ws.title, *[c.number_format for c in row[:2]], *[round(ws.column_dimensions[l].width) for l in "AB"])
            """], stdin: nil, directory: nil, environment: nil)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdoutText, """
            a yyyy-mm-dd hh:mm:ss yyyy-mm-dd 21 12
            a yyyy-mm-dd hh:mm:ss yyyy-mm-dd 21 12
            b yyyy-mm-dd yyyy-mm-dd 12 12

            """)
    }

    /// Only the record's own `start` and `end` are its times: a key of
    /// that name inside an object is text, in every document format.
    func testNestedKeysNamedStartAreNotTimes() throws {
        let nested = #"{"start":"2024-03-01T00:00:00Z","job":{"start":"2024-03-01T00:00:00+00:00"}}"# + "\n"
        func fmt(_ arguments: [String]) throws -> String {
            let result = try ToolRunner.run("acct-fmt", ["--tz", "Europe/Brussels"] + arguments, stdin: Data(nested.utf8))
            XCTAssertEqual(result.status, 0, result.stderr)
            return result.stdoutText
        }
        XCTAssertEqual(try fmt(["--json"]), """
            [
            {"start":"2024-03-01T01:00:00+01:00","job":{"start":"2024-03-01T00:00:00+00:00"}}
            ]

            """)
        XCTAssertEqual(try fmt(["--json", "--pretty"]), """
            [
              {
                "start": "2024-03-01T01:00:00+01:00",
                "job": {
                  "start": "2024-03-01T00:00:00+00:00"
                }
              }
            ]

            """)
        XCTAssertEqual(try fmt(["--xml"]), """
            <?xml version="1.0" encoding="UTF-8"?>
            <records>
              <record>
                <start>2024-03-01T01:00:00+01:00</start>
                <job>
                  <start>2024-03-01T00:00:00+00:00</start>
                </job>
              </record>
            </records>

            """)
    }
}
