import Foundation
import Glibc
import XCTest
import _AcctTestSupport

/// Input and circumstances an attacker or a broken parent can arrange:
/// escape sequences quoted in messages, expressions nested to overflow the
/// stack, a line that would fill memory, an empty argument list.
final class HostileInputTests: XCTestCase {
    private static let escape = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}31m\u{202E}"

    /// No byte of an escape sequence, C1 control or bidi override reaches
    /// standard error, and every message is one line.
    private func assertEscaped(_ result: ToolResult, file: StaticString = #filePath, line: UInt = #line) {
        let stderr = result.stderr
        XCTAssertFalse(stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E },
                       stderr, file: file, line: line)
        XCTAssertTrue(stderr.contains(#"\x1b]0;owned\x07\x1b[2J\u{9b}31m\u{202e}"#), stderr, file: file, line: line)
    }

    // MARK: terminal injection

    func testFileNamesInMessagesAreEscaped() throws {
        let name = "in" + Self.escape + "\nacct-filter: fake.ndjson"
        for tool in ["acct-filter", "acct-slice", "acct-fmt", "capnp-cat"] {
            let result = try ToolRunner.run(tool, [name])
            XCTAssertEqual(result.status, 1, result.describe([tool]))
            assertEscaped(result)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
            XCTAssertTrue(result.stderr.hasPrefix("\(tool): in\\x1b"), result.stderr)
        }
    }

    func testCSVFieldsInMessagesAreEscaped() throws {
        let dir = try TempDir()
        let header = "id,zone_id,account_id,domain_id,description,usage_display,usage_type,raw_usage,vm_instance_id,vm_name,offering_id,template_id,usage_id,type,size,network_id,start_date,end_date\n"
        let row = "1,1,2,1,x,24 Hrs,1\(Self.escape),24,10,web-1,17,5,10,KVM,NULL,NULL,2024-03-01 00:00:00,2024-03-01 23:59:59\n"
        let path = try dir.write("usage.csv", header + row)
        let result = try ToolRunner.run("acct-import", ["--from", "cloudstack", path])
        XCTAssertEqual(result.status, 1, result.describe([path]))
        assertEscaped(result)
        XCTAssertTrue(result.stderr.contains("bad usage_type"), result.stderr)
    }

    func testKeysInSliceNotesAreEscaped() throws {
        let record = #"{"start":"2024-01-01T00:00:00Z","end":"2024-01-01T01:00:00Z","account":1,"k\u001b]0;owned\u0007\u001b[2J\u009b31m\u202e":5}"# + "\n"
        let result = try ToolRunner.run("acct-slice", ["--every", "day", "--by", "account"], stdin: Data(record.utf8))
        XCTAssertEqual(result.status, 0, result.describe(["acct-slice"]))
        XCTAssertTrue(result.stderr.contains("left out of the roll-up"), result.stderr)
        assertEscaped(result)
    }

    func testUnknownOptionIsEscaped() throws {
        let result = try ToolRunner.run("acct-filter", ["--x" + Self.escape])
        XCTAssertEqual(result.status, 64, result.describe(["acct-filter"]))
        assertEscaped(result)
    }

    // MARK: nesting

    func testDeeplyNestedExpressionIsAUsageError() throws {
        let records = Data(#"{"a":1}"#.utf8 + [10])
        for expression in [String(repeating: "(", count: 30_000) + "a" + String(repeating: ")", count: 30_000),
                           String(repeating: "not(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)] {
            let result = try ToolRunner.run("acct-filter", ["-x", expression], stdin: records)
            XCTAssertEqual(result.status, 64, result.describe(["-x", String(expression.prefix(20))]))
            XCTAssertEqual(result.stdout.count, 0)
            XCTAssertTrue(result.stderr.hasPrefix("acct-filter: -x: 1:"), result.stderr)
            XCTAssertTrue(result.stderr.hasSuffix(": expression nested deeper than 100 levels\n"), result.stderr)
        }
        let result = try ToolRunner.run("acct-filter", ["-x", String(repeating: "(", count: 101) + "a" + String(repeating: ")", count: 101)], stdin: records)
        XCTAssertEqual(result.stderr, "acct-filter: -x: 1:101: expression nested deeper than 100 levels\n")
    }

    // MARK: bounded lines

    /// A 70 MB line (from a few kilobytes of zstd in real attacks) is
    /// reported at its number as soon as 64 MiB are read, and dropped
    /// without being held: the tool stays far below the line's size.
    func testLineOverTheLimitIsReportedAndSkippedInBoundedMemory() throws {
        // On one thread (LineReader) and on two (the chunks of -j).
        for jobs in ["1", "2"] {
        let command = """
            { echo '{"a":1}'; printf '{"b":"'; head -c 70000000 /dev/zero | tr '\\0' x; echo '"}'; echo '{"a":2}'; } 2> /dev/null |
              /usr/bin/time -f 'rss %M' acct-filter -j \(jobs) -x 'a'
            """
        let result = try ToolRunner.shell(command)
        XCTAssertEqual(result.status, 1, result.describe([command]))
        XCTAssertEqual(result.stdoutText, "{\"a\":1}\n{\"a\":2}\n")
        XCTAssertTrue(result.stderr.hasPrefix("acct-filter: <stdin>:2: line longer than 64 MiB; skipped\n"), result.stderr)
        let rss = try XCTUnwrap(result.stderr.split(separator: "\n").last.flatMap { Int($0.dropFirst(4)) }, result.stderr)
        // The limit's buffer (with the half-size one it grew from) and the
        // runtime; holding the line took a 128 MiB buffer more.
        XCTAssertLessThan(rss, 130_000, "max RSS \(rss) KiB")
        }
    }

    // MARK: the argument list

    /// A process started with no arguments at all (not even its name) does
    /// nothing rather than run with no options.
    func testEmptyArgumentListStopsWithExitTwo() throws {
        let dir = try TempDir()
        let input = try dir.write("in.ndjson", #"{"account":1}"# + "\n")
        for tool in ["acct-filter", "acct-slice", "acct-fmt", "capnp-cat", "acct-import"] {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, dir.path("out"), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, dir.path("err"), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            var argv: [UnsafeMutablePointer<CChar>?] = [nil]
            var envp: [UnsafeMutablePointer<CChar>?] = [nil]
            var pid: pid_t = 0
            XCTAssertEqual(posix_spawn(&pid, ToolRunner.path(of: tool), &actions, nil, &argv, &envp), 0)
            var status: Int32 = 0
            XCTAssertEqual(waitpid(pid, &status, 0), pid)
            XCTAssertEqual(status & 0x7f, 0, "\(tool) killed by signal \(status & 0x7f)")
            XCTAssertEqual((status >> 8) & 0xff, 2, tool)
            XCTAssertEqual(try dir.read("out"), [], tool)
            XCTAssertEqual(String(decoding: try dir.read("err"), as: UTF8.self),
                           "\(tool): no argument list, not even the program name; nothing was done\n")
        }
    }

    // MARK: sums beyond the largest double

    /// Totals past 1.8e308 are reported and left out, never written as
    /// `null` with exit 0; a share of a huge counter is still a number.
    func testTotalsThatOverflowADoubleAreReported() throws {
        let records = """
            {"start":"2024-01-01T00:00:00Z","end":"2024-01-01T01:00:00Z","account":1,"net_tx_bytes":1.7e308,"vcpus":1e306}
            {"start":"2024-01-01T01:00:00Z","end":"2024-01-01T02:00:00Z","account":1,"net_tx_bytes":1.7e308,"vcpus":2}

            """
        let result = try ToolRunner.run("acct-slice", ["--every", "day", "--by", "account"], stdin: Data(records.utf8))
        XCTAssertEqual(result.status, 1, result.describe(["--by"]))
        XCTAssertFalse(result.stdoutText.contains("null"), result.stdoutText)
        XCTAssertEqual(result.lines.count, 1)
        XCTAssertFalse(result.stdoutText.contains("net_tx_bytes"), result.stdoutText)
        XCTAssertFalse(result.stdoutText.contains("vcpus_hours"), result.stdoutText)
        XCTAssertTrue(result.stdoutText.contains(#""records":2"#), result.stdoutText)
        XCTAssertEqual(result.stderr, """
            acct-slice: 'net_tx_bytes': a total passes the largest double (1.8e308); it is left out of its row
            acct-slice: 'vcpus_hours': a total passes the largest double (1.8e308); it is left out of its row

            """)

        let one = #"{"start":"2024-01-01T00:00:00Z","end":"2024-01-01T02:00:00Z","net_tx_bytes":1.7e308}"# + "\n"
        let cut = try ToolRunner.run("acct-slice", ["--every", "hour"], stdin: Data(one.utf8))
        XCTAssertEqual(cut.status, 0, cut.describe(["--every", "hour"]))
        XCTAssertEqual(cut.lines.count, 2)
        XCTAssertTrue(cut.lines.allSatisfy { $0.contains(#""net_tx_bytes":8.5e+307"#) || $0.contains(#""net_tx_bytes":8.5e307"#) }, cut.stdoutText)
    }

    // MARK: links in trees

    /// Links that fan out and join again (a DAG) read each file once, not
    /// once per path: two links per level over 8 levels would be 256 copies.
    func testLinksThatJoinAgainReadEachFileOnce() throws {
        let dir = try TempDir()
        let file = ToolRunner.repositoryRoot.appendingPathComponent("examples/ovc/2/2018/10/2/3/account_capnp.bin")
        try dir.copy(file, to: "level0/account_capnp.bin")
        for level in 1...8 {
            try FileManager.default.createDirectory(atPath: dir.path("level\(level)"), withIntermediateDirectories: true)
            for name in ["a", "b"] {
                try FileManager.default.createSymbolicLink(atPath: dir.path("level\(level)/\(name)"), withDestinationPath: dir.path("level\(level - 1)"))
            }
        }
        let once = try ToolRunner.run("capnp-cat", [dir.path("level0/account_capnp.bin")])
        XCTAssertEqual(once.status, 0, once.describe([file.path]))
        XCTAssertGreaterThan(once.lines.count, 0)
        let walked = try ToolRunner.run("capnp-cat", [dir.path("level8")])
        XCTAssertEqual(walked.status, 0, walked.describe([dir.path("level8")]))
        XCTAssertEqual(walked.stdoutText, once.stdoutText)
        // Each level's second link is a folder already read: noted, once per level.
        let notes = walked.stderr.split(separator: "\n")
        XCTAssertEqual(notes.count, 8, walked.stderr)
        XCTAssertTrue(notes.allSatisfy { $0.hasPrefix("capnp-cat: ") && $0.hasSuffix(", already read; skipped") }, walked.stderr)
    }

    /// A link to a sibling folder, or a hard link to a file, is not read twice
    /// silently: the records come once, with a note naming both paths.
    func testLinkToASiblingIsNotedAndReadOnce() throws {
        let dir = try TempDir()
        let file = ToolRunner.repositoryRoot.appendingPathComponent("examples/ovc/2/2018/10/2/3/account_capnp.bin")
        try dir.copy(file, to: "tree/1/account_capnp.bin")
        try FileManager.default.createSymbolicLink(atPath: dir.path("tree/2"), withDestinationPath: "1")
        try FileManager.default.createDirectory(atPath: dir.path("tree/3"), withIntermediateDirectories: true)
        XCTAssertEqual(link(dir.path("tree/1/account_capnp.bin"), dir.path("tree/3/account_capnp.bin")), 0)
        let once = try ToolRunner.run("capnp-cat", [dir.path("tree/1/account_capnp.bin")])
        XCTAssertGreaterThan(once.lines.count, 0)
        let walked = try ToolRunner.run("capnp-cat", [dir.path("tree")])
        XCTAssertEqual(walked.status, 0, walked.describe([dir.path("tree")]))
        XCTAssertEqual(walked.stdoutText, once.stdoutText)
        XCTAssertEqual(walked.stderr, """
            capnp-cat: \(dir.path("tree/2")): the same folder as \(dir.path("tree/1")), already read; skipped
            capnp-cat: \(dir.path("tree/3/account_capnp.bin")): the same file as \(dir.path("tree/1/account_capnp.bin")), already read; skipped

            """)
    }

    // MARK: capnp-cat's files

    /// A 50 GB sparse file is refused before it is read, and the good files
    /// after it are still decoded.
    func testFileOverMaxFileSizeIsSkippedAndTheRestRead() throws {
        let dir = try TempDir()
        let examples = ToolRunner.repositoryRoot.appendingPathComponent("examples/ovc/2/2018/10/2")
        try dir.copy(examples.appendingPathComponent("3/account_capnp.bin"), to: "2/2018/10/2/3/account_capnp.bin")
        try dir.copy(examples.appendingPathComponent("5/account_capnp.bin"), to: "2/2018/10/2/5/account_capnp.bin")
        _ = try dir.write("2/2018/10/2/4/account_capnp.bin", "")
        XCTAssertEqual(truncate(dir.path("2/2018/10/2/4/account_capnp.bin"), 50_000_000_000), 0)
        let good = try ToolRunner.run("capnp-cat", [dir.path("2/2018/10/2/3"), dir.path("2/2018/10/2/5")])
        XCTAssertEqual(good.status, 0, good.describe(["good"]))
        let result = try ToolRunner.run("capnp-cat", [dir.path("2")])
        XCTAssertEqual(result.status, 1, result.describe([dir.path("2")]))
        XCTAssertEqual(result.stdoutText, good.stdoutText)
        XCTAssertEqual(result.stderr, "capnp-cat: \(dir.path("2/2018/10/2/4/account_capnp.bin")): larger than 256 MiB (--max-file-size); skipped\n")

        let small = try ToolRunner.run("capnp-cat", ["--max-file-size", "100", dir.path("2/2018/10/2/3")])
        XCTAssertEqual(small.status, 1, small.describe(["--max-file-size", "100"]))
        XCTAssertEqual(small.stdout.count, 0)
        XCTAssertTrue(small.stderr.hasSuffix(": larger than 100 bytes (--max-file-size); skipped\n"), small.stderr)
        let piped = try ToolRunner.shell("head -c 300000 /dev/zero 2> /dev/null | capnp-cat --max-file-size 100K")
        XCTAssertEqual(piped.status, 1, piped.describe(["piped"]))
        XCTAssertEqual(piped.stderr, "capnp-cat: <stdin>: larger than 100 KiB (--max-file-size); skipped\n")
        for bad in ["0", "-1", "12X", "", "99999999999G"] {
            let usage = try ToolRunner.run("capnp-cat", ["--max-file-size", bad, dir.path("2")])
            XCTAssertEqual(usage.status, 64, usage.describe(["--max-file-size", bad]))
            XCTAssertEqual(usage.stdout.count, 0)
        }
    }

    // MARK: CSV rows

    /// A quote left open before 70 MB of line ends: the search for the row's
    /// end goes on where it stopped (it started over on every read, which
    /// took minutes), and the row is refused at 64 MiB.
    func testOpenQuoteBeforeManyLineEndsIsBoundedAndFast() throws {
        let header = "id,zone_id,account_id,domain_id,description,usage_display,usage_type,raw_usage,vm_instance_id,vm_name,offering_id,template_id,usage_id,type,size,network_id,start_date,end_date"
        let command = """
            { echo '\(header)'; printf '1,1,2,1,"'; head -c 70000000 /dev/zero | tr '\\0' '\\n'; } 2> /dev/null |
              /usr/bin/time -f 'rss %M' acct-import --from cloudstack
            """
        let started = Date()
        let result = try ToolRunner.shell(command)
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(result.status, 1, result.describe([command]))
        XCTAssertEqual(result.stdout.count, 0)
        XCTAssertTrue(result.stderr.hasPrefix(
            "acct-import: <stdin>: row at line 2 longer than 64 MiB (a quote left open?); the rest of the file is skipped\n"), result.stderr)
        let rss = try XCTUnwrap(result.stderr.split(separator: "\n").last.flatMap { Int($0.dropFirst(4)) }, result.stderr)
        XCTAssertLessThan(rss, 130_000, "max RSS \(rss) KiB")
        XCTAssertLessThan(seconds, 60, "took \(seconds) s")
    }

    // MARK: roll-up rows

    /// One record over ten thousand years on a minute grid would make five
    /// billion rows: the roll-up stops at --max-groups, writes nothing and
    /// says so; under the limit it is written as usual.
    func testRollUpPastMaxGroupsIsReported() throws {
        let huge = #"{"start":"0001-01-01T00:00:00Z","end":"9999-12-31T00:00:00Z","account":1,"vcpus":1}"# + "\n"
        let result = try ToolRunner.run("acct-slice", ["--every", "1m", "--by", "account", "--max-groups", "5000"], stdin: Data(huge.utf8))
        XCTAssertEqual(result.status, 1, result.describe(["--every", "1m"]))
        XCTAssertEqual(result.stdout.count, 0)
        XCTAssertEqual(result.stderr, "acct-slice: the roll-up passes 5000 rows (slices times groups, --max-groups); no row written\n")
        // The default, as the man page gives it, in the help.
        let help = try ToolRunner.run("acct-slice", ["--help"])
        XCTAssertTrue(help.stdoutText.contains("--max-groups <n>"), help.stdoutText)
        XCTAssertTrue(help.stdoutText.contains("(default: 1000000)"), help.stdoutText)

        let day = #"{"start":"2024-01-01T00:00:00Z","end":"2024-01-02T00:00:00Z","account":1,"vcpus":1}"# + "\n"
        let small = try ToolRunner.run("acct-slice", ["--every", "hour", "--by", "account", "--max-groups", "23"], stdin: Data(day.utf8))
        XCTAssertEqual(small.status, 1, small.describe(["--max-groups", "23"]))
        XCTAssertEqual(small.stdout.count, 0)
        XCTAssertTrue(small.stderr.contains("passes 23 rows"), small.stderr)
        let enough = try ToolRunner.run("acct-slice", ["--every", "hour", "--by", "account", "--max-groups", "24"], stdin: Data(day.utf8))
        XCTAssertEqual(enough.status, 0, enough.describe(["--max-groups", "24"]))
        XCTAssertEqual(enough.lines.count, 24)
        // --fill's rows count too.
        let fill = try ToolRunner.run("acct-slice", ["--every", "day", "--by", "account", "-s", "2024-01-01", "-e", "2024-01-31",
                                                     "--fill", "--max-groups", "30"], stdin: Data(day.utf8))
        XCTAssertEqual(fill.status, 1, fill.describe(["--fill"]))
        XCTAssertEqual(fill.stdout.count, 0)
        for bad in ["0", "-5", "1e6", "x"] {
            let usage = try ToolRunner.run("acct-slice", ["--by", "account", "--max-groups", bad], stdin: Data(day.utf8))
            XCTAssertEqual(usage.status, 64, usage.describe(["--max-groups", bad]))
        }
    }

    // MARK: out of memory

    /// Under ulimit -v, a roll-up that outgrows memory (the row limit
    /// raised out of the way) ends with one line and exit 2, not the
    /// runtime's fatal error and stack trace.
    func testOutOfMemoryIsOneLineAndExitTwo() throws {
        let record = #"{"start":"2000-01-01T00:00:00Z","end":"2100-01-01T00:00:00Z","account":1,"vcpus":1}"#
        let command = """
            echo '\(record)' | (ulimit -v 600000; acct-slice --every 1m --by account --max-groups 1000000000)
            """
        let result = try ToolRunner.shell(command)
        XCTAssertEqual(result.status, 2, result.describe([command]))
        XCTAssertEqual(result.stdout.count, 0)
        XCTAssertEqual(result.stderr, "acct-slice: out of memory (ulimit -v 600000); stopped, the output is incomplete\n")

        // A 70 MB line under a limit that leaves no room for the 64 MiB buffer.
        let line = """
            { printf '{"b":"'; head -c 70000000 /dev/zero | tr '\\0' x; echo '"}'; } 2> /dev/null |
              (ulimit -v 150000; acct-filter -x b)
            """
        let filtered = try ToolRunner.shell(line)
        XCTAssertEqual(filtered.status, 2, filtered.describe([line]))
        XCTAssertEqual(filtered.stderr, "acct-filter: out of memory (ulimit -v 150000); stopped, the output is incomplete\n")
    }
}
