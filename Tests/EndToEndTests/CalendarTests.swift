import Foundation
import XCTest
import _AcctTestSupport

/// Months, years and ISO weeks on every tool's command line, the week,
/// year and N-day grids of acct-slice across changes of the clocks and
/// year ends, and `--fill`. Expected rows are worked out here from the
/// slice bounds (local midnights, stated as UTC instants) and the
/// records, not copied from a run.
final class CalendarTests: XCTestCase {
    private func run(_ tool: String, _ arguments: [String], _ input: String) throws -> ToolResult {
        try ToolRunner.run(tool, arguments, stdin: Data(input.utf8))
    }

    private func seconds(_ text: String) -> Int64 {
        let formatter = ISO8601DateFormatter()
        return Int64(formatter.date(from: text)!.timeIntervalSince1970)
    }

    /// One roll-up row as acct-slice writes it for one record of `vcpus`
    /// over [start, end) cut to [sliceStart, sliceEnd).
    private func row(_ sliceStart: String, _ sliceEnd: String, record: (String, String), vcpus: Int) -> String {
        let from = max(seconds(record.0), seconds(sliceStart))
        let to = min(seconds(record.1), seconds(sliceEnd))
        let hours = Double(Int64(vcpus) * (to - from)) / 3600
        return #"{"start":"\#(sliceStart)","end":"\#(sliceEnd)","account":"a","records":1,"seconds":\#(to - from),"vcpus_hours":\#(hours)}"#
    }

    private func record(_ start: String, _ end: String, account: String = "a", vcpus: Int = 2) -> String {
        #"{"start":"\#(start)","end":"\#(end)","account":"\#(account)","vcpus":\#(vcpus)}"# + "\n"
    }

    // MARK: calendar forms

    private let times = [
        ("2024-02-29T22:30:00Z", "2024-02-29T23:30:00Z"),  // the first hour of March in Brussels
        ("2024-03-24T22:00:00Z", "2024-03-24T23:30:00Z"),  // across the start of week 13
        ("2024-03-31T21:30:00Z", "2024-03-31T22:30:00Z"),  // across the end of March
        ("2024-12-31T22:00:00Z", "2024-12-31T23:00:00Z"),  // the last hour of 2024
    ]

