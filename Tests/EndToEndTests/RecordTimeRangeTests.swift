import Foundation
import XCTest
import _AcctTestSupport

/// Times run from 0001 to 9999 (acct-records(5)): no tool takes a time
/// outside on its command line or writes one from a source, leap-second
/// zones are refused, and a real leap second is the next day's midnight.
final class RecordTimeRangeTests: XCTestCase {
    private let range = "outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the times a record can hold"

    func testTimeOptionsOfEveryTool() throws {
        let cases: [(String, [String], String)] = [
            ("acct-filter", ["-s", "@253402300800"], "-s: invalid time '@253402300800'"),
            ("acct-filter", ["-e", "9999-12-31"], "-e: invalid time '9999-12-31'"),
            ("acct-slice", ["-s", "-3000000d"], "-s: invalid time '-3000000d'"),
            ("acct-slice", ["--until", "@-62135596801"], "--until: invalid time '@-62135596801'"),
            ("acct-slice", ["-e", "@9223372036854775807"], "-e: invalid time '@9223372036854775807'"),
            ("capnp-cat", ["--time", "@253402300800", "-"], "--time: invalid time '@253402300800'"),
            ("capnp-cat", ["-s", "@-99999999999"], "-s: invalid time '@-99999999999'"),
            ("acct-fmt", ["--oneacct", "-e", "@253402300800"], "-e: invalid time '@253402300800'"),
        ]
        for (tool, arguments, message) in cases {
            let result = try ToolRunner.run(tool, arguments, stdin: Data())
            XCTAssertEqual(result.status, 64, "\(tool) \(arguments)")
            XCTAssertEqual(result.stderr, "\(tool): \(message): \(range)\n")
        }
        let last = try ToolRunner.run("acct-filter", ["-e", "9999-12-31T23:59:59Z"],
                                      stdin: Data(#"{"start":"9999-12-31T00:00:00Z","end":"9999-12-31T23:59:59Z"}"#.utf8 + [10]))
        XCTAssertEqual(last.status, 0, last.stderr)
        XCTAssertEqual(last.lines.count, 1)
    }

    /// The last hour of 9999 ends at 10000-01-01: capnp-cat reports its
    /// file and reads the others.
    func testCapnpCatHourFolderAtTheEndOfTime() throws {
        let dir = try TempDir()
        let file = ToolRunner.repositoryRoot.appendingPathComponent("examples/ovc/2/2018/10/2/3/account_capnp.bin")
        try dir.copy(file, to: "2/9999/12/31/23/account_capnp.bin")
        try dir.copy(file, to: "2/9999/12/31/22/account_capnp.bin")
        let result = try ToolRunner.run("capnp-cat", [dir.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "capnp-cat: \(dir.path)/2/9999/12/31/23/account_capnp.bin: the hour 9999-12-31T23:00:00Z ends at 10000-01-01T00:00:00Z, after 9999-12-31T23:59:59Z, the last time a record can hold\n")
        XCTAssertFalse(result.lines.isEmpty)
        XCTAssertTrue(result.lines.allSatisfy { $0.hasPrefix(#"{"start":"9999-12-31T22:00:00Z","end":"9999-12-31T23:00:00Z","#) })
        // --raw writes no times: the hour is no problem there.
        let raw = try ToolRunner.run("capnp-cat", ["--raw", dir.path("2/9999/12/31/23/account_capnp.bin")])
        XCTAssertEqual(raw.status, 0, raw.stderr)
    }

    /// right/ zones count leap seconds in a time_t, which record times do
    /// not: --tz and TZ refuse them, naming the zone to use.
    func testLeapSecondZonesAreRefused() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/right/UTC") else {
            throw XCTSkip("tzdata has no right/ zones here")
        }
        let flag = try ToolRunner.run("acct-slice", ["--tz", "right/UTC"], stdin: Data())
        XCTAssertEqual(flag.status, 64)
        XCTAssertEqual(flag.stderr, "acct-slice: --tz: time zone 'right/UTC' counts leap seconds, which the records' POSIX times do not; use 'UTC'\n")
        let environment = try ToolRunner.run("acct-filter", ["-s", "2024-01-01"], stdin: Data(), environment: ["TZ": "right/Europe/Paris"])
        XCTAssertEqual(environment.status, 64)
        XCTAssertEqual(environment.stderr, "acct-filter: time zone 'right/Europe/Paris' in TZ counts leap seconds, which the records' POSIX times do not; use 'Europe/Paris'\n")
    }

    /// 23:59:60 UTC on a month's last day is read as the next midnight,
    /// with any offset; second 60 anywhere else is bad input.
    func testLeapSecondIsTheNextMidnight() throws {
        let input = """
            {"vm":1,"start":"2016-12-31T23:59:60Z","end":"2017-01-01T00:00:10Z"}
            {"vm":2,"start":"2017-01-01T00:59:60+01:00","end":"2017-01-01T00:00:10Z"}
            {"vm":3,"start":"2016-12-30T23:59:60Z","end":"2017-01-01T00:00:10Z"}

            """
        let result = try ToolRunner.run("acct-slice", ["--every", "total"], stdin: Data(input.utf8))
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.lines, [
            #"{"vm":1,"start":"2017-01-01T00:00:00Z","end":"2017-01-01T00:00:10Z","seconds":10}"#,
            #"{"vm":2,"start":"2017-01-01T00:00:00Z","end":"2017-01-01T00:00:10Z","seconds":10}"#,
        ])
        XCTAssertTrue(result.stderr.hasPrefix("acct-slice: <stdin>:3: "), result.stderr)
    }

    /// A source's time that --tz moves out of 0001-9999, or a CloudStack
    /// window that closes at the first instant of 10000, is reported at
    /// the source, not written for the next tool to refuse.
    func testSourceTimesOutsideTheRange() throws {
        let dir = try TempDir()
        let abiquo = try dir.write("accounting_event_vm.csv", """
            idVMAccountingEvent,idVM,idEnterprise,idVirtualDataCenter,idVirtualApp,cpu,ram,hd,startTime,stopTime,consolidated
            1,100,7,3,12,2,2048,1,9999-12-31 22:30:00,9999-12-31 23:30:00,0
            2,100,7,3,12,2,2048,1,2024-03-01 09:30:00,2024-03-01 11:00:00,0

            """)
        let west = try ToolRunner.run("acct-import", ["--from", "abiquo", "--tz", "America/New_York", abiquo])
        XCTAssertEqual(west.status, 1)
        XCTAssertEqual(west.stderr, "acct-import: \(abiquo):2: startTime '9999-12-31 22:30:00' is outside the years 0001 to 9999, the times a record can hold\n")
        XCTAssertEqual(west.lines.count, 1)
        let east = try ToolRunner.run("acct-import", ["--from", "abiquo", "--tz", "Asia/Tokyo", abiquo])
        XCTAssertEqual(east.status, 0, east.stderr)
        XCTAssertTrue(east.lines[0].contains(#""start":"9999-12-31T13:30:00Z","end":"9999-12-31T14:30:00Z""#), east.stdoutText)

        let cloudstack = try dir.write("cloud_usage.csv", """
            id,zone_id,account_id,domain_id,description,usage_display,usage_type,raw_usage,vm_instance_id,vm_name,offering_id,template_id,usage_id,type,size,network_id,start_date,end_date
            1,1,2,1,web-1,24 Hrs,1,24,10,web-1,17,5,10,KVM,NULL,NULL,9999-12-31 00:00:00,9999-12-31 23:59:59
            2,1,2,1,web-1,24 Hrs,1,24,10,web-1,17,5,10,KVM,NULL,NULL,9999-12-31 00:00:00,9999-12-31 23:59:58
            3,1,2,1,web-1,24 Hrs,1,24,10,web-1,17,5,10,KVM,NULL,NULL,0000-12-31 00:00:00,0000-12-31 23:59:58

            """)
        let windows = try ToolRunner.run("acct-import", ["--from", "cloudstack", cloudstack])
        XCTAssertEqual(windows.status, 1)
        XCTAssertEqual(windows.stderr, """
            acct-import: \(cloudstack):2: end_date '9999-12-31 23:59:59' closes its window at 10000-01-01T00:00:00Z, after 9999-12-31T23:59:59Z, the last time a record can hold
            acct-import: \(cloudstack):4: start_date '0000-12-31 00:00:00' is outside the years 0001 to 9999, the times a record can hold

            """)
        XCTAssertEqual(windows.lines.count, 1)
        XCTAssertTrue(windows.lines[0].contains(#""end":"9999-12-31T23:59:58Z""#), windows.stdoutText)
    }
}
