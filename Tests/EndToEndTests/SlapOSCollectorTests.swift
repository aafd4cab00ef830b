import Foundation
import XCTest
import _AcctTestSupport

/// acct-import --from slapos on what slapos.core's own collector code
/// wrote: Tests/Producers/slapos-collector.py saves made-up snapshots
/// through the collector's entities and database, dumps and packs the days
/// with its RawCSVDumper and compressLogFolder, and sums the same samples
/// in SQL. The records, rolled up by acct-slice, must give those sums.
///
/// slapos.core comes from PyPI into .build/venv (`make venv`, which
/// `make test` runs).
final class SlapOSCollectorTests: XCTestCase {
    /// The collector's output and the sums, made once for every test here.
    private struct Collected {
        let dataLog: URL
        let archives: [String]
        let expected: [String: Any]
    }

    nonisolated(unsafe) private static var collected: Result<Collected, Error>?

    private func collect() throws -> Collected {
        if let collected = Self.collected { return try collected.get() }
        let result = Result { try Self.runCollector() }
        Self.collected = result
        return try result.get()
    }

    private static func runCollector() throws -> Collected {
        let python = ToolRunner.repositoryRoot.appendingPathComponent(".build/venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw CollectorFailure("no \(python): `make venv` (which `make test` runs) installs slapos.core there")
        }
        // The collector commits to SQLite several times a run, each commit
        // a sync to disk: in memory, when /dev/shm is there, that is no
        // wait at all.
        let dir = try TempDir(in: FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : nil)
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Producers/slapos-collector.py").path
        let run = try ToolRunner.runExecutable(python, [script, dir.path], stdin: nil, directory: nil, environment: nil)
        guard run.status == 0 else { throw CollectorFailure("the collector failed: \(run.describe([script]))") }
        let dataLog = URL(fileURLWithPath: dir.path("instance/var/data-log"))
        let archives = try FileManager.default.contentsOfDirectory(atPath: dataLog.path)
            .filter { $0.hasSuffix(".tar.gz") }.sorted().map { dataLog.appendingPathComponent($0).path }
        let json = try Data(contentsOf: URL(fileURLWithPath: dir.path("expected.json")))
        guard let expected = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw CollectorFailure("expected.json is not an object")
        }
        // Kept for the other tests of the class, removed after the last.
        folder = dir
        return Collected(dataLog: dataLog, archives: archives, expected: expected)
    }

    nonisolated(unsafe) private static var folder: TempDir?

    override class func tearDown() {
        folder = nil
        collected = nil
        super.tearDown()
    }

    private struct CollectorFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The import of every archive, with TZ set to a zone with summer time
    /// (the night of 31 March 2024 changes it): UTC stays UTC.
    private func imported(_ c: Collected) throws -> ToolResult {
        try ToolRunner.run("acct-import", ["--from", "slapos"] + c.archives, environment: ["TZ": "Europe/Paris"])
    }

    private func rows(_ result: ToolResult) throws -> [[String: Any]] {
        try result.lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    private func assertClose(_ got: Any?, _ want: Any?, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let g = (got as? NSNumber)?.doubleValue, let w = (want as? NSNumber)?.doubleValue else {
            return XCTFail("\(what): \(String(describing: got)) against \(String(describing: want))", file: file, line: line)
        }
        XCTAssertEqual(g, w, accuracy: max(abs(w) * 1e-12, 1e-9), what, file: file, line: line)
    }

    func testEveryDayIsDumpedAndImported() throws {
        let c = try collect()
        let dates = try XCTUnwrap(c.expected["dates"] as? [String])
        XCTAssertEqual(c.archives.map { URL(fileURLWithPath: $0).lastPathComponent }, dates.map { "\($0).tar.gz" })
        let result = try imported(c)
        XCTAssertEqual(result.status, 0, result.stderr)
        // The host's reboot: each counter that went back is a note.
        let notes = result.stderr.split(separator: "\n")
        XCTAssertEqual(notes.count, c.expected["system_resets"] as? Int, result.stderr)
        XCTAssertTrue(notes.allSatisfy { $0.hasSuffix("; counted as a reset") && $0.contains("dump_system.csv:") }, result.stderr)
        // REAL columns stay floats however whole; the disk table's TEXT
        // holds integers, which stay integers.
        let text = result.stdoutText
        XCTAssertNil(text.range(of: #""(rss_bytes|cpu_seconds|disk_bytes|net_rx_bytes)":-?[0-9]+[,}]"#, options: .regularExpression))
        XCTAssertNotNil(text.range(of: #""cpu_seconds":[0-9]+\.[0-9]+[,}]"#, options: .regularExpression))
        XCTAssertNotNil(text.range(of: #""used_bytes":[0-9]+,"free_bytes":[0-9]+\}"#, options: .regularExpression))
    }

    func testTotalsAgreeWithTheCollectorsDatabase() throws {
        let c = try collect()
        let dir = try TempDir()
        let records = try dir.write("records.ndjson", bytes: [UInt8](try imported(c).stdout))
        let totals = try rows(ToolRunner.run("acct-slice", ["--every", "total", "--by", "table,user,device", records]))
        func row(_ table: String, _ key: String, _ value: String?) throws -> [String: Any] {
            try XCTUnwrap(totals.first { $0["table"] as? String == table && (value == nil || $0[key] as? String == value) },
                          "\(table) \(value ?? "")")
        }
        let user = try XCTUnwrap(c.expected["user"] as? [String: [String: Any]])
        XCTAssertEqual(Set(user.keys), ["slapuser0", "slapuser1", "slapuser2"])
        for (partition, sums) in user {
            let got = try row("user", "user", partition)
            for key in ["seconds", "cpu_seconds", "io_bytes", "rss_bytes_hours", "cpu_percent_hours"] {
                assertClose(got[key], sums[key], "user \(partition) \(key)")
            }
        }
        let system = try XCTUnwrap(c.expected["system"] as? [String: Any])
        let gotSystem = try row("system", "", nil)
        for key in ["seconds", "net_rx_bytes", "net_tx_bytes", "net_tx_dropped", "mem_used_bytes_hours"] {
            assertClose(gotSystem[key], system[key], "system \(key)")
        }
        let disk = try XCTUnwrap(c.expected["disk"] as? [String: [String: Any]])
        for (device, sums) in disk {
            let got = try row("disk", "device", device)
            assertClose(got["seconds"], sums["seconds"], "disk \(device) seconds")
            assertClose(got["used_bytes_hours"], sums["used_bytes_hours"], "disk \(device) used_bytes_hours")
        }
        // Folders are measured once a day; each is held until the next.
        let folder = try XCTUnwrap(c.expected["folder"] as? [String: [String: Any]])
        XCTAssertEqual(folder.count, 3)
        for (partition, sums) in folder {
            let got = try row("folder", "user", partition)
            for key in ["records", "seconds", "disk_bytes_hours"] {
                assertClose(got[key], sums[key], "folder \(partition) \(key)")
            }
        }
    }

    func testUTCDaysWhateverTZ() throws {
        let c = try collect()
        let dir = try TempDir()
        let records = try dir.write("records.ndjson", bytes: [UInt8](try imported(c).stdout))
        let days = try rows(ToolRunner.shell(
            "acct-filter -x 'table = \"user\"' \(records) | acct-slice --utc --every day --by user"))
        let expected = try XCTUnwrap(c.expected["user_by_day"] as? [[String: Any]])
        XCTAssertEqual(days.count, expected.count)
        for want in expected {
            let day = try XCTUnwrap(want["day"] as? String), user = try XCTUnwrap(want["user"] as? String)
            let got = try XCTUnwrap(days.first { $0["start"] as? String == "\(day)T00:00:00Z" && $0["user"] as? String == user },
                                    "\(day) \(user)")
            assertClose(got["seconds"], want["seconds"], "\(day) \(user) seconds")
            assertClose(got["cpu_seconds"], want["cpu_seconds"], "\(day) \(user) cpu_seconds")
        }
    }

    func testAnArchiveOnStandardInputOrUnnamed() throws {
        let c = try collect()
        let archive = try XCTUnwrap(c.archives.dropFirst().first)
        let byName = try ToolRunner.run("acct-import", ["--from", "slapos", archive])
        XCTAssertEqual(byName.status, 0, byName.stderr)
        XCTAssertGreaterThan(byName.lines.count, 500)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        let stdin = try ToolRunner.run("acct-import", ["--from", "slapos"], stdin: bytes)
        XCTAssertEqual(stdin.status, 0, stdin.stderr)
        XCTAssertEqual(stdin.stdout, byName.stdout)
        XCTAssertEqual(stdin.stderr, byName.stderr.replacingOccurrences(of: archive, with: "<stdin>"))
        let dir = try TempDir()
        let unnamed = try dir.write("day", bytes: [UInt8](bytes))
        XCTAssertEqual(try ToolRunner.run("acct-import", ["--from", "slapos", unnamed]).stdout, byName.stdout)
    }
}
