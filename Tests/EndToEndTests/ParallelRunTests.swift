import Foundation
import XCTest
import _AcctTestSupport

/// `-j N` writes the bytes `-j 1` writes, in every mode, from files and
/// from standard input, with bad lines among the records: the same
/// standard output, the same messages in the same order, the same exit
/// status. Small chunks (`--chunk-size`) make a few hundred records into
/// dozens of chunks, so workers finish out of order.
final class ParallelRunTests: XCTestCase {
    private static let jobs = ["2", "3", "7"]
    private static let chunk = ["--chunk-size", "1500"]

    /// The example tree's records, with bad lines (bad-lines.ndjson) in
    /// three places; written once per test in a scratch folder.
    private func mixedRecords(in dir: TempDir) throws -> (path: String, data: Data) {
        let records = try ToolRunner.run("capnp-cat", ["-j", "1", "examples/ovc"])
        XCTAssertEqual(records.status, 0, records.stderr)
        let bad = try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("examples/records/bad-lines.ndjson"), encoding: .utf8)
        var lines = records.lines
        XCTAssertGreaterThan(lines.count, 400)
        for at in [400, 210, 3] { lines.insert(bad.trimmingCharacters(in: .newlines), at: at) }
        let text = lines.joined(separator: "\n") + "\n"
        return (try dir.write("mixed.ndjson", text), Data(text.utf8))
    }

    /// Runs `tool` at -j 1 and at each N, on the file and on standard
    /// input, and compares everything.
    private func assertSame(_ tool: String, _ arguments: [String], file: String, data: Data, line: UInt = #line) throws {
        for (input, stdin) in [([file], nil as Data?), ([], data)] {
            let serial = try ToolRunner.run(tool, ["-j", "1"] + arguments + input, stdin: stdin)
            XCTAssertFalse(serial.stdout.isEmpty && serial.stderr.isEmpty, "\(tool) \(arguments): no output", line: line)
            // Standard input at one N: the chunks are cut the same way.
            for n in stdin == nil ? Self.jobs : ["3"] {
                let parallel = try ToolRunner.run(tool, ["-j", n] + Self.chunk + arguments + input, stdin: stdin)
                let what = "\(tool) -j \(n) \(arguments.joined(separator: " ")) \(stdin == nil ? "FILE" : "< FILE")"
                XCTAssertEqual(parallel.status, serial.status, what, line: line)
                XCTAssertEqual(parallel.stderr, serial.stderr, what, line: line)
                XCTAssertTrue(parallel.stdout == serial.stdout, "\(what): standard output differs", line: line)
            }
        }
    }

    func testFilterModes() throws {
        let dir = try TempDir()
        let (path, data) = try mixedRecords(in: dir)
        for arguments in [["-a", "7"], ["-x", "type != \"routeros\" and vcpus >= 2", "-s", "2018-10-02"],
                          ["-c", "-x", "vcpus >= 4"], ["-v", "-a", "1"], ["-x", "vcpu > 1"], ["--strict", "-a", "2"],
                          ["-z", "-a", "7"]] {
            try assertSame("acct-filter", arguments, file: path, data: data)
        }
    }

    func testSliceModes() throws {
        let dir = try TempDir()
        let (path, data) = try mixedRecords(in: dir)
        for arguments in [["--every", "hour"], ["--every", "day", "--by", "account,cloudspace"],
                          ["--every", "month", "--by", "account", "--keyed"], ["--every", "day", "--keyed"],
                          ["--every", "day", "--by", "vm", "--round-up", "--tz", "Europe/Brussels"],
                          ["--every", "total", "--by", "acount"], ["--every", "6h", "--by", "type", "--until", "2018-11-01"],
                          ["--strict", "--every", "day", "--by", "account"]] {
            try assertSame("acct-slice", arguments, file: path, data: data)
        }
    }

    func testFormatModes() throws {
        let dir = try TempDir()
        let (path, data) = try mixedRecords(in: dir)
        for arguments in [["--csv"], ["--tsv", "-o", "start,account,vm,vcpus"], ["--json"], ["--json", "--pretty"],
                          ["--json", "-o", "account,nosuch"], ["--csv", "--no-header"], ["--xml"], ["-o", "account,vm"],
                          ["--strict", "--csv"]] {
            try assertSame("acct-fmt", arguments, file: path, data: data)
        }
    }

    /// Sums of floats from many chunks: the merged roll-up has the bits
    /// of one pass.
    func testRollUpOfFractionsIsExact() throws {
        let dir = try TempDir()
        var text = ""
        for i in 0..<600 {
            text += "{\"start\":\"2024-03-01T00:00:00Z\",\"end\":\"2024-03-01T01:00:00Z\",\"account\":\(i % 3),\"net_rx\":0.\(i)1,\"cpu_minutes\":\(Double(i) / 7),\"vcpus\":\(i % 5)}\n"
        }
        let path = try dir.write("fractions.ndjson", text)
        try assertSame("acct-slice", ["--every", "day", "--by", "account"], file: path, data: Data(text.utf8))
    }

    func testCapnpCatTrees() throws {
        for arguments in [["examples/ovc"], ["--raw", "examples/ovc/1"], ["examples/ovc/2", "examples/no-such-tree", "examples/ovc/7"],
                          ["-s", "2018-10-02", "-e", "2018-10-02", "examples/ovc"]] {
            try assertCapnpCatSame(arguments)
        }
    }

    /// capnp-cat at -j 1 and at each of `jobs`: the same standard output,
    /// messages and status; returns the serial run.
    @discardableResult
    private func assertCapnpCatSame(_ arguments: [String]) throws -> ToolResult {
        let serial = try ToolRunner.run("capnp-cat", ["-j", "1"] + arguments)
        XCTAssertFalse(serial.stdout.isEmpty)
        for n in Self.jobs {
            let parallel = try ToolRunner.run("capnp-cat", ["-j", n] + arguments)
            XCTAssertEqual(parallel.status, serial.status, "\(n) \(arguments)")
            XCTAssertEqual(parallel.stderr, serial.stderr, "\(n) \(arguments)")
            XCTAssertTrue(parallel.stdout == serial.stdout, "capnp-cat -j \(n) \(arguments): standard output differs")
        }
        return serial
    }

    /// Files go to the workers in runs; a bad file inside a run keeps its
    /// place: its message between the records of the files around it, and
    /// with --strict nothing after it, as at -j 1.
    func testCapnpCatBadFileInsideARun() throws {
        let dir = try TempDir()
        try dir.copy(URL(fileURLWithPath: "examples/ovc/2"), to: "tree/2")
        try dir.write("tree/2/2018/10/1/2/account_capnp.bin", bytes: [0, 0, 0, 0, 9, 0, 0, 0, 1, 2, 3])
        try dir.write("tree/2/2018/10/1/20/account_capnp.bin", bytes: Array("not capnp at all".utf8))
        for arguments in [[dir.path("tree")], ["--strict", dir.path("tree")]] {
            let serial = try assertCapnpCatSame(arguments)
            XCTAssertNotEqual(serial.status, 0, "\(arguments)")
        }
    }

    /// --strict stops at the first bad line in input order: nothing of
    /// the lines after it, whichever worker got there first.
    func testStrictStopsAtTheFirstBadLine() throws {
        let dir = try TempDir()
        let (path, _) = try mixedRecords(in: dir)
        let result = try ToolRunner.run("acct-filter", ["-j", "3"] + Self.chunk + ["--strict", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.lines.count, 4)
        XCTAssertEqual(result.stderr, "acct-filter: \(path):5:40: trailing comma\n")
    }

    /// A closed pipe ends the run quietly with 0, workers and all.
    func testClosedPipeIsQuiet() throws {
        for command in ["capnp-cat examples/ovc | acct-filter -j 3 --chunk-size 1500 -a 7",
                        "capnp-cat examples/ovc | acct-slice -j 3 --chunk-size 1500 --every hour",
                        "capnp-cat examples/ovc | acct-fmt -j 3 --chunk-size 1500 --csv",
                        "capnp-cat -j 3 examples/ovc"] {
            let result = try ToolRunner.shell("set -o pipefail; \(command) | head -n 1")
            XCTAssertEqual(result.status, 0, command)
            XCTAssertEqual(result.stderr, "", command)
            XCTAssertEqual(result.lines.count, 1, command)
        }
    }

    func testJobsMustBePositive() throws {
        let result = try ToolRunner.run("acct-filter", ["-j", "0"], stdin: Data())
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stderr, "acct-filter: -j: the number of workers must be at least 1\n")
    }
}
