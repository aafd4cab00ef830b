import Foundation
import XCTest
import _AcctTestSupport

/// The Hadoop Streaming mapper and reducer of acct-slice(1), taken from the
/// page and run as Hadoop Streaming runs them: the mapper once per input
/// split (a file listing tree folders), the map output cut into reducers by
/// a hash of the key (the text before the first TAB) and sorted by key with
/// sort(1), the reducer once per reducer's sorted lines. The reducers' rows
/// together are the rows of one process.
final class HadoopStreamingTests: XCTestCase {
    /// The -mapper and -reducer commands of the page's `hadoop jar` example,
    /// as the shell hands them to Hadoop.
    private func recipe() throws -> (mapper: String, reducer: String) {
        let page = try DocExampleRunner.read("man/acct-slice.1")
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("$ hadoop jar ") }, "acct-slice(1) shows no hadoop jar command")
        var command = ""
        for line in lines[start...] {
            let text = try MdocText.plain(line).text
            // A backslash at the end of a line goes on to the next, in
            // double quotes too.
            guard text.hasSuffix("\\") else {
                command += text
                break
            }
            command += text.dropLast()
        }
        func quoted(after option: String) throws -> String {
            let pattern = try NSRegularExpression(pattern: "\(option) \"([^\"]*)\"")
            let range = NSRange(command.startIndex..., in: command)
            let match = try XCTUnwrap(pattern.firstMatch(in: command, range: range), "no \(option) in: \(command)")
            return String(command[Range(match.range(at: 1), in: command)!])
        }
        return (try quoted(after: "-mapper"), try quoted(after: "-reducer"))
    }

    private func shell(_ command: String, stdin: String, in dir: TempDir) throws -> ToolResult {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = nil
        environment["LC_ALL"] = "C"
        environment["PATH"] = ToolRunner.binaryFolder.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        return try ToolRunner.runExecutable(
            "/bin/sh", ["-c", command], stdin: Data(stdin.utf8), directory: dir.url, environment: environment)
    }

    func testMapperAndReducerGiveTheRowsOfOneProcess() throws {
        let (mapper, reducer) = try recipe()
        XCTAssertTrue(mapper.contains("--keyed"), mapper)
        let dir = try TempDir()
        let made = try ToolRunner.run(
            "ovc-gen", ["--out", dir.path("tree"), "--seed", "8", "--accounts", "4", "--cloudspaces", "2",
                        "--vms", "3", "--hours", "144", "--start", "2024-02-28"])
        XCTAssertEqual(made.status, 0, made.stderr)
        // The input: three small files listing the day folders of the tree,
        // dealt out in turn, so that each day of each account is read by a
        // single mapper while every mapper holds parts of many groups.
        let days = try FileManager.default.subpathsOfDirectory(atPath: dir.path("tree"))
            .filter { $0.split(separator: "/").count == 4 }.sorted().map { "tree/" + $0 }
        XCTAssertGreaterThanOrEqual(days.count, 12)
        let splits = (0..<3).map { split in
            days.enumerated().filter { $0.offset % 3 == split }.map { $0.element + "\n" }.joined()
        }

        var mapped: [String] = []
        for split in splits {
            let run = try shell(mapper, stdin: split, in: dir)
            XCTAssertEqual(run.status, 0, run.describe([mapper]))
            XCTAssertEqual(run.stderr, "")
            mapped += run.lines
        }
        // The shuffle: Hadoop's partitioner sends every line of a key to one
        // of the reducers, which reads them sorted by key.
        let reducers = 3
        var shuffled = Array(repeating: "", count: reducers)
        for line in mapped {
            let key = try XCTUnwrap(line.split(separator: "\t", maxSplits: 1).first, line)
            let hash = key.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
            shuffled[Int(hash % UInt32(reducers))] += line + "\n"
        }
        var rows: [String] = []
        for input in shuffled {
            XCTAssertFalse(input.isEmpty, "a reducer with no groups: the test would prove less")
            let sorted = try shell("sort -t '\t' -k 1,1 -s", stdin: input, in: dir)
            XCTAssertEqual(sorted.status, 0, sorted.stderr)
            let reduced = try shell(reducer, stdin: sorted.stdoutText, in: dir)
            XCTAssertEqual(reduced.status, 0, reduced.describe([reducer]))
            XCTAssertEqual(reduced.stderr, "")
            rows += reduced.lines
        }

        // One process: the mapper's pipeline without --keyed, over every
        // folder; the reducers' rows put in its order by one more merge,
        // which leaves each row as it is (a group's single row adds up to
        // itself).
        let oneMapper = mapper.replacingOccurrences(of: " --keyed", with: "")
        let one = try shell(oneMapper, stdin: splits.joined(), in: dir)
        XCTAssertEqual(one.status, 0, one.describe([oneMapper]))
        // Four accounts on four days of March: the mapper's filter left out
        // February's two.
        XCTAssertEqual(Set(one.lines.map { String($0.prefix(20)) }).count, 4, one.stdoutText)
        XCTAssertGreaterThanOrEqual(one.lines.count, 12)
        let merged = try shell(reducer, stdin: rows.map { $0 + "\n" }.joined(), in: dir)
        XCTAssertEqual(merged.lines.count, rows.count, "a group in two reducers")
        XCTAssertEqual(Set(merged.lines), Set(rows), "the last merge changed a row")
        MergedRows.assertMatch(merged.lines, one.lines, "Hadoop Streaming against one process")
    }
}
