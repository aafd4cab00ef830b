import Foundation
import XCTest
import _AcctTestSupport

/// acct-slice as a user runs it: the worked cases with exact rows, then
/// properties over thousands of random records: conservation, clipping,
/// idempotence and mergeable roll-ups.
final class AcctSliceTests: XCTestCase {
    private func slice(_ arguments: [String], _ input: String) throws -> ToolResult {
        try ToolRunner.run("acct-slice", arguments, stdin: Data(input.utf8))
    }

    private func objects(_ result: ToolResult) throws -> [[String: Any]] {
        try result.lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], $0) }
    }

    // MARK: worked cases

    func testIntervalAcrossFourHours() throws {
        let input = #"{"start":"2024-03-01T00:30:00Z","end":"2024-03-01T03:15:00Z","vm":1,"vcpus":2,"cpu_minutes":100,"net_tx_bytes":1.5}"# + "\n"
        let result = try slice([], input)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdoutText, """
            {"start":"2024-03-01T00:30:00Z","end":"2024-03-01T01:00:00Z","vm":1,"vcpus":2,"cpu_minutes":18,"net_tx_bytes":0.2727272727272727,"seconds":1800}
            {"start":"2024-03-01T01:00:00Z","end":"2024-03-01T02:00:00Z","vm":1,"vcpus":2,"cpu_minutes":36,"net_tx_bytes":0.5454545454545454,"seconds":3600}
            {"start":"2024-03-01T02:00:00Z","end":"2024-03-01T03:00:00Z","vm":1,"vcpus":2,"cpu_minutes":36,"net_tx_bytes":0.5454545454545454,"seconds":3600}
            {"start":"2024-03-01T03:00:00Z","end":"2024-03-01T03:15:00Z","vm":1,"vcpus":2,"cpu_minutes":10,"net_tx_bytes":0.13636363636363635,"seconds":900}

            """)
        // The same counter cut by day then by hour adds up the same way.
        let daily = try slice(["--every", "day"], input)
        XCTAssertEqual(try objects(daily).first?["cpu_minutes"] as? Int, 100)
    }

    func testTouchingBoundariesGiveNoEmptyRows() throws {
        let input = #"{"start":"2024-03-01T01:00:00Z","end":"2024-03-01T02:00:00Z","vm":1}"# + "\n"
            + #"{"start":"2024-03-01T02:00:00Z","end":"2024-03-01T02:00:00Z","vm":2}"# + "\n"
        let result = try slice([], input)
        XCTAssertEqual(result.stdoutText, #"{"start":"2024-03-01T01:00:00Z","end":"2024-03-01T02:00:00Z","vm":1,"seconds":3600}"# + "\n")
    }

    func testOpenRecords() throws {
        let input = #"{"start":"2024-03-01T22:30:00Z","end":null,"vm":1}"# + "\n" + #"{"start":"2024-03-01T23:00:00Z","vm":2}"# + "\n"
        let until = try slice(["--until", "2024-03-01T23:30:00Z"], input)
        XCTAssertEqual(until.status, 0, until.stderr)
        XCTAssertEqual(until.stdoutText, """
            {"start":"2024-03-01T22:30:00Z","end":"2024-03-01T23:00:00Z","vm":1,"seconds":1800}
            {"start":"2024-03-01T23:00:00Z","end":"2024-03-01T23:30:00Z","vm":1,"seconds":1800}
            {"start":"2024-03-01T23:00:00Z","end":"2024-03-01T23:30:00Z","vm":2,"seconds":1800}

            """)
        // -e alone closes them at the end of the window: through March 1.
        let window = try slice(["-e", "2024-03-01"], input)
        XCTAssertEqual(window.lines.count, 3)
        XCTAssertTrue(window.lines[2].hasPrefix(#"{"start":"2024-03-01T23:00:00Z","end":"2024-03-02T00:00:00Z","vm":2"#), window.stdoutText)
        let neither = try slice([], input)
        XCTAssertEqual(neither.status, 1)
        XCTAssertEqual(neither.stdout.count, 0)
        XCTAssertEqual(neither.stderr, "acct-slice: 2 open records skipped (no --until or -e to close them), the first at <stdin>:1\n")
    }

    func testClipWindow() throws {
        let input = #"{"start":"2024-02-28T12:00:00Z","end":"2024-03-02T12:00:00Z","vm":1,"cpu_minutes":72}"# + "\n"
        let result = try slice(["--every", "day", "-s", "2024-03-01", "-e", "2024-03-01"], input)
        XCTAssertEqual(result.stdoutText, #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-02T00:00:00Z","vm":1,"cpu_minutes":24,"seconds":86400}"# + "\n")
    }

    func testRollUp() throws {
        let input = """
            {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T02:00:00Z","account":7,"vm":1,"vcpus":2,"mem_mb":1024.0,"cpu_minutes":10,"iops_read_max":5}
            {"start":"2024-03-01T00:30:00Z","end":"2024-03-01T01:00:00Z","account":7,"vm":2,"vcpus":4,"mem_mb":512.0,"cpu_minutes":3,"iops_read_max":9}
            {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":"x","vm":3,"vcpus":1}

            """
        let result = try slice(["--by", "account"], input)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdoutText, """
            {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":7,"records":2,"seconds":5400,"cpu_minutes":8,"iops_read_max":9,"mem_mb_hours":1280.0,"vcpus_hours":4.0}
            {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":"x","records":1,"seconds":3600,"vcpus_hours":1.0}
            {"start":"2024-03-01T01:00:00Z","end":"2024-03-01T02:00:00Z","account":7,"records":1,"seconds":3600,"cpu_minutes":5,"iops_read_max":5,"mem_mb_hours":1024.0,"vcpus_hours":2.0}

            """)
        // vm is an identity key by the record format: left out without a note.
        XCTAssertEqual(result.stderr, "")
        let priced = try slice(["--by", "account"], #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":7,"vm":1,"price":3,"vcpus":2}"# + "\n")
        XCTAssertEqual(priced.status, 0)
        XCTAssertEqual(priced.stdoutText, #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":7,"records":1,"seconds":3600,"vcpus_hours":2.0}"# + "\n")
        XCTAssertEqual(priced.stderr, "acct-slice: numeric keys that are not metrics were left out of the roll-up: price (name them with --counter or --gauge to add them up)\n")
        let total = try slice(["--every", "total", "--by", "account", "--counter", "vm"], input)
        XCTAssertEqual(total.lines.first, #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T02:00:00Z","account":7,"records":2,"seconds":9000,"cpu_minutes":13,"iops_read_max":9,"mem_mb_hours":2304.0,"vcpus_hours":6.0,"vm":3}"#)
        let odd = try slice(["--every", "total", "--by", "a\"b"], input)
        XCTAssertTrue(odd.lines[0].contains(#","a\"b":null,"#), odd.stdoutText)
        let gauged = try slice(["--every", "total", "--by", "account", "--gauge", "cpu_minutes"], input)
        XCTAssertTrue(gauged.lines[0].contains(#""cpu_minutes_hours":21.5"#), gauged.lines[0])
    }

    func testRoundUp() throws {
        let input = """
            {"start":"2024-03-01T00:10:00Z","end":"2024-03-01T00:20:00Z","vm":1,"vcpus":2}
            {"start":"2024-03-01T00:40:00Z","end":"2024-03-01T01:05:00Z","vm":1,"vcpus":4}

            """
        let rows = try slice(["--round-up"], input)
        XCTAssertEqual(rows.stdoutText, """
            {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","vm":1,"vcpus":2,"seconds":3600}
            {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","vm":1,"vcpus":4,"seconds":3600}
            {"start":"2024-03-01T01:00:00Z","end":"2024-03-01T02:00:00Z","vm":1,"vcpus":4,"seconds":3600}

            """)
        // Abiquo's rule: one key's rows in one slice bill once, at their max.
        // On the total grid there is no slice to round up to: rows keep their times.
        let total = try slice(["--round-up", "--every", "total"], input)
        XCTAssertEqual(total.lines.first, #"{"start":"2024-03-01T00:10:00Z","end":"2024-03-01T00:20:00Z","vm":1,"vcpus":2,"seconds":600}"#)
        let billed = try slice(["--round-up", "--by", "vm"], input)
        XCTAssertEqual(billed.stdoutText, """
            {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","vm":1,"records":2,"seconds":3600,"vcpus_hours":4.0}
            {"start":"2024-03-01T01:00:00Z","end":"2024-03-01T02:00:00Z","vm":1,"records":1,"seconds":3600,"vcpus_hours":4.0}

            """)
    }

    func testDaylightSavingDaysInParis() throws {
        let input = #"{"start":"2024-03-30T23:00:00Z","end":"2024-03-31T22:00:00Z","vm":1}"# + "\n"
            + #"{"start":"2024-10-26T22:00:00Z","end":"2024-10-27T23:00:00Z","vm":2}"# + "\n"
        let hourly = try slice(["--tz", "Europe/Paris", "--by", "vm", "--every", "hour"], input)
        XCTAssertEqual(try objects(hourly).filter { $0["vm"] as? Int == 1 }.count, 23)
        XCTAssertEqual(try objects(hourly).filter { $0["vm"] as? Int == 2 }.count, 25)
        let daily = try slice(["--tz", "Europe/Paris", "--every", "day"], input)
        XCTAssertEqual(try objects(daily).map { $0["seconds"] as! Int }, [23 * 3600, 25 * 3600])
    }

    func testKeyedLinesReadBack() throws {
        let input = #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T02:00:00Z","account":7,"vcpus":2}"# + "\n"
        let keyed = try slice(["--by", "account", "--keyed"], input)
        XCTAssertEqual(keyed.lines.first, "2024-03-01T00:00:00Z,7\t" + #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":7,"records":1,"seconds":3600,"vcpus_hours":2.0}"#)
        let totalKeyed = try slice(["--every", "total", "--by", "account", "--keyed"], input)
        XCTAssertTrue(totalKeyed.stdoutText.hasPrefix("total,7\t{"), totalKeyed.stdoutText)
        let reduced = try slice(["--by", "account"], keyed.stdoutText)
        let direct = try slice(["--by", "account"], input)
        XCTAssertEqual(reduced.stdoutText, direct.stdoutText)
    }

    // MARK: bad input

    func testBadRecords() throws {
        let input = """
            {"end":"2024-03-01T01:00:00Z","vm":1}
            {"start":"2024-03-01 00:00","end":"2024-03-01T01:00:00Z","vm":2}
            {"start":"2024-03-01T01:00:00Z","end":"2024-03-01T00:00:00Z","vm":3}
            {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","vm":4,"cpu_minutes":"lots"}
            {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","vm":5}
            {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","vm":6,"net_rx_bytes":"NaN"}

            """
        let result = try slice([], input)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.lines.count, 1)
        XCTAssertEqual(result.stderr, """
            acct-slice: <stdin>:1: no 'start' time
            acct-slice: <stdin>:2: 'start' is not an RFC 3339 time with an offset
            acct-slice: <stdin>:3: 'end' is before 'start'
            acct-slice: <stdin>:4: 'cpu_minutes' is a metric but not a number
            acct-slice: <stdin>:6: 'net_rx_bytes' is a metric but not a number

            """)
        let usage = try slice(["--every", "fortnight"], input)
        XCTAssertEqual(usage.status, 64)
        XCTAssertEqual(usage.stderr, "acct-slice: --every: invalid grid 'fortnight': expected hour, day, week, month, year, total, Nm, Nh or Nd\n")
        XCTAssertEqual(try slice(["--tz", "Mars/Base"], input).status, 64)
        for arguments in [["--every", "99999999999999999h"], ["--every", "+15m"], ["--counter", "start"], ["--gauge", "seconds"], ["--by", ","], ["--by", "account,start"]] {
            let bad = try slice(arguments, input)
            XCTAssertEqual(bad.status, 64, bad.describe(arguments))
            XCTAssertEqual(bad.stdout.count, 0)
        }
    }

    /// Ten years on an hourly grid streams out (87,648 rows) without a list first.
    func testLongIntervalStreams() throws {
        let result = try ToolRunner.shell(
            "echo '{\"start\":\"2014-01-01T00:00:00Z\",\"end\":\"2024-01-01T00:00:00Z\",\"cpu_minutes\":87672}' | acct-slice | wc -l")
        XCTAssertEqual(result.stdoutText.trimmingCharacters(in: .whitespaces), "87648\n")
    }

    // MARK: properties over random records

    private struct Random {
        var state: UInt64
        mutating func next(_ n: Int64) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((state >> 33) % UInt64(n))
        }
    }

    /// Records over a month: random lengths (up to two days), integer and
    /// float counters, gauges, two group keys.
    private func randomRecords(_ count: Int, seed: UInt64) -> String {
        var rng = Random(state: seed)
        let base: Int64 = 1_709_251_200  // 2024-03-01
        var lines = ""
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        func time(_ t: Int64) -> String { formatter.string(from: Date(timeIntervalSince1970: TimeInterval(t))) }
        for i in 0..<count {
            let start = base + rng.next(30 * 86_400)
            let end = start + 1 + rng.next(2 * 86_400)
            let cpu = rng.next(1_000_000_000)
            let bytes = Double(rng.next(1_000_000)) / 7.0
            lines += #"{"start":"\#(time(start))","end":"\#(time(end))","account":\#(rng.next(5)),"cloudspace":"cs\#(rng.next(3))","vm":\#(i),"vcpus":\#(1 + rng.next(8)),"mem_mb":\#(Double(512 * (1 + rng.next(8)))),"cpu_minutes":\#(cpu),"net_tx_bytes":\#(bytes)}"# + "\n"
        }
        return lines
    }

    /// A record with the keys of the one before, in the same order, is
    /// read from that one's members (acct-slice keeps them). A stream in
    /// which no two records in a row share their keys' order, read member
    /// by member, must roll up to the same rows and the same complaints.
    func testRecordsOfOneShapeRollUpAsRecordsOfMany() throws {
        var lines = randomRecords(300, seed: 7).split(separator: "\n").map(String.init)
        // Changes inside a run of one shape: a key renamed at the same
        // length, a metric that is not a number, a nested value, a key
        // twice, a key left out.
        lines[40] = lines[40].replacingOccurrences(of: #""vcpus""#, with: #""disks""#)
        lines[80] = lines[80].replacingOccurrences(of: #""cpu_minutes":[0-9]+"#, with: #""cpu_minutes":"lots""#, options: .regularExpression)
        lines[120] = lines[120].replacingOccurrences(of: #""vm":"#, with: #""tags":{"a":1},"vm":"#)
        lines[160] = String(lines[160].dropLast()) + #","vcpus":3}"#
        lines[200] = lines[200].replacingOccurrences(of: #""cloudspace":"#, with: #""x":"#)
        // The same records, each with its members turned round by its line
        // number (the key twice stays where it is: the last one counts).
        let turned = lines.enumerated().map { i, line -> String in
            guard i != 160 else { return line }
            let members = line.dropFirst().dropLast().split(separator: ",")
            let k = i % members.count
            return "{" + (members[k...] + members[..<k]).joined(separator: ",") + "}"
        }
        let (same, many) = (lines.joined(separator: "\n") + "\n", turned.joined(separator: "\n") + "\n")
        for arguments in [["--by", "account"], ["--every", "day", "--by", "cloudspace,account"], ["--by", "vm", "--round-up"],
                          ["--every", "week", "--by", "account", "-j", "3"]] {
            let (a, b) = (try slice(arguments, same), try slice(arguments, many))
            XCTAssertEqual(a.stdoutText, b.stdoutText, a.describe(arguments))
            XCTAssertEqual(a.stderr, b.stderr, a.describe(arguments))
            XCTAssertEqual(a.status, 1, a.describe(arguments))
            XCTAssertTrue(a.stderr.contains("<stdin>:81: 'cpu_minutes' is a metric but not a number"), a.stderr)
            XCTAssertTrue(a.stdoutText.contains("disks_hours"), a.describe(arguments))
        }
    }

    func testSlicingConservesCountersAndSeconds() throws {
        let input = randomRecords(2000, seed: 42)
        func totals(_ text: String) throws -> (Int, Int, Double) {
            var totals = (0, 0, 0.0)
            for line in text.split(separator: "\n") {
                let r = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                totals.0 += Int(RFC3339Seconds(r["end"] as! String) - RFC3339Seconds(r["start"] as! String))
                totals.1 += r["cpu_minutes"] as! Int
                totals.2 += r["net_tx_bytes"] as! Double
            }
            return totals
        }
        let (wantSeconds, wantCPU, wantBytes) = try totals(input)
        let quarter = input.split(separator: "\n").prefix(500).map { $0 + "\n" }.joined()
        let quarterTotals = try totals(quarter)
        for grid in ["hour", "15m", "6h", "day", "month", "total"] {
            for zone in ["UTC", "Europe/Paris"] {
                // Quarter hours make 96 rows a day: a quarter of the records
                // keeps the test quick.
                let records = grid == "15m" ? quarter : input
                let want = grid == "15m" ? quarterTotals : (wantSeconds, wantCPU, wantBytes)
                let result = try slice(["--every", grid, "--tz", zone], records)
                XCTAssertEqual(result.status, 0, result.stderr)
                var seconds = 0
                var cpu = 0
                var bytes = 0.0
                for row in try objects(result) {
                    let length = Int(RFC3339Seconds(row["end"] as! String) - RFC3339Seconds(row["start"] as! String))
                    XCTAssertGreaterThan(length, 0)
                    XCTAssertEqual(row["seconds"] as! Int, length)
                    seconds += length
                    cpu += row["cpu_minutes"] as! Int
                    bytes += row["net_tx_bytes"] as! Double
                }
                XCTAssertEqual(seconds, want.0, "\(grid) \(zone)")
                XCTAssertEqual(cpu, want.1, "\(grid) \(zone)")
                XCTAssertEqual(bytes, want.2, accuracy: want.2 * 1e-9, "\(grid) \(zone)")
            }
        }
        // Rows stay inside a clip window.
        let clipped = try slice(["-s", "2024-03-05T06:30:00Z", "-e", "2024-03-09T00:00:00Z"], input)
        for row in try objects(clipped) {
            XCTAssertGreaterThanOrEqual(row["start"] as! String, "2024-03-05T06:30:00Z")
            XCTAssertLessThanOrEqual(row["end"] as! String, "2024-03-09T00:00:00Z")
        }
    }

    func testSlicingTwiceEqualsOnce() throws {
        let input = randomRecords(500, seed: 7)
        for grid in ["hour", "day"] {
            let once = try slice(["--every", grid], input)
            let twice = try slice(["--every", grid], once.stdoutText)
            XCTAssertEqual(once.stdoutText, twice.stdoutText, grid)
        }
    }

    /// Roll-ups merge: parts rolled up and rolled up again equal the whole;
    /// sliced rows roll up like records; hourly then daily equals daily.
    func testRollUpsMerge() throws {
        let input = randomRecords(2000, seed: 99)
        let lines = input.split(separator: "\n", omittingEmptySubsequences: true)
        let by = ["--every", "day", "--by", "account,cloudspace"]
        let whole = try slice(by, input)
        XCTAssertEqual(whole.status, 0, whole.stderr)
        var partial = ""
        for part in 0..<3 {
            let chunk = lines.enumerated().filter { $0.offset % 3 == part }.map { $0.element + "\n" }.joined()
            partial += try slice(by, chunk).stdoutText
        }
        let merged = try slice(by, partial)
        try assertSameRows(merged, whole)
        // `records` counts the rows folded in, so it is the one figure that
        // depends on what was sliced before.
        let hourly = try slice(["--every", "hour"], input)
        try assertSameRows(try slice(by, hourly.stdoutText), whole, ignoring: "records")
        let hourlyRolled = try slice(["--every", "hour", "--by", "account,cloudspace"], input)
        try assertSameRows(try slice(by, hourlyRolled.stdoutText), whole, ignoring: "records")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/parallel") {
            let work = try TempDir()
            try work.write("in.ndjson", input)
            let parallel = try ToolRunner.shell(
                "parallel --pipe -N 700 acct-slice \(by.joined(separator: " ")) < in.ndjson | acct-slice \(by.joined(separator: " "))",
                directory: work.url)
            try assertSameRows(parallel, whole)
        }
    }

    /// Same rows, same keys in the same order; integers equal, floats within 1e-9.
    private func assertSameRows(
        _ a: ToolResult, _ b: ToolResult, ignoring: String? = nil, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        XCTAssertEqual(a.lines.count, b.lines.count, file: file, line: line)
        for (x, y) in zip(try objects(a), try objects(b)) {
            XCTAssertEqual(Set(x.keys), Set(y.keys), file: file, line: line)
            for (key, value) in x where key != ignoring {
                if let p = value as? Double, let q = y[key] as? Double, !(value is Int) {
                    XCTAssertEqual(p, q, accuracy: abs(q) * 1e-9 + 1e-9, key, file: file, line: line)
                } else {
                    XCTAssertEqual("\(value)", "\(y[key]!)", key, file: file, line: line)
                }
            }
        }
    }

    // MARK: names on the command line that match nothing

    /// Two records for the names that match nothing: `offering` only in the
    /// second, `size` only nested.
    private let named = """
        {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":7,"vm":1,"status":"RUNNING","vcpus":2,"cpu_minutes":30}
        {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T02:00:00Z","account":8,"vm":2,"status":"HALTED","vcpus":4,"cpu_minutes":0,"offering":5,"volumes":[{"size":10}]}

        """

    /// A misspelt --by key is an error: exit 1, the rows still written.
    func testByKeyNamedNowhere() throws {
        let result = try slice(["--every", "total", "--by", "acount"], named)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdoutText, #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T02:00:00Z","acount":null,"records":2,"seconds":10800,"cpu_minutes":30,"vcpus_hours":10.0}"# + "\n")
        XCTAssertEqual(result.stderr, "acct-slice: --by: 'acount' names no key in the input; did you mean 'account'?\n")
        // Only the record's own keys count; one only in a later record does.
        let nested = try slice(["--every", "total", "--by", "offering,size"], named)
        XCTAssertEqual(nested.status, 1)
        XCTAssertEqual(nested.lines.count, 2)
        XCTAssertEqual(nested.stderr, "acct-slice: --by: 'size' names no key in the input\n")
        // No record: nothing to compare with.
        let empty = try slice(["--by", "acount"], "")
        XCTAssertEqual(empty.status, 0)
        XCTAssertEqual(empty.stderr, "")
    }

    func testGaugeAndCounterNamedNowhere() throws {
        let result = try slice(["--every", "total", "--by", "account", "--gauge", "vcpu", "--counter", "cpu_minute,price"], named)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.lines.count, 2)
        XCTAssertEqual(result.stderr, """
            acct-slice: --gauge: 'vcpu' names no key in the input; did you mean 'vcpus'?
            acct-slice: --counter: 'cpu_minute' names no key in the input; did you mean 'cpu_minutes'?
            acct-slice: --counter: 'price' names no key in the input

            """)
        let right = try slice(["--every", "total", "--by", "account", "--counter", "offering"], named)
        XCTAssertEqual(right.status, 0, right.stderr)
        XCTAssertEqual(right.stderr, "")
    }

    /// Spaces around the names of a list are dropped.
    func testSpacesInKeyLists() throws {
        let spaced = try slice(["--every", "total", "--by", " account, vm ", "--gauge", "offering, vcpus"], named)
        let plain = try slice(["--every", "total", "--by", "account,vm", "--gauge", "offering,vcpus"], named)
        XCTAssertEqual(spaced.status, 0, spaced.stderr)
        XCTAssertEqual(spaced.stderr, "")
        XCTAssertEqual(spaced.lines.count, 2)
        XCTAssertEqual(spaced.stdoutText, plain.stdoutText)
    }
}

/// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SSZ`, worked out here
/// (not by the code under test; Foundation's formatter is too slow for
/// hundreds of thousands of rows).
private func RFC3339Seconds(_ text: String) -> Int64 {
    let d = Array(text.utf8).map { Int64($0) - 48 }
    func number(_ from: Int, _ count: Int) -> Int64 { d[from..<from + count].reduce(0) { $0 * 10 + $1 } }
    var (y, m) = (number(0, 4), number(5, 2))
    let day = number(8, 2)
    if m <= 2 { y -= 1; m += 12 }
    let era = y / 400
    let yoe = y - era * 400
    let doy = (153 * (m - 3) + 2) / 5 + day - 1
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    return days * 86_400 + number(11, 2) * 3600 + number(14, 2) * 60 + number(17, 2)
}
