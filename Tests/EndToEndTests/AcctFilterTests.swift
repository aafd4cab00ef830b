import Foundation
import XCTest
import _AcctTestSupport

/// acct-filter as a user runs it: exact output on examples/, oneacct's
/// window rule on records with the times of its fixtures, bad input.
final class AcctFilterTests: XCTestCase {
    private let times = "examples/records/opennebula-times.ndjson"
    private let bad = "examples/records/bad-lines.ndjson"

    private func filter(_ arguments: [String], stdin: Data? = nil, directory: URL? = nil) throws -> ToolResult {
        try ToolRunner.run("acct-filter", arguments, stdin: stdin, directory: directory)
    }

    /// "vm/seq" of each output line, in order.
    private func ids(_ result: ToolResult) throws -> [String] {
        try result.lines.map { line in
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return "\(record["vm"]!)/\(record["seq"]!)"
        }
    }

    private func file(_ path: String) throws -> String {
        try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    }

    // MARK: oneacct's window rule, on the times of oneacct's own example document

    func testStartMatchesOneacct() throws {
        // oneacct -s 2024-03-01: VM 5's first record ends before, VM 21's ends exactly at the start.
        let result = try filter(["-s", "2024-03-01", times])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try ids(result), ["5/1", "20/0", "20/1", "20/2", "21/1", "22/0"])
    }

    func testDateOnlyEndMatchesOneacct() throws {
        // oneacct -e 2024-03-01 reads the end as 2024-03-02 00:00.
        let result = try filter(["-e", "2024-03-01", times])
        XCTAssertEqual(try ids(result), ["5/0", "5/1", "20/0", "21/0", "21/1"])
    }

    func testWindowMatchesOneacct() throws {
        let result = try filter(["-s", "2024-03-01", "-e", "2024-03-05", times])
        XCTAssertEqual(try ids(result), ["5/1", "20/0", "21/1"])
        let exact = try filter(["-s", "2024-03-01T08:00:00Z", "-e", "2024-03-01T08:00:01Z", times])
        XCTAssertEqual(try ids(exact), ["5/1", "20/0", "21/1"])
        let zoned = try filter(["--tz", "Asia/Tokyo", "-s", "2024-03-01 09:00", "-e", "2024-03-01 17:00:01", times])
        XCTAssertEqual(try ids(zoned), ["5/1", "20/0", "21/1"])
    }

    func testLinesAreCopiedByteForByte() throws {
        let result = try filter(["-u", "0", times])
        XCTAssertEqual(result.stdoutText, try file(times).split(separator: "\n").last! + "\n")
    }

    // MARK: key flags

    func testKeyFlags() throws {
        XCTAssertEqual(try ids(filter(["-u", "2", times])), ["20/0", "20/1", "20/2", "21/0", "21/1"])
        XCTAssertEqual(try ids(filter(["-u", "alice", times])), ["20/0", "20/1", "20/2", "21/0", "21/1"])
        XCTAssertEqual(try ids(filter(["-u", "3,0", times])), ["5/0", "5/1", "22/0"])
        XCTAssertEqual(try ids(filter(["-u", "3", "-u", "0", times])), ["5/0", "5/1", "22/0"])
        XCTAssertEqual(try ids(filter(["-H", "node02", times])), ["5/1", "20/1", "20/2"])
        XCTAssertEqual(try ids(filter(["-H", "1", times])), ["5/1", "20/1", "20/2"])
        XCTAssertEqual(try ids(filter(["-g", "oneadmin", times])), ["22/0"])
        // Flags AND (oneacct would OR -H and -g).
        XCTAssertEqual(try ids(filter(["-H", "1", "-g", "0", times])), [])
        XCTAssertEqual(try ids(filter(["-H", "1", "-g", "1", times])), ["5/1", "20/1", "20/2"])
        XCTAssertEqual(try ids(filter(["--vm", "21", times])), ["21/0", "21/1"])
        XCTAssertEqual(try ids(filter(["--vm", "\"21\"", times])), [])
    }

    /// The same hour and account cut by capnp-cat's window and by acct-filter agree to the byte.
    func testAgreesWithCapnpCatWindow() throws {
        let pipeline = try ToolRunner.shell(
            "capnp-cat examples/ovc | acct-filter -a 7 -s 2018-10-02T05:00:00Z -e 2018-10-02T06:00:00Z")
        let direct = try ToolRunner.run("capnp-cat", ["-s", "2018-10-02T05:00:00Z", "-e", "2018-10-02T06:00:00Z", "examples/ovc/7"])
        XCTAssertEqual(pipeline.status, 0, pipeline.stderr)
        XCTAssertGreaterThan(direct.lines.count, 1)
        XCTAssertEqual(pipeline.stdoutText, direct.stdoutText)
    }

    func testExpressionOnExamples() throws {
        let result = try ToolRunner.shell(
            "capnp-cat examples/ovc | acct-filter -x 'vcpus > 2 and status = \"RUNNING\"' -a 2")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdoutText, try file("examples/acct-filter/account2-running.ndjson"))
        let count = try ToolRunner.shell(
            "capnp-cat examples/ovc | acct-filter -x 'vcpus > 2 and status = \"RUNNING\"' -a 2 -c")
        XCTAssertEqual(count.stdoutText, "\(result.lines.count)\n")
        let raw = try ToolRunner.shell(
            "capnp-cat --raw examples/ovc/1 | acct-filter -c -x 'count(//machines[status = \"HALTED\"]) > 0'")
        let flat = try ToolRunner.shell(
            "capnp-cat examples/ovc/1 | acct-filter -x 'status = \"HALTED\"' | cut -c11-30 | sort -u | wc -l")
        XCTAssertEqual(raw.stdoutText.trimmingCharacters(in: .whitespaces), flat.stdoutText.trimmingCharacters(in: .whitespaces))
    }

    /// A filter and its inverse split the input exactly.
    func testInvertPartitions() throws {
        let all = try ToolRunner.shell("capnp-cat examples/ovc | md5sum")
        let work = try TempDir()
        let parts = try ToolRunner.shell(
            "capnp-cat examples/ovc > all.ndjson; (acct-filter -x 'type = \"routeros\" or vcpus >= 4' all.ndjson; acct-filter -v -x 'type = \"routeros\" or vcpus >= 4' all.ndjson) | sort | md5sum; sort all.ndjson | md5sum",
            directory: work.url)
        let sums = parts.lines
        XCTAssertEqual(sums.count, 2, parts.stderr)
        XCTAssertEqual(sums[0], sums[1])
        XCTAssertFalse(all.stdoutText.isEmpty)
    }

    // MARK: bad input

    func testBadLinesAreReportedAndSkipped() throws {
        let result = try filter([bad])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(try result.lines.map { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])["vm"] as! Int
        }, [1, 3, 4, 5])
        XCTAssertEqual(result.stderr, """
            acct-filter: \(bad):2:40: trailing comma
            acct-filter: \(bad):3: not a JSON object
            acct-filter: \(bad):8:8: unexpected end of line

            """)
        let windowed = try filter(["-s", "2024-03-01", "-e", "2024-03-02", bad])
        XCTAssertEqual(windowed.status, 1)
        XCTAssertEqual(windowed.lines.count, 2)  // vm 1 and vm 4
        XCTAssertTrue(windowed.stderr.contains("acct-filter: \(bad):5: 'start' is not an RFC 3339 time: the record cannot match -s/-e\n"), windowed.stderr)
        XCTAssertTrue(windowed.stderr.hasSuffix("acct-filter: 2 records in all had no usable time for -s/-e and were left out\n"), windowed.stderr)
    }

    func testStrictStopsAtTheFirstBadLine() throws {
        let result = try filter(["--strict", bad, times])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.lines.count, 1)
        XCTAssertEqual(result.stderr, "acct-filter: \(bad):2:40: trailing comma\n")
    }

    func testMissingFileAndEmptyInput() throws {
        let result = try filter(["nosuch.ndjson", times])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "acct-filter: nosuch.ndjson: no such file or directory\n")
        XCTAssertEqual(result.lines.count, 8)
        let empty = try filter(["-c"], stdin: Data())
        XCTAssertEqual(empty.status, 0)
        XCTAssertEqual(empty.stdoutText, "0\n")
    }

    func testHugeLine() throws {
        let big = String(repeating: "x", count: 10 << 20)
        let input = Data(("{\"vm\":1,\"blob\":\"\(big)\"}\n{\"vm\":2}\n").utf8)
        let result = try filter(["--vm", "1"], stdin: input)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.count, (10 << 20) + 19)
    }

    func testUsageErrors() throws {
        let cases: [([String], String)] = [
            (["-x", "(vcpus > 2", times], "acct-filter: -x: 1:11: expected ')'\n"),
            (["-s", "2024-02-30", times], "acct-filter: -s: invalid time '2024-02-30': "),
            (["-e", "2024-03-01 25:00", times], "acct-filter: -e: invalid time '2024-03-01 25:00': "),
            (["--tz", "Mars/Base", times], "acct-filter: --tz: unknown time zone 'Mars/Base'\n"),
        ]
        for (arguments, message) in cases {
            let result = try filter(arguments)
            XCTAssertEqual(result.status, 64, result.describe(arguments))
            XCTAssertEqual(result.stdout.count, 0)
            XCTAssertTrue(result.stderr.hasPrefix(message), result.describe(arguments))
        }
        XCTAssertEqual(try filter(["--bogus"]).status, 64)
    }

    func testClosedPipeAndFullDisk() throws {
        let work = try TempDir()
        let pipe = try ToolRunner.shell(
            "for i in $(seq 200000); do echo '{\"vm\":1}'; done > in.ndjson; acct-filter in.ndjson | head -n 1 > /dev/null; echo \"${PIPESTATUS[0]}\"",
            directory: work.url)
        XCTAssertEqual(pipe.stdoutText, "0\n")
        XCTAssertEqual(pipe.stderr, "")
        let full = try ToolRunner.shell("acct-filter \(times) > /dev/full")
        XCTAssertEqual(full.status, 2)
        XCTAssertEqual(full.stderr, "acct-filter: write error: no space left on device\n")
    }

    func testZstdInAndOut() throws {
        let work = try TempDir()
        let result = try ToolRunner.shell(
            "zstd -q -c \(ToolRunner.repositoryRoot.path)/\(times) > t.ndjson.zst && acct-filter -z -u 2 t.ndjson.zst | zstd -dc",
            directory: work.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.lines.count, 5)
    }

    // MARK: names in -x that match nothing

    /// Two records for the names that match nothing: `offering` only in the
    /// second, `size` only nested.
    private let named = """
        {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":7,"vm":1,"status":"RUNNING","vcpus":2,"cpu_minutes":30}
        {"start":"2024-03-01T00:00:00Z","end":"2024-03-01T02:00:00Z","account":8,"vm":2,"status":"HALTED","vcpus":4,"cpu_minutes":0,"offering":5,"volumes":[{"size":10}]}

        """

    /// A misspelt key is a note (a filter may rightly match nothing): exit 0,
    /// the output as without the note.
    func testExpressionKeyNamedNowhere() throws {
        let count = try filter(["-c", "-x", #"stauts = "HALTED""#], stdin: Data(named.utf8))
        XCTAssertEqual(count.status, 0)
        XCTAssertEqual(count.stdoutText, "0\n")
        XCTAssertEqual(count.stderr, "acct-filter: -x: 'stauts' names no key in the input; did you mean 'status'?\n")
        let inverted = try filter(["-v", "-x", #"stauts = "HALTED""#], stdin: Data(named.utf8))
        XCTAssertEqual(inverted.status, 0)
        XCTAssertEqual(inverted.stdoutText, named)
        XCTAssertEqual(inverted.stderr, count.stderr)
        // No key is close to 'price': no suggestion.
        let far = try filter(["-x", "price > 2"], stdin: Data(named.utf8))
        XCTAssertEqual(far.status, 0)
        XCTAssertEqual(far.stderr, "acct-filter: -x: 'price' names no key in the input\n")
    }

    /// A bare word compared with a path was meant as text.
    func testBareWordComparedSuggestsTheLiteral() throws {
        // An empty node set is the empty string, which every string starts with.
        let result = try filter(["-c", "-x", "status = RUNNING or starts-with(status, HALT)"], stdin: Data(named.utf8))
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdoutText, "2\n")
        XCTAssertEqual(result.stderr, """
            acct-filter: -x: 'RUNNING' names no key in the input; to compare with the text, write "RUNNING"
            acct-filter: -x: 'HALT' names no key in the input; to compare with the text, write "HALT"

            """)
        let quoted = try filter(["-c", "-x", #"status = "RUNNING""#], stdin: Data(named.utf8))
        XCTAssertEqual(quoted.stdoutText, "1\n")
        XCTAssertEqual(quoted.stderr, "")
    }

    /// A key counts at any depth and in any record; with no record there is
    /// nothing to compare with.
    func testExpressionKeysFoundAnywhere() throws {
        let result = try filter(["-x", "//size > 5 and offering = 5 and volumes and not(stauts)"], stdin: Data(named.utf8))
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.lines.count, 1)
        XCTAssertEqual(result.stderr, "acct-filter: -x: 'stauts' names no key in the input; did you mean 'status'?\n")
        let empty = try filter(["-x", "stauts = 1"], stdin: Data())
        XCTAssertEqual(empty.status, 0)
        XCTAssertEqual(empty.stderr, "")
    }

    /// The nested messages of capnp-cat --raw: `//status` is there, a slip is not.
    func testExpressionKeysInRawMessages() throws {
        let good = try ToolRunner.shell(#"capnp-cat --raw examples/ovc/1 | acct-filter -c -x 'count(//machines[status = "HALTED"]) > 0'"#)
        XCTAssertEqual(good.stdoutText, "2\n")
        XCTAssertEqual(good.stderr, "")
        let slip = try ToolRunner.shell(#"capnp-cat --raw examples/ovc/1 | acct-filter -c -x 'count(//machine[status = "HALTED"]) > 0'"#)
        XCTAssertEqual(slip.status, 0)
        XCTAssertEqual(slip.stdoutText, "0\n")
        XCTAssertEqual(slip.stderr, "acct-filter: -x: 'machine' names no key in the input; did you mean 'machines'?\n")
    }
}
