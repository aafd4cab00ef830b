import Foundation
import XCTest
import _AcctTestSupport

/// acct-fmt --oneacct as a user runs it, on records written from the
/// HISTORY_RECORDS fixture: each of oneacct's outputs for that fixture,
/// byte for byte once the escape codes oneacct always writes are removed
/// (acct-fmt writes them only to a terminal).
final class OneAcctTests: XCTestCase {
    private let records = "examples/opennebula/modern-basic.ndjson"

    private func fmt(_ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil) throws -> ToolResult {
        if let environment {
            return try ToolRunner.runExecutable(ToolRunner.path(of: "acct-fmt"), arguments, stdin: stdin, directory: nil,
                                                environment: environment)
        }
        return try ToolRunner.run("acct-fmt", arguments, stdin: stdin)
    }

    /// A fixture as it reads on a pipe: `ESC[...m` removed.
    private func expected(_ name: String) throws -> String {
        let text = try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("examples/opennebula/\(name)"), encoding: .utf8)
        return text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    func testEachOutputOfOneacct() throws {
        let cases: [([String], String)] = [
            ([], "modern-basic.oneacct.txt"),
            (["--split", "vm"], "modern-basic.oneacct_split.txt"),
            (["--csv"], "modern-basic.oneacct.csv"),
            (["-s", "2024-03-01"], "modern-basic.oneacct_s2024-03-01.txt"),
            (["-e", "2024-03-01"], "modern-basic.oneacct_e2024-03-01.txt"),
            (["-s", "2024-03-01", "-e", "2024-03-05", "--csv"], "modern-basic.oneacct_s2024-03-01_e2024-03-05.csv"),
        ]
        for (arguments, file) in cases {
            let all = ["--oneacct"] + arguments + [records]
            let result = try fmt(all)
            XCTAssertEqual(result.status, 0, result.describe(all))
            XCTAssertEqual(result.stdoutText, try expected(file), all.joined(separator: " "))
            XCTAssertEqual(result.stderr, "", all.joined(separator: " "))
        }
    }

