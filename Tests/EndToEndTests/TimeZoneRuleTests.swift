import Foundation
import XCTest
import _AcctTestSupport

/// Zones as every tool reads them: POSIX `TZ` values, a time the zone
/// shows twice (the earlier instant), a time it skips (a usage error that
/// names the jump), days whose midnight is skipped, impossible dates in -x.
final class TimeZoneRuleTests: XCTestCase {
    private let brusselsRule = "CET-1CEST,M3.5.0,M10.5.0/3"
    private let brusselsFile = "/usr/share/zoneinfo/Europe/Brussels"

    /// Half-hour records around Brussels' autumn change (01:00Z, when
    /// 03:00 CEST becomes 02:00 CET), so 02:30 is 00:30Z or 01:30Z.
    private let autumn = Data("""
        {"vm":1,"start":"2024-10-27T00:00:00Z","end":"2024-10-27T00:30:00Z"}
        {"vm":2,"start":"2024-10-27T00:30:00Z","end":"2024-10-27T01:00:00Z"}
        {"vm":3,"start":"2024-10-27T01:00:00Z","end":"2024-10-27T01:30:00Z"}
        {"vm":4,"start":"2024-10-27T01:30:00Z","end":"2024-10-27T02:00:00Z"}

        """.utf8)

    private func run(_ tool: String, _ arguments: [String], tz: String? = nil, stdin: Data? = nil) throws -> ToolResult {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = tz
        return try ToolRunner.run(tool, arguments, stdin: stdin, environment: environment)
    }

    private func vms(_ result: ToolResult) throws -> [Int] {
        try result.lines.map { line in
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try XCTUnwrap(record["vm"] as? Int)
        }
    }

    // MARK: POSIX TZ values

    /// Each tool takes the values the C library takes, and gives the same
    /// output as in UTC where it reads no time without an offset and shows
    /// none.
    func testEveryToolTakesPOSIXValues() throws {
        let runs: [(String, [String])] = [
            ("capnp-cat", ["examples/ovc/1/2018/10/1/0/account_capnp.bin"]),
            ("acct-filter", ["-x", "vcpus > 2", "examples/ovc.totals.ndjson"]),
            ("acct-slice", ["--every", "hour", "--by", "vm", "--until", "2024-04-01T00:00:00Z", "examples/opennebula/modern-basic.ndjson"]),
            // Times are shown in the zone (AcctFmtZoneTests): the other columns.
            ("acct-fmt", ["--csv", "-o", "vm,seq,host,user,vcpus,mem_mb", "examples/opennebula/modern-basic.ndjson"]),
            ("acct-import", ["--from", "opennebula", "examples/opennebula/modern-basic.history_records.xml"]),
        ]
        for (tool, arguments) in runs {
            let utc = try run(tool, arguments)
            XCTAssertEqual(utc.status, 0, utc.describe(arguments))
            XCTAssertFalse(utc.stdout.isEmpty, tool)
            for tz in ["UTC0", ":UTC0", ":/etc/localtime", brusselsRule, brusselsFile, ":" + brusselsFile, "<+0530>-5:30"] {
                let result = try run(tool, arguments, tz: tz)
                XCTAssertEqual(result.status, 0, "TZ=\(tz) " + result.describe(arguments))
                XCTAssertEqual(result.stderr, "", "TZ=\(tz) \(tool)")
                XCTAssertEqual(result.stdout, utc.stdout, "TZ=\(tz) \(tool)")
            }
        }
    }