    func testMonthsYearsAndWeeksSelect() throws {
        let input = times.map { record($0.0, $0.1) }.joined()
        func count(_ arguments: [String]) throws -> String {
            let result = try run("acct-filter", ["--tz", "Europe/Brussels", "-c"] + arguments, input)
            XCTAssertEqual(result.status, 0, result.stderr)
            return result.stdoutText
        }
        // March in Brussels is [02-29T23:00Z, 03-31T22:00Z): the first
        // record overlaps it by half an hour, the third too.
        XCTAssertEqual(try count(["-s", "2024-03", "-e", "2024-03"]), "3\n")
        XCTAssertEqual(try count(["-s", "2024-03-01", "-e", "2024-03-31"]), "3\n")
        // Week 13 is [03-24T23:00Z, 03-31T22:00Z).
        XCTAssertEqual(try count(["-s", "2024-W13", "-e", "2024-W13"]), "2\n")
        XCTAssertEqual(try count(["-s", "2024", "-e", "2024"]), "4\n")
        XCTAssertEqual(try count(["-s", "2025"]), "0\n")
        // Only the third record starts in week 13 (the second starts an
        // hour before it) and before April.
        XCTAssertEqual(try count(["-x", #"start >= "2024-W13" and start < "2024-04""#]), "1\n")
        XCTAssertEqual(try count(["-x", #"end > "2025""#]), "0\n")
    }

    /// capnp-cat reads the hours of a month as of its days.
    func testCapnpCatMonth() throws {
        let month = try ToolRunner.run("capnp-cat", ["-s", "2018-10", "-e", "2018-10", "examples/ovc"])
        let days = try ToolRunner.run("capnp-cat", ["-s", "2018-10-01", "-e", "2018-10-31", "examples/ovc"])
        XCTAssertEqual(month.status, 0, month.stderr)
        XCTAssertGreaterThan(month.stdout.count, 0)
        XCTAssertEqual(month.stdout, days.stdout)
        let week = try ToolRunner.run("capnp-cat", ["-s", "2018-W40", "-e", "2018-W40", "examples/ovc"])
        let weekDays = try ToolRunner.run("capnp-cat", ["-s", "2018-10-01", "-e", "2018-10-07", "examples/ovc"])
        XCTAssertEqual(week.stdout, weekDays.stdout)
    }

    func testImpossibleCalendarFormsAreUsageErrors() throws {
        let cases: [(String, [String], String)] = [
            ("acct-filter", ["-s", "2024-13"], "acct-filter: -s: invalid time '2024-13': month out of range\n"),
            ("acct-slice", ["-e", "2024-W54"], "acct-slice: -e: invalid time '2024-W54': week out of range\n"),
            ("capnp-cat", ["-s", "2021-W53", "examples/ovc"], "capnp-cat: -s: invalid time '2021-W53': week out of range for 2021 (it has 52 ISO weeks)\n"),
            ("acct-fmt", ["--oneacct", "-e", "2024-00"], "acct-fmt: -e: invalid time '2024-00': month out of range\n"),
            ("acct-filter", ["-x", #"start < "2024-W00""#], "acct-filter: -x: 1:9: invalid time '2024-W00': week out of range\n"),
        ]
        for (tool, arguments, message) in cases {
            let result = try run(tool, arguments, "")
            XCTAssertEqual(result.status, 64, "\(tool) \(arguments)")
            XCTAssertEqual(result.stderr, message)
            XCTAssertEqual(result.stdout.count, 0)
        }
    }

    // MARK: grids

    /// ISO weeks from Monday 00:00 in Brussels (UTC+1 in winter): 2020
    /// has a week 53, which ends on Sunday 2021-01-03.
    func testWeeksAcrossTheYearEnd() throws {
        let span = ("2020-12-27T12:00:00Z", "2021-01-05T00:00:00Z")
        let result = try run("acct-slice", ["--tz", "Europe/Brussels", "--every", "week", "--by", "account"], record(span.0, span.1))
        XCTAssertEqual(result.status, 0, result.stderr)
        let mondays = ["2020-12-20T23:00:00Z", "2020-12-27T23:00:00Z", "2021-01-03T23:00:00Z", "2021-01-10T23:00:00Z"]
        XCTAssertEqual(result.lines, (0..<3).map { row(mondays[$0], mondays[$0 + 1], record: span, vcpus: 2) })
    }

    /// The weeks that hold the changes to and from summer time have 167
    /// and 169 hours.
    func testWeeksAcrossClockChanges() throws {
        let span = ("2024-03-20T00:00:00Z", "2024-04-03T00:00:00Z")
        let result = try run("acct-slice", ["--tz", "Europe/Brussels", "--every", "week", "--by", "account"], record(span.0, span.1))
        let mondays = ["2024-03-17T23:00:00Z", "2024-03-24T23:00:00Z", "2024-03-31T22:00:00Z", "2024-04-07T22:00:00Z"]
        XCTAssertEqual(result.lines, (0..<3).map { row(mondays[$0], mondays[$0 + 1], record: span, vcpus: 2) })
        XCTAssertEqual(seconds(mondays[2]) - seconds(mondays[1]), 167 * 3600)

        let autumn = ("2024-10-20T00:00:00Z", "2024-10-29T00:00:00Z")
        let back = try run("acct-slice", ["--tz", "Europe/Brussels", "--every", "week", "--by", "account"], record(autumn.0, autumn.1))
        let autumnMondays = ["2024-10-13T22:00:00Z", "2024-10-20T22:00:00Z", "2024-10-27T23:00:00Z", "2024-11-03T23:00:00Z"]
        XCTAssertEqual(seconds(autumnMondays[2]) - seconds(autumnMondays[1]), 169 * 3600)
        XCTAssertEqual(back.lines, (0..<3).map { row(autumnMondays[$0], autumnMondays[$0 + 1], record: autumn, vcpus: 2) })
    }

    func testYears() throws {
        let span = ("2023-12-31T00:00:00Z", "2025-01-01T12:00:00Z")
        let result = try run("acct-slice", ["--tz", "Europe/Brussels", "--every", "year", "--by", "account"], record(span.0, span.1))
        XCTAssertEqual(result.status, 0, result.stderr)
        let newYears = ["2022-12-31T23:00:00Z", "2023-12-31T23:00:00Z", "2024-12-31T23:00:00Z", "2025-12-31T23:00:00Z"]
        XCTAssertEqual(result.lines, (0..<3).map { row(newYears[$0], newYears[$0 + 1], record: span, vcpus: 2) })
        // 2024 is a leap year: 366 days.
        XCTAssertTrue(result.lines[1].contains(#""seconds":\#(366 * 86_400)"#), result.lines[1])
    }

    /// `--every 10d` counts from the local date of -s.
    func testRunsOfDaysFromTheWindowStart() throws {
        let span = ("2024-03-01T00:00:00Z", "2024-04-05T00:00:00Z")
        let result = try run("acct-slice", ["--tz", "Europe/Brussels", "--every", "10d", "-s", "2024-03-01", "-e", "2024-04-30", "--by", "account"],
                             record(span.0, span.1))
        XCTAssertEqual(result.status, 0, result.stderr)
        // Brussels midnights of March 1, 11, 21 and 31 (the last one in
        // summer time: its run has 239 hours) and April 10.
        let starts = ["2024-02-29T23:00:00Z", "2024-03-10T23:00:00Z", "2024-03-20T23:00:00Z", "2024-03-30T23:00:00Z", "2024-04-09T22:00:00Z"]
        XCTAssertEqual(result.lines, (0..<4).map { row(starts[$0], starts[$0 + 1], record: span, vcpus: 2) })
    }

    // MARK: --fill

    /// Every group gets a row in every day of the window; a day it had no
    /// record in holds zeros, its sums and gauge hours included.
    func testFillDaysAcrossTheChangeToSummerTime() throws {
        let input = record("2024-03-30T10:00:00Z", "2024-03-30T12:00:00Z", account: "a", vcpus: 2)
            + record("2024-04-01T08:00:00Z", "2024-04-01T09:00:00Z", account: "b", vcpus: 4)
        let result = try run("acct-slice", ["--tz", "Europe/Brussels", "--every", "day", "-s", "2024-03-30", "-e", "2024-04-01",
                                            "--by", "account", "--fill"], input)
        XCTAssertEqual(result.status, 0, result.stderr)
        let midnights = ["2024-03-29T23:00:00Z", "2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z", "2024-04-01T22:00:00Z"]
        func empty(_ day: Int, _ account: String) -> String {
            #"{"start":"\#(midnights[day])","end":"\#(midnights[day + 1])","account":"\#(account)","records":0,"seconds":0,"vcpus_hours":0.0}"#
        }
        XCTAssertEqual(result.lines, [
            #"{"start":"2024-03-29T23:00:00Z","end":"2024-03-30T23:00:00Z","account":"a","records":1,"seconds":7200,"vcpus_hours":4.0}"#,
            empty(0, "b"),
            empty(1, "a"),
            empty(1, "b"),
            empty(2, "a"),
            #"{"start":"2024-03-31T22:00:00Z","end":"2024-04-01T22:00:00Z","account":"b","records":1,"seconds":3600,"vcpus_hours":4.0}"#,
        ])
        // The filled rows roll up again to the same totals.
        let again = try run("acct-slice", ["--every", "total", "--by", "account"], result.stdoutText)
        XCTAssertEqual(again.lines.map { $0.replacingOccurrences(of: #"^.*"account""#, with: "", options: .regularExpression) }, [
            #":"a","records":1,"seconds":7200,"vcpus_hours":4.0}"#,
            #":"b","records":1,"seconds":3600,"vcpus_hours":4.0}"#,
        ])
    }

    /// Rounding up bills a whole slice, but an empty one bills nothing; the
    /// group's counters are 0 and its maxima are left out; the slices run
    /// from the one that holds -s, here a week that starts in February.
    func testFillWeeksWithCountersAndMaxima() throws {
        let input = #"{"start":"2024-03-05T10:00:00Z","end":"2024-03-05T11:00:00Z","account":"a","vcpus":2,"cpu_minutes":30,"iops_read_max":7}"# + "\n"
        let result = try run("acct-slice", ["--every", "week", "-s", "2024-03", "-e", "2024-03", "--by", "account", "--fill", "--round-up"], input)
        XCTAssertEqual(result.status, 0, result.stderr)
        let mondays = ["2024-02-26", "2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25", "2024-04-01"].map { $0 + "T00:00:00Z" }
        var expected: [String] = []
        for i in 0..<5 {
            if i == 1 {
                expected.append(#"{"start":"\#(mondays[1])","end":"\#(mondays[2])","account":"a","records":1,"seconds":604800,"cpu_minutes":30,"iops_read_max":7,"vcpus_hours":336.0}"#)
            } else {
                expected.append(#"{"start":"\#(mondays[i])","end":"\#(mondays[i + 1])","account":"a","records":0,"seconds":0,"cpu_minutes":0,"vcpus_hours":0.0}"#)
            }
        }
        XCTAssertEqual(result.lines, expected)
    }

    func testFillNeedsAGroupAndAWindow() throws {
        let cases: [([String], String)] = [
            (["--fill", "-s", "2024-03", "-e", "2024-03"], "acct-slice: --fill goes with --by (a row per group for each empty slice)\n"),
            (["--fill", "--by", "account", "-s", "2024-03"], "acct-slice: --fill needs -s and -e (the slices to fill lie between them)\n"),
            (["--fill", "--by", "account"], "acct-slice: --fill needs -s and -e (the slices to fill lie between them)\n"),
            // Two years of minutes: 1,052,640 slices.
            (["--fill", "--by", "account", "--every", "1m", "-s", "2023", "-e", "2024"],
             "acct-slice: --fill: the window holds more than 1000000 slices of the grid\n"),
            // A window outside the times a record can hold is refused with its time.
            (["--fill", "--by", "account", "--every", "week", "-s", "@9223372036854775000", "-e", "@9223372036854775807"],
             "acct-slice: -s: invalid time '@9223372036854775000': outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the times a record can hold\n"),
            (["--fill", "--by", "account", "--every", "year", "-s", "@-9223372036854775808", "-e", "2024"],
             "acct-slice: -s: invalid time '@-9223372036854775808': outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the times a record can hold\n"),
        ]
        for (arguments, message) in cases {
            let result = try run("acct-slice", arguments, record("2024-03-01T00:00:00Z", "2024-03-01T01:00:00Z"))
            XCTAssertEqual(result.status, 64, "\(arguments)")
            XCTAssertEqual(result.stderr, message)
            XCTAssertEqual(result.stdout.count, 0)
        }
    }
}
