import Foundation
import XCTest
import _AcctTestSupport

/// capnp-cat as a user runs it, on examples/ and on trees and fault files
/// made by the project's generator.
final class CapnpCatTests: XCTestCase {
    private let tree = "examples/ovc"

    private func capnpCat(_ arguments: [String], stdin: Data? = nil, directory: URL? = nil) throws -> ToolResult {
        try ToolRunner.run("capnp-cat", arguments, stdin: stdin, directory: directory)
    }

    private func records(_ result: ToolResult) throws -> [[String: Any]] {
        try result.lines.map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], line)
        }
    }

    // MARK: the bundled tree

    func testWindowGivesExactRecords() throws {
        let arguments = ["-s", "2018-10-01T05:00:00Z", "-e", "2018-10-01T07:00:00Z", "\(tree)/7"]
        let result = try capnpCat(arguments)
        XCTAssertEqual(result.status, 0, result.describe(arguments))
        XCTAssertEqual(result.stderr, "")
        let expected = try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("examples/capnp-cat/window.ndjson"), encoding: .utf8)
        XCTAssertEqual(result.stdoutText, expected)
    }

    /// The records add up to what the generator wrote, account by account.
    func testTotalsMatchTheGenerator() throws {
        let result = try capnpCat([tree])
        XCTAssertEqual(result.status, 0, result.stderr)
        var sums: [Int: [String: Double]] = [:]
        var counts: [Int: Int] = [:]
        for record in try records(result) {
            let account = record["account"] as! Int
            counts[account, default: 0] += 1
            for key in ["vcpus", "mem_mb", "disk_gb", "cpu_minutes", "net_tx", "net_rx", "iops_read", "iops_write"] {
                sums[account, default: [:]][key, default: 0] += (record[key] as! NSNumber).doubleValue
            }
        }
        let totals = try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("examples/ovc.totals.ndjson"), encoding: .utf8)
        var accounts = 0
        for line in totals.split(separator: "\n") {
            let expected = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let account = expected["account"] as! Int
            accounts += 1
            XCTAssertEqual(counts[account], expected["records"] as? Int, "records of account \(account)")
            for key in ["vcpus", "mem_mb", "disk_gb", "cpu_minutes", "net_tx", "net_rx", "iops_read", "iops_write"] {
                let want = (expected[key] as! NSNumber).doubleValue
                let got = sums[account]?[key] ?? -1
                XCTAssertEqual(got, want, accuracy: max(1e-6, abs(want) * 1e-6), "\(key) of account \(account)")
            }
        }
        XCTAssertEqual(accounts, counts.count)
        XCTAssertGreaterThan(accounts, 1)
    }

    /// Hours sort as numbers: 9 before 10, so each account's records run in time order.
    func testNumericOrder() throws {
        let result = try capnpCat(["\(tree)/1"])
        let starts = try records(result).map { $0["start"] as! String }
        XCTAssertEqual(starts, starts.sorted())
        XCTAssertEqual(Set(starts).count, 48)
    }

    func testRawMatchesCapnpConvert() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/capnp") else {
            throw XCTSkip("capnp is not installed: cannot compare with capnp convert")
        }
        let schema = ToolRunner.repositoryRoot.appendingPathComponent("Sources/CCapnp/ovc.capnp").path
        let files = try FileManager.default.subpathsOfDirectory(atPath: ToolRunner.repositoryRoot.path + "/" + tree)
            .filter { $0.hasSuffix("account_capnp.bin") }.sorted()
        XCTAssertGreaterThan(files.count, 100)
        for file in files {
            let path = "\(tree)/\(file)"
            let ours = try capnpCat(["--raw", path])
            XCTAssertEqual(ours.status, 0, ours.stderr)
            XCTAssertEqual(ours.lines.count, 1)
            let bytes = try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent(path))
            let theirs = try ToolRunner.runExecutable(
                "/usr/bin/capnp", ["convert", "binary:json", schema, "Account"], stdin: bytes, directory: nil,
                environment: nil)
            XCTAssertEqual(theirs.status, 0, theirs.stderr)
            let a = try JSONSerialization.jsonObject(with: ours.stdout)
            let b = try JSONSerialization.jsonObject(with: theirs.stdout)
            XCTAssertTrue(sameValues(a, b), "\(path): capnp-cat --raw and capnp convert differ")
        }
    }

    /// capnp convert widens Float32 to 17 digits and prints 64-bit
    /// integers as strings; the values must still be the same.
    private func sameValues(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (a as [String: Any], b as [String: Any]):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { sameValues(value, $0) } ?? false }
        case let (a as [Any], b as [Any]):
            return a.count == b.count && zip(a, b).allSatisfy(sameValues)
        case let (a as String, b as String):
            return a == b
        case let (a as NSNumber, b as String):
            return a.stringValue == b
        case let (a as NSNumber, b as NSNumber):
            return Float(a.doubleValue) == Float(b.doubleValue)
        default:
            return false
        }
    }

    func testSchemaFlagDecodesLikeRaw() throws {
        let file = "\(tree)/1/2018/10/1/0/account_capnp.bin"
        let raw = try capnpCat(["--raw", file])
        let schema = try capnpCat(["--schema", "Sources/CCapnp/ovc.capnp", "--root", "Account", file])
        XCTAssertEqual(schema.status, 0, schema.stderr)
        XCTAssertEqual(schema.stdoutText, raw.stdoutText)
        let missing = try capnpCat(["--schema", "nosuch.capnp", "--root", "Account", file])
        XCTAssertEqual(missing.status, 64)
        XCTAssertEqual(missing.stdout.count, 0)
        XCTAssertTrue(missing.stderr.hasPrefix("capnp-cat: --schema: "), missing.stderr)
        let badRoot = try capnpCat(["--schema", "Sources/CCapnp/ovc.capnp", "--root", "Nope", file])
        XCTAssertEqual(badRoot.status, 64, badRoot.stderr)
        // A nested root is found (no usage error); an Account message read
        // as a Nic is then reported as bad data.
        let nested = try capnpCat(["--schema", "Sources/CCapnp/ovc.capnp", "--root", "CloudSpace.VMachine.Nic", file])
        XCTAssertEqual(nested.status, 1, nested.stderr)
        XCTAssertTrue(nested.stderr.hasPrefix("capnp-cat: \(file): message at byte 0: "), nested.stderr)
    }

    // MARK: time

    func testTimeFlagDatesStandardInput() throws {
        let bytes = try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("\(tree)/1/2018/10/1/0/account_capnp.bin"))
        let result = try capnpCat(["--time", "2018-10-05 13:00", "--tz", "Europe/Brussels"], stdin: bytes)
        XCTAssertEqual(result.status, 0, result.stderr)
        let first = try XCTUnwrap(try records(result).first)
        XCTAssertEqual(first["start"] as? String, "2018-10-05T11:00:00Z")
        XCTAssertEqual(first["end"] as? String, "2018-10-05T12:00:00Z")
        let undated = try capnpCat(["-"], stdin: bytes)
        XCTAssertNil(try records(undated).first?["start"])
    }

    func testDateOnlyEndCoversTheDay() throws {
        let result = try capnpCat(["-s", "2018-10-02", "-e", "2018-10-02", "\(tree)/1"])
        let starts = Set(try records(result).map { $0["start"] as! String })
        XCTAssertEqual(starts.count, 24)
        XCTAssertEqual(starts.min(), "2018-10-02T00:00:00Z")
        XCTAssertEqual(starts.max(), "2018-10-02T23:00:00Z")
    }

    /// Relative times take their dash as a value: `-s -7d`.
    func testRelativeTimes() throws {
        let recent = try capnpCat(["-s", "-7d", "\(tree)/1"])
        XCTAssertEqual(recent.status, 0, recent.stderr)
        XCTAssertEqual(recent.stdout.count, 0)
        let old = try capnpCat(["-e", "-7d", "\(tree)/1"])
        let all = try capnpCat(["\(tree)/1"])
        XCTAssertEqual(old.stdoutText, all.stdoutText)
        XCTAssertGreaterThan(all.lines.count, 0)
    }

    /// Without --tz, TZ gives the zone: the Brussels day starts at 22:00Z.
    func testZoneFromEnvironment() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "Europe/Brussels"
        let result = try ToolRunner.run("capnp-cat", ["-s", "2018-10-02", "-e", "2018-10-02", "\(tree)/1"], environment: environment)
        let starts = Set(try records(result).map { $0["start"] as! String })
        XCTAssertEqual(starts.min(), "2018-10-01T22:00:00Z")
        XCTAssertEqual(starts.max(), "2018-10-02T21:00:00Z")
        let utc = try ToolRunner.run("capnp-cat", ["--utc", "-s", "2018-10-02", "-e", "2018-10-02", "\(tree)/1"], environment: environment)
        XCTAssertEqual(Set(try records(utc).map { $0["start"] as! String }).min(), "2018-10-02T00:00:00Z")
        environment["TZ"] = "Nowhere/Atall"
        let bad = try ToolRunner.run("capnp-cat", ["-s", "2018-10-02", "\(tree)/1"], environment: environment)
        XCTAssertEqual(bad.status, 64)
        XCTAssertEqual(bad.stderr, "capnp-cat: unknown time zone 'Nowhere/Atall' in TZ\n")
    }

    /// Folders outside the window are not opened: a broken file in a year
    /// before the window goes unnoticed, and is reported without a window.
    func testWindowPrunesFolders() throws {
        let work = try TempDir()
        try work.copy(ToolRunner.repositoryRoot.appendingPathComponent("\(tree)/1"), to: "t/1")
        try work.write("t/1/2017/3/4/5/account_capnp.bin", bytes: Array("garbage".utf8))
        let windowed = try capnpCat(["-s", "2018-10-01", "-e", "2018-10-01T02:00:00Z", "t"], directory: work.url)
        XCTAssertEqual(windowed.status, 0, windowed.stderr)
        XCTAssertEqual(windowed.stderr, "")
        XCTAssertEqual(Set(try records(windowed).map { $0["start"] as! String }).count, 2)
        let whole = try capnpCat(["t"], directory: work.url)
        XCTAssertEqual(whole.status, 1)
        XCTAssertTrue(whole.stderr.hasPrefix("capnp-cat: t/1/2017/3/4/5/account_capnp.bin: "), whole.stderr)
    }

    func testBadTimesAreUsageErrors() throws {
        for arguments in [["-s", "2024-02-30", tree], ["-e", "25:00", tree], ["--tz", "Mars/Base", "-s", "2018-10-01", tree],
                          ["--bogus", tree], ["--traversal-limit", "0", tree], ["--root", "Account", tree]] {
            let result = try capnpCat(arguments)
            XCTAssertEqual(result.status, 64, result.describe(arguments))
            XCTAssertEqual(result.stdout.count, 0, result.describe(arguments))
            XCTAssertFalse(result.stderr.isEmpty)
        }
        let result = try capnpCat(["-s", "2024-02-30", tree])
        XCTAssertTrue(result.stderr.hasPrefix("capnp-cat: -s: invalid time '2024-02-30': "), result.stderr)
        let zone = try capnpCat(["--tz", "Mars/Base", tree])
        XCTAssertEqual(zone.stderr, "capnp-cat: --tz: unknown time zone 'Mars/Base'\n")
    }

    // MARK: bad input

    private func faults() throws -> TempDir {
        let work = try TempDir()
        let made = try ToolRunner.run("ovc-gen", ["--faults", "--out", work.url.path + "/f"])
        XCTAssertEqual(made.status, 0, made.stderr)
        return work
    }

    func testEachBadFileIsReportedAndSkipped() throws {
        let work = try faults()
        let cases: [(String, String)] = [
            ("zero-length.bin", "empty file (no message)"),
            ("truncated.bin", "message at byte 0: "),
            ("garbage.bin", "message at byte 0: "),
            ("huge-segment.bin", "message at byte 0: message ends prematurely"),
            ("amplified.bin", "message at byte 0: exceeded the traversal limit"),
            ("packed.bin", "message at byte 0: looks like a packed message (try --packed)"),
            ("text-ids.bin", "message at byte 0: not the OpenVCloud Account layout"),
            ("notes.txt", "message at byte 0: "),
        ]
        for (name, reason) in cases {
            let result = try capnpCat(["f/\(name)"], directory: work.url)
            XCTAssertEqual(result.status, 1, result.describe([name]))
            XCTAssertEqual(result.stdout.count, 0, result.describe([name]))
            XCTAssertTrue(result.stderr.hasPrefix("capnp-cat: f/\(name): \(reason)"), result.describe([name]))
            XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, result.describe([name]))
        }
        // Bad and good together: every good file still decoded, in order.
        let all = try capnpCat(["f/garbage.bin", "f/two-messages.bin", "f/truncated.bin", "f/packed.bin"], directory: work.url)
        XCTAssertEqual(all.status, 1)
        XCTAssertEqual(all.lines.count, 4)
        XCTAssertEqual(all.stderr.split(separator: "\n").count, 3)
    }

    func testPackedAndSeveralMessages() throws {
        let work = try faults()
        let packed = try capnpCat(["--packed", "f/packed.bin"], directory: work.url)
        XCTAssertEqual(packed.status, 0, packed.stderr)
        XCTAssertEqual(packed.lines.count, 2)
        let unpacked = try capnpCat(["--packed", "f/two-messages.bin"], directory: work.url)
        XCTAssertEqual(unpacked.status, 1)
        XCTAssertTrue(unpacked.stderr.contains("not packed: it decodes in the standard framing (drop --packed)"), unpacked.stderr)
        let two = try capnpCat(["f/two-messages.bin"], directory: work.url)
        XCTAssertEqual(two.status, 0, two.stderr)
        XCTAssertEqual(two.lines.count, 4)
        XCTAssertEqual(Array(two.lines[0...1]), Array(two.lines[2...3]))
        XCTAssertEqual(
            two.lines[1],
            #"{"source":"ovc","account":42,"cloudspace":7,"vm":1001,"type":"vm","status":"RUNNING","image":"Ubuntu 18.04 x64","vcpus":2,"mem_mb":2048.0,"disks":1,"disk_gb":40.0,"iops_read":4.5,"iops_write":1.5,"iops_read_max":0.0,"iops_write_max":0.0,"nics":1,"net_tx":12.5,"net_rx":3.25,"cpu_minutes":0.25}"#)
        XCTAssertEqual(
            two.lines[0],
            #"{"source":"ovc","account":42,"cloudspace":7,"vm":0,"type":"routeros","vcpus":0,"mem_mb":0.0,"disks":0,"disk_gb":0.0,"iops_read":0.0,"iops_write":0.0,"iops_read_max":0.0,"iops_write_max":0.0,"nics":2,"net_tx":0.0,"net_rx":0.0,"cpu_minutes":0.0}"#)
        let raw = try capnpCat(["--raw", "f/two-messages.bin"], directory: work.url)
        XCTAssertEqual(raw.lines.count, 2)
    }

    func testInvalidUTF8IsReplacedAndReported() throws {
        let work = try faults()
        let result = try capnpCat(["f/invalid-utf8.bin"], directory: work.url)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "capnp-cat: f/invalid-utf8.bin: text that is not valid UTF-8 (written with U+FFFD)\n")
        XCTAssertEqual(result.lines.count, 2)
        XCTAssertTrue(result.lines[1].contains(#""image":"fo\#u{FFFD}o\#u{FFFD}""#), result.lines[1])
        for line in result.lines { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8))) }
        let raw = try capnpCat(["--raw", "f/invalid-utf8.bin"], directory: work.url)
        XCTAssertEqual(raw.status, 1)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: raw.stdout))
    }

    func testTraversalLimitFlag() throws {
        let file = "\(tree)/1/2018/10/1/0/account_capnp.bin"
        let low = try capnpCat(["--traversal-limit", "20", file])
        XCTAssertEqual(low.status, 1)
        XCTAssertTrue(low.stderr.contains("exceeded the traversal limit"), low.stderr)
        XCTAssertEqual(low.stdout.count, 0)
        let work = try faults()
        let raised = try ToolRunner.shell(
            "capnp-cat --traversal-limit 20000000 f/amplified.bin | wc -l", directory: work.url)
        XCTAssertEqual(raised.stderr, "")
        XCTAssertEqual(raised.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines), "\(1300 * 1000)")
    }

    func testStrayFilesAndNameGlob() throws {
        let work = try TempDir()
        try work.copy(ToolRunner.repositoryRoot.appendingPathComponent("\(tree)/2"), to: "t/2")
        try work.write("t/README.txt", bytes: Array("stray\n".utf8))
        let cloudspace = try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("\(tree)/2/2018/10/1/0/account_capnp.bin"))
        try work.write("t/active/2/2018/10/1/0/123.bin", bytes: Array(cloudspace))
        let plain = try capnpCat(["t"], directory: work.url)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let named = try capnpCat(["--name", "*.bin", "t"], directory: work.url)
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertGreaterThan(named.lines.count, plain.lines.count)
    }

    func testUnreadableFolder() throws {
        let work = try TempDir()
        try work.copy(ToolRunner.repositoryRoot.appendingPathComponent("\(tree)/2/2018/10/1"), to: "t/2/2018/10/1")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: work.url.path + "/t/2/2018/10/1/5")
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: work.url.path + "/t/2/2018/10/1/5") }
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: work.url.path)
        var command = "capnp-cat t"
        if getuid() == 0 {
            // Root reads any folder; run as nobody so the mode counts.
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                throw XCTSkip("running as root without setpriv: cannot make a folder unreadable")
            }
            command = "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups \(ToolRunner.path(of: "capnp-cat")) t"
        }
        let result = try ToolRunner.shell(command, directory: work.url)
        XCTAssertEqual(result.status, 1, result.describe([command]))
        XCTAssertEqual(result.stderr, "capnp-cat: t/2/2018/10/1/5: permission denied\n")
        XCTAssertGreaterThan(result.lines.count, 0)
    }

    // MARK: output

    func testClosedPipeIsQuiet() throws {
        let result = try ToolRunner.shell("capnp-cat \(tree) | head -n 1 > /dev/null; echo \"${PIPESTATUS[0]}\"")
        XCTAssertEqual(result.stdoutText, "0\n")
        XCTAssertEqual(result.stderr, "")
    }

    func testFullDiskIsFatal() throws {
        let result = try ToolRunner.shell("capnp-cat \(tree) > /dev/full")
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "capnp-cat: write error: no space left on device\n")
    }

    func testZstdInAndOut() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd") else {
            throw XCTSkip("zstd is not installed")
        }
        let work = try TempDir()
        try work.copy(ToolRunner.repositoryRoot.appendingPathComponent("\(tree)/1/2018/10/1"), to: "t/1/2018/10/1")
        let plain = try capnpCat(["t"], directory: work.url)
        let compressed = try ToolRunner.shell(
            "find t -name account_capnp.bin -exec zstd -q --rm {} \\; && capnp-cat t", directory: work.url)
        XCTAssertEqual(compressed.status, 0, compressed.stderr)
        XCTAssertEqual(compressed.stdoutText, plain.stdoutText)
        let out = try ToolRunner.shell("capnp-cat -z t | zstd -dc", directory: work.url)
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertEqual(out.stdoutText, plain.stdoutText)
    }

    func testVersion() throws {
        let result = try capnpCat(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdoutText, "capnp-cat 0.1.0\n")
    }
}