    func testARuleZoneIsTheZoneItDescribes() throws {
        for tz in [brusselsRule, brusselsFile, ":" + brusselsFile] {
            let table = try run("acct-fmt", ["-o", "vm,start"], tz: tz, stdin: autumn)
            XCTAssertEqual(table.stdoutText, """
                        vm  start
                         1  2024-10-27 02:00:00
                         2  2024-10-27 02:30:00
                         3  2024-10-27 02:00:00
                         4  2024-10-27 02:30:00

                """, tz)
            let slice = try run("acct-slice", ["--every", "day", "--by", "vm", "-s", "2024-03-31", "-e", "2024-03-31"], tz: tz,
                                stdin: Data(#"{"vm":1,"start":"2024-03-30T00:00:00Z","end":"2024-04-02T00:00:00Z"}"#.utf8))
            XCTAssertEqual(slice.stdoutText, #"{"start":"2024-03-30T23:00:00Z","end":"2024-03-31T22:00:00Z","vm":1,"records":1,"seconds":82800}"# + "\n", tz)
        }
        let banner = try run("acct-fmt", ["--oneacct", "-s", "2024-03-01", "examples/opennebula/modern-basic.ndjson"], tz: brusselsRule)
        XCTAssertEqual(banner.lines.first, "Showing active history records from 2024-03-01 00:00:00 +0100 to -")
    }

    func testBadValuesAreStillUsageErrors() throws {
        let cases: [(String, [String], String?, String)] = [
            ("acct-filter", ["-c"], "CET-1CEST,M3.5.0,M13.5.0", "acct-filter: unknown time zone 'CET-1CEST,M3.5.0,M13.5.0' in TZ\n"),
            ("acct-slice", ["--tz", "UTC+"], nil, "acct-slice: --tz: unknown time zone 'UTC+'\n"),
            ("acct-fmt", ["--tz", ":/usr/share/zoneinfo/zone.tab"], nil, "acct-fmt: --tz: unknown time zone ':/usr/share/zoneinfo/zone.tab'\n"),
            ("capnp-cat", ["examples/ovc/1"], "Mars/Base", "capnp-cat: unknown time zone 'Mars/Base' in TZ\n"),
            ("acct-import", ["--from", "opennebula"], "utc", "acct-import: unknown time zone 'utc' in TZ\n"),
        ]
        for (tool, arguments, tz, message) in cases {
            let result = try run(tool, arguments, tz: tz, stdin: autumn)
            XCTAssertEqual(result.status, 64, result.describe(arguments))
            XCTAssertEqual(result.stderr, message)
            XCTAssertEqual(result.stdout.count, 0)
        }
    }

    // MARK: times shown twice and times skipped

    /// Brussels 02:30 on 2024-10-27 is 00:30Z, not glibc mktime's 01:30Z;
    /// New York 01:30 on 2024-11-03 is 05:30Z; Lord Howe, whose clocks go
    /// back by half an hour, 01:45 on 2024-04-07 is 14:45Z.
    func testATimeShownTwiceIsTheEarlierInstant() throws {
        for (flag, tz) in [("--tz", "Europe/Brussels"), (nil, brusselsRule), (nil, ":" + brusselsFile)] {
            let arguments = (flag.map { [$0, tz] } ?? []) + ["-s", "2024-10-27 02:30"]
            let result = try run("acct-filter", arguments, tz: flag == nil ? tz : nil, stdin: autumn)
            XCTAssertEqual(try vms(result), [2, 3, 4], tz)
            let expression = (flag.map { [$0, tz] } ?? []) + ["-x", "start = '2024-10-27 02:30'"]
            XCTAssertEqual(try vms(run("acct-filter", expression, tz: flag == nil ? tz : nil, stdin: autumn)), [2], tz)
        }
        let newYork = Data("""
            {"vm":5,"start":"2024-11-03T05:00:00Z","end":"2024-11-03T05:30:00Z"}
            {"vm":6,"start":"2024-11-03T05:30:00Z","end":"2024-11-03T06:30:00Z"}
            {"vm":7,"start":"2024-11-03T06:30:00Z","end":"2024-11-03T07:00:00Z"}

            """.utf8)
        XCTAssertEqual(try vms(run("acct-filter", ["--tz", "America/New_York", "-e", "2024-11-03 01:30"], stdin: newYork)), [5])
        let open = Data(#"{"vm":8,"start":"2024-04-06T14:00:00Z","end":null}"#.utf8)
        let lordHowe = try run("acct-slice", ["--tz", "Australia/Lord_Howe", "--every", "total", "--until", "2024-04-07 01:45"], stdin: open)
        XCTAssertEqual(lordHowe.stdoutText, #"{"vm":8,"start":"2024-04-06T14:00:00Z","end":"2024-04-06T14:45:00Z","seconds":2700}"# + "\n")
    }

    func testATimeTheZoneSkipsIsAUsageError() throws {
        let brussels = "it does not exist in Europe/Brussels (clocks jump from 02:00 to 03:00)"
        let cases: [(String, [String], String?, String)] = [
            ("acct-filter", ["--tz", "Europe/Brussels", "-s", "2024-03-31 02:30"], nil,
             "acct-filter: -s: invalid time '2024-03-31 02:30': \(brussels)"),
            ("acct-filter", ["-e", "2024-03-31T02:00:00"], brusselsRule,
             "acct-filter: -e: invalid time '2024-03-31T02:00:00': it does not exist in \(brusselsRule) (clocks jump from 02:00 to 03:00)"),
            ("acct-filter", ["--tz", "Europe/Brussels", "-x", "vm > 1 and start >= '2024-03-31 02:30'"], nil,
             "acct-filter: -x: 1:21: invalid time '2024-03-31 02:30': \(brussels)"),
            ("acct-slice", ["-s", "2024-03-31 02:59:59"], ":" + brusselsFile,
             "acct-slice: -s: invalid time '2024-03-31 02:59:59': it does not exist in \(brusselsFile) (clocks jump from 02:00 to 03:00)"),
            ("acct-slice", ["--tz", "Europe/Brussels", "--until", "2024-03-31 02:30"], nil,
             "acct-slice: --until: invalid time '2024-03-31 02:30': \(brussels)"),
            ("capnp-cat", ["--tz", "America/New_York", "--time", "2024-03-10 02:30", "examples/ovc/1/2018/10/1/0/account_capnp.bin"], nil,
             "capnp-cat: --time: invalid time '2024-03-10 02:30': it does not exist in America/New_York (clocks jump from 02:00 to 03:00)"),
            ("acct-fmt", ["--oneacct", "-e", "2024-10-06 02:15"], "Australia/Lord_Howe",
             "acct-fmt: -e: invalid time '2024-10-06 02:15': it does not exist in Australia/Lord_Howe (clocks jump from 02:00 to 02:30)"),
        ]
        for (tool, arguments, tz, message) in cases {
            let result = try run(tool, arguments, tz: tz, stdin: autumn)
            XCTAssertEqual(result.status, 64, result.describe(arguments))
            XCTAssertEqual(result.stderr, message + "\n")
            XCTAssertEqual(result.stdout.count, 0)
        }
    }

    /// America/Havana's clocks jump from 00:00 to 01:00 on 2024-03-10: that
    /// day starts at the jump (05:00Z), and the day before ends there.
    func testADayWhoseMidnightIsSkippedStartsAtTheJump() throws {
        let record = Data(#"{"vm":1,"start":"2024-03-09T00:00:00Z","end":"2024-03-12T00:00:00Z"}"#.utf8)
        let days = try run("acct-slice", ["--tz", "America/Havana", "--every", "day", "--by", "vm", "-s", "2024-03-09", "-e", "2024-03-10"],
                           stdin: record)
        XCTAssertEqual(days.status, 0, days.stderr)
        XCTAssertEqual(days.stdoutText, """
            {"start":"2024-03-09T05:00:00Z","end":"2024-03-10T05:00:00Z","vm":1,"records":1,"seconds":86400}
            {"start":"2024-03-10T05:00:00Z","end":"2024-03-11T04:00:00Z","vm":1,"records":1,"seconds":82800}

            """)
        let edge = Data("""
            {"vm":2,"start":"2024-03-10T04:59:59Z","end":"2024-03-10T06:00:00Z"}
            {"vm":3,"start":"2024-03-10T05:00:00Z","end":"2024-03-10T06:00:00Z"}

            """.utf8)
        XCTAssertEqual(try vms(run("acct-filter", ["-e", "2024-03-09"], tz: "America/Havana", stdin: edge)), [2])
        XCTAssertEqual(try vms(run("acct-filter", ["-s", "2024-03-10", "-x", "start >= '2024-03-10'"], tz: "America/Havana", stdin: edge)), [3])
    }

    /// A naive time in a source is read by the same rule: the earlier
    /// instant when shown twice, a bad row when the clocks skipped it. An
    /// Abiquo export is in UTC unless --tz names its session's zone.
    func testImportedLocalTimesFollowTheRule() throws {
        let work = try TempDir()
        try work.write("vm.csv", bytes: Array("""
            idVMAccountingEvent,idVM,idEnterprise,idVirtualDataCenter,idVirtualApp,cpu,ram,hd,startTime,stopTime,consolidated
            1,100,7,3,12,2,2048,1,2024-03-31 01:30:00,2024-03-31 02:30:00,0
            2,100,7,3,12,2,2048,1,2024-10-27 02:30:00,2024-10-27 03:30:00,0

            """.utf8))
        let path = work.url.appendingPathComponent("vm.csv").path
        let utc = try run("acct-import", ["--from", "abiquo", path])
        XCTAssertEqual(utc.status, 0, utc.stderr)
        XCTAssertEqual(utc.lines.count, 2)
        for tz in ["Europe/Paris", brusselsRule] {
            let result = try run("acct-import", ["--from", "abiquo", "--tz", tz, path])
            XCTAssertEqual(result.status, 1, tz)
            XCTAssertEqual(result.stderr, "acct-import: \(path):2: bad stopTime '2024-03-31 02:30:00'\n")
            XCTAssertEqual(result.stdoutText, #"{"source":"abiquo","start":"2024-10-27T00:30:00Z","end":"2024-10-27T02:30:00Z","account":7,"vdc":3,"vapp":12,"vm":100,"seq":2,"vcpus":2,"mem_mb":2048,"disk_bytes":1}"# + "\n")
            // TZ is the zone of whoever imports, not of the export: the
            // source's UTC stays UTC.
            XCTAssertEqual(try run("acct-import", ["--from", "abiquo", path], tz: tz).stdoutText, utc.stdoutText)
        }
    }

    /// TZ=Europe/Paris once moved every imported record by an hour.
    func testTZMovesNoImportedSource() throws {
        let imports: [[String]] = [
            ["--from", "cloudstack", "examples/cloudstack/cloud_usage.tsv"],
            ["--from", "abiquo", "examples/abiquo/accounting_event_vm.csv"],
            ["--from", "abiquo", "examples/abiquo/accounting_event_detail.tsv"],
            ["--from", "slapos", "examples/slapos/2024-03-01/dump_user.csv", "examples/slapos/2024-03-02.tar.gz"],
        ]
        for arguments in imports {
            let utc = try run("acct-import", arguments)
            XCTAssertGreaterThan(utc.lines.count, 0, utc.describe(arguments))
            for tz in ["Europe/Paris", brusselsRule] {
                XCTAssertEqual(try run("acct-import", arguments, tz: tz).stdoutText, utc.stdoutText, "TZ=\(tz) \(arguments)")
            }
        }
    }

    // MARK: impossible dates in -x

    func testAnImpossibleDateComparedWithATimeIsAUsageError() throws {
        let cases: [([String], String)] = [
            (["-x", "start < \"2024-02-30\""], "acct-filter: -x: 1:9: invalid time '2024-02-30': day out of range for February 2024"),
            (["-x", "end >= '2024-13-01'"], "acct-filter: -x: 1:8: invalid time '2024-13-01': month out of range"),
            (["-s", "2024-13-01"], "acct-filter: -s: invalid time '2024-13-01': month out of range"),
        ]
        for (arguments, message) in cases {
            let result = try run("acct-filter", arguments, stdin: autumn)
            XCTAssertEqual(result.status, 64, result.describe(arguments))
            XCTAssertEqual(result.stderr, message + "\n")
            XCTAssertEqual(result.stdout.count, 0)
        }
        // Not compared with anything that can be a time: only text.
        let text = try run("acct-filter", ["-c", "-x", "not(contains('2024-02-30', '-13-'))"], stdin: autumn)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertEqual(text.stdoutText, "4\n")
    }
}
