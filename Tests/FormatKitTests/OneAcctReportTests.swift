import AcctCore
import Foundation
import XCTest
import _AcctTestSupport

@testable import FormatKit

/// acct-fmt --oneacct inside the library: escape codes only for a
/// terminal, odd records shown as oneacct shows them, and bad times
/// reported, not printed.
final class OneAcctReportTests: XCTestCase {
    private let example = ToolRunner.repositoryRoot.appendingPathComponent("examples/opennebula")

    /// The report of `paths` with `oneacct`; bold as on a terminal or not.
    private func render(_ paths: [String], _ oneacct: OneAcctOptions, bold: Bool, zone: Zone = .utc,
                        in dir: TempDir) throws -> (output: String, errors: String) {
        var options = FormatOptions()
        options.oneacct = oneacct
        options.bold = bold
        options.common = CommonOptions(paths: paths, zone: zone)
        let sink = try ByteSink(path: dir.path("out"))
        let errors = open(dir.path("err"), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(errors) }
        try FormatJob(options: options, output: sink, diagnostics: Diagnostics(tool: "acct-fmt", fileDescriptor: errors)).run()
        try sink.finish()
        return (String(decoding: try dir.read("out"), as: UTF8.self), String(decoding: try dir.read("err"), as: UTF8.self))
    }

    private func fixture(_ name: String) throws -> String {
        try String(contentsOf: example.appendingPathComponent(name), encoding: .utf8)
    }