    /// oneacct -u 2 -l VID,SEQ,UID,HOSTNAME,START_TIME: the owner filter is
    /// acct-filter's; in the table UID is who closed the record (-1: open).
    func testUserAndColumnList() throws {
        let result = try ToolRunner.shell("acct-filter -u 2 \(records) | acct-fmt --oneacct -o VID,SEQ,UID,HOSTNAME,START_TIME")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdoutText, try expected("modern-basic.oneacct_u2_list.txt"))
        // Column names in any case, as oneacct -l takes them.
        let lower = try ToolRunner.shell("acct-filter -u 2 \(records) | acct-fmt --oneacct -o vid,Seq,uid,HOSTNAME,start_time")
        XCTAssertEqual(lower.stdoutText, result.stdoutText)
    }

    /// oneacct -H 1 -g 0 ORs its two filters; acct-filter -H 1 -g 0 ANDs
    /// them, so the OR is written as an expression.
    func testHostOrGroupIsAnExpression() throws {
        let or = try ToolRunner.shell("acct-filter -x 'hid = 1 or group = 0' \(records) | acct-fmt --oneacct --csv")
        XCTAssertEqual(or.status, 0, or.stderr)
        XCTAssertEqual(or.stdoutText, try expected("modern-basic.oneacct_H1_g0.csv"))
        // The AND: only records on host 1 in group 0, and there are none.
        let and = try ToolRunner.shell("acct-filter -H 1 -g 0 \(records) | acct-fmt --oneacct --csv")
        XCTAssertEqual(and.status, 0, and.stderr)
        XCTAssertEqual(and.lines, ["UID,VID,HOSTNAME,ACTION,START_TIME,END_TIME,MEMORY,CPU,NETRX,NETTX,DISK"])
        let andSome = try ToolRunner.shell("acct-filter -H 1 -g 100 \(records) | acct-fmt --oneacct --csv -o VID,SEQ,HOSTNAME")
        XCTAssertEqual(andSome.lines, ["VID,SEQ,HOSTNAME", "20,1,node02", "20,2,node02"])
    }

    /// Times are shown in --tz (or TZ); -s/-e without an offset are read there.
    func testZone() throws {
        let madrid = try fmt(["--oneacct", "--tz", "Europe/Madrid", "-s", "2024-03-01", "-o", "VID,SEQ,START_TIME,END_TIME", records])
        XCTAssertEqual(madrid.status, 0, madrid.stderr)
        XCTAssertEqual(madrid.lines[0], "Showing active history records from 2024-03-01 00:00:00 +0100 to -")
        // Midnight in Madrid is 23:00Z: VM 21's first record (to 00:00Z) is in.
        XCTAssertTrue(madrid.lines.contains("  21   0 02/15 11:00:00 03/01 01:00:00"), madrid.stdoutText)
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "Europe/Madrid"
        let fromTZ = try fmt(["--oneacct", "-s", "2024-03-01", "-o", "VID,SEQ,START_TIME,END_TIME", records], environment: environment)
        XCTAssertEqual(fromTZ.stdoutText, madrid.stdoutText)
        let utc = try fmt(["--oneacct", "-s", "2024-03-01", "-o", "VID,SEQ,START_TIME,END_TIME", records])
        XCTAssertFalse(utc.lines.contains { $0.hasPrefix("  21   0") })
    }

    /// Values oneacct shows for odd data are output, not errors.
    func testOddRecords() throws {
        let odd = """
            {"source":"opennebula","vm":40,"seq":0,"host":"host-with-a-long-name.example.org","hid":3,"user":7,"action_code":64,"action_uid":7,"start":"2024-04-01T00:00:00Z","end":"2024-04-01T00:00:00Z","vcpus":1}
            {"source":"opennebula","vm":41,"seq":0,"host":"n1","hid":3,"user":7,"action_code":65,"action_uid":-1,"start":"2024-04-02T00:00:00Z","end":null,"cpu":0.125,"mem_mb":1025,"disk_mb":0,"netrx":1280,"nettx":0}

            """
        let table = try fmt(["--oneacct", "-"], stdin: Data(odd.utf8))
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertEqual(table.lines, [
            "# User 7" + String(repeating: " ", count: 72), "",
            " VID HOSTNAME        ACTION               START_TIME       END_TIME MEMORY CPU  NETRX  NETTX   DISK",
            "  40 host-with-a-lon                  04/01 00:00:00 04/01 00:00:00     0M         0K     0K     0K",
            "  41 n1                               04/02 00:00:00              -     1G 0.1   1.3K     0K     0K",
            "",
        ])
        let csv = try fmt(["--oneacct", "--csv"], stdin: Data(odd.utf8))
        XCTAssertEqual(csv.lines, [
            "UID,VID,HOSTNAME,ACTION,START_TIME,END_TIME,MEMORY,CPU,NETRX,NETTX,DISK",
            "7,40,host-with-a-long-name.example.org,\"\",04/01 00:00:00,04/01 00:00:00,0M,\"\",0K,0K,0K",
            "7,41,n1,\"\",04/02 00:00:00,-,1G,0.125,1.3K,0K,0K",
        ])
    }

    func testUsageErrors() throws {
        let cases: [([String], String)] = [
            (["--oneacct", "-o", "VID,REASON"], "REASON"),
            (["--oneacct", "--json"], "--json"),
            (["--oneacct", "--xml"], "--xml"),
            (["--oneacct", "--tsv"], "--tsv"),
            (["--oneacct", "--xlsx", "/tmp/never-written.xlsx"], "--xlsx"),
            (["--oneacct", "--fit"], "--fit"),
            (["--oneacct", "--raw-units"], "--raw-units"),
            (["--oneacct", "--split", "account"], "vm"),
            (["--oneacct", "--csv", "--split", "vm"], "--csv"),
            (["-s", "2024-03-01"], "--oneacct"),
            (["--csv", "-e", "2024-03-01"], "--oneacct"),
            (["--oneacct", "-s", "03/13/2024"], "-s"),
        ]
        for (arguments, named) in cases {
            let result = try fmt(arguments + [records])
            XCTAssertEqual(result.status, 64, result.describe(arguments))
            XCTAssertTrue(result.stderr.contains(named), result.describe(arguments))
            XCTAssertEqual(result.stdout.count, 0, result.describe(arguments))
        }
    }

    func testBadTimeIsReported() throws {
        let input = """
            {"vm":1,"user":1,"start":"2024-03-01","end":null}
            {"vm":2,"user":1,"start":"2024-03-01T00:00:00Z","end":null}

            """
        let result = try fmt(["--oneacct", "--csv", "-o", "VID,START_TIME"], stdin: Data(input.utf8))
        XCTAssertEqual(result.status, 1, result.describe([]))
        XCTAssertEqual(result.lines, ["VID,START_TIME", "2,03/01 00:00:00"])
        XCTAssertTrue(result.stderr.contains(":1: 'start' is not an RFC 3339 time"), result.stderr)
    }
}