    private func stripped(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    private var records: String { example.appendingPathComponent("modern-basic.ndjson").path }

    func testPlainOnAPipe() throws {
        let dir = try TempDir()
        let plain = try render([records], OneAcctOptions(csv: false), bold: false, in: dir).output
        XCTAssertFalse(plain.contains("\u{1B}"))
        XCTAssertEqual(plain, stripped(try fixture("modern-basic.oneacct.txt")))
    }

    /// On a terminal: oneacct's own codes on the `# User` lines (the reset
    /// on the empty line after) and on the banner, and the header bold and
    /// underlined as oneacct's table writes it to a terminal.
    func testEscapeCodesOnATerminal() throws {
        let dir = try TempDir()
        var window = OneAcctOptions(csv: false)
        window.start = 1_709_251_200
        let bold = try render([records], window, bold: true, in: dir).output
        let header = OneAcctLayout.header(OneAcctColumn.defaultTable)
        let expected = try fixture("modern-basic.oneacct_s2024-03-01.txt")
            .replacingOccurrences(of: header + "\n", with: "\u{1B}[1m\u{1B}[4m" + header + "\u{1B}[0m\n")
        XCTAssertEqual(bold, expected)
        XCTAssertTrue(bold.hasPrefix("Showing active history records from \u{1B}[1m2024-03-01 00:00:00 +0000\u{1B}[0m to \u{1B}[1m-\u{1B}[0m\n\n"))
        XCTAssertTrue(bold.contains("\u{1B}[1m\u{1B}[4m# User 3" + String(repeating: " ", count: 72) + "\n\u{1B}[0m\n"))
    }

    func testAnotherZoneShiftsTheTimes() throws {
        let dir = try TempDir()
        var window = OneAcctOptions(csv: false)
        window.columns = [.vid, .startTime, .endTime]
        window.end = 1_709_251_200
        let output = try render([records], window, bold: false, zone: try Zone(named: "Europe/Madrid"), in: dir).output
        XCTAssertTrue(output.hasPrefix("Showing active history records from - to 2024-03-01 01:00:00 +0100\n\n"), output)
        XCTAssertTrue(output.contains("\n   5 01/02 09:00:00 02/29 19:00:00\n   5 02/29 19:00:00              -\n"), output)
    }

    func testOddRecords() throws {
        let dir = try TempDir()
        let odd = try dir.write("odd.ndjson", """
            {"vm":30,"seq":0,"host":"node01","user":4,"action_code":64,"action_uid":0,"start":"2024-03-01T10:00:00Z","end":"2024-03-01T11:00:00Z","cpu":16,"mem_mb":524288,"disk_mb":3145728,"netrx":5000000000,"nettx":1099511627776}
            {"vm":31,"seq":0,"host":"a-very-long-host-name.example.org","user":4,"action":"vmgroup-add","start":"2024-03-02T10:00:00Z","end":"2024-03-02T10:00:00Z"}
            {"vm":32,"seq":3,"user":"5","action_code":37,"start":"2024-03-03T10:00:00+01:00","end":null,"cpu":"0.125","mem_mb":null,"netrx":1048064}

            """)
        let table = try render([odd], OneAcctOptions(csv: false), bold: false, in: dir)
        XCTAssertEqual(table.errors, "")
        XCTAssertEqual(table.output, """
            # User 4                                                                        \n
             VID HOSTNAME        ACTION               START_TIME       END_TIME MEMORY CPU  NETRX  NETTX   DISK
              30 node01                           03/01 10:00:00 03/01 11:00:00   512G  16   4.7G  1024G     3T
              31 a-very-long-hos vmgroup-add      03/02 10:00:00 03/02 10:00:00     0M         0K     0K     0K

            # User 5                                                                        \n
             VID HOSTNAME        ACTION               START_TIME       END_TIME MEMORY CPU  NETRX  NETTX   DISK
              32                 snapshot-resize  03/03 09:00:00              -     0M 0.1 1023.5     0K     0K


            """)
        let csv = try render([odd], OneAcctOptions(csv: true), bold: false, in: dir)
        XCTAssertEqual(csv.output, """
            UID,VID,HOSTNAME,ACTION,START_TIME,END_TIME,MEMORY,CPU,NETRX,NETTX,DISK
            4,30,node01,"",03/01 10:00:00,03/01 11:00:00,512G,16,4.7G,1024G,3T
            4,31,a-very-long-host-name.example.org,vmgroup-add,03/02 10:00:00,03/02 10:00:00,0M,"",0K,0K,0K
            5,32,"",snapshot-resize,03/03 09:00:00,-,0M,0.125,1023.5K,0K,0K

            """)
    }

    /// The table shows control characters escaped (the `# User` line
    /// too); the CSV puts an apostrophe before the record's own text that
    /// a spreadsheet would run, never before a number or oneacct's own
    /// cells.
    func testTextThatCouldDoHarm() throws {
        let dir = try TempDir()
        let odd = try dir.write("harm.ndjson", #"""
            {"vm":1,"seq":0,"host":"-x\u0007","user":"\u001b[2J","action":"=cmd","start":"2024-03-01T10:00:00Z","cpu":"-1","mem_mb":-2}
            {"vm":2,"seq":0,"host":"+h","user":3,"action_code":0,"start":"2024-03-01T10:00:00Z","cpu":-1}

            """#)
        var columns = OneAcctOptions(csv: false)
        columns.columns = [.vid, .hostname, .action, .cpu, .memory]
        let table = try render([odd], columns, bold: false, in: dir)
        XCTAssertEqual(table.output, #"""
            # User \x1b[2J                                                                  \#n
             VID HOSTNAME        ACTION           CPU MEMORY
               1 -x\x07          =cmd              -1    -2M

            # User 3                                                                        \#n
             VID HOSTNAME        ACTION           CPU MEMORY
               2 +h              none              -1     0M


            """#)
        columns.csv = true
        let csv = try render([odd], columns, bold: false, in: dir)
        XCTAssertEqual(csv.output, "VID,HOSTNAME,ACTION,CPU,MEMORY\n1,'-x\u{07},'=cmd,'-1,-2M\n2,'+h,none,-1,0M\n")
    }

    func testBadTimesAreReportedAndSkipped() throws {
        let dir = try TempDir()
        let bad = try dir.write("bad.ndjson", """
            {"vm":1,"user":1,"start":"yesterday","end":null}
            {"vm":2,"user":1,"start":"2024-03-01T00:00:00Z","end":"soon"}
            {"vm":3,"user":1,"start":"2024-03-01T00:00:00Z","end":null}

            """)
        var columns = OneAcctOptions(csv: true)
        columns.columns = [.vid, .startTime, .endTime]
        let plain = try render([bad], columns, bold: false, in: dir)
        XCTAssertEqual(plain.output, "VID,START_TIME,END_TIME\n3,03/01 00:00:00,-\n")
        XCTAssertTrue(plain.errors.contains("bad.ndjson:1: 'start' is not an RFC 3339 time"), plain.errors)
        XCTAssertTrue(plain.errors.contains("bad.ndjson:2: 'end' is not an RFC 3339 time"), plain.errors)
        // A time no column shows is read only for the window, as acct-filter reads it.
        columns.columns = [.vid]
        columns.start = 0
        let windowed = try render([bad], columns, bold: false, in: dir)
        XCTAssertEqual(windowed.output, "VID\n1\n3\n")
        XCTAssertTrue(windowed.errors.contains("bad.ndjson:2: 'end' is not an RFC 3339 time: the record cannot match -s/-e"), windowed.errors)
    }

    func testNothingToShow() throws {
        let dir = try TempDir()
        var window = OneAcctOptions(csv: false)
        window.end = 1
        XCTAssertEqual(try render([records], window, bold: false, in: dir).output,
                       "Showing active history records from - to 1970-01-01 00:00:01 +0000\n\n")
        XCTAssertEqual(try render([dir.write("empty", "")], OneAcctOptions(csv: false), bold: false, in: dir).output, "")
        window.csv = true
        window.columns = OneAcctColumn.defaultCSV
        XCTAssertEqual(try render([records], window, bold: false, in: dir).output,
                       "UID,VID,HOSTNAME,ACTION,START_TIME,END_TIME,MEMORY,CPU,NETRX,NETTX,DISK\n")
    }
}
