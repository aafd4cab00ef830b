import Foundation
import XCTest
import _AcctTestSupport

/// Invariants across the tools, on a tree the generator makes with its
/// own sums: roll-ups equal the Cap'n Proto data, slicing conserves, and
/// a filter and its inverse split the input exactly.
final class InvariantTests: XCTestCase {
    /// A fresh tree (not examples/) and the generator's per-account totals.
    private func tree() throws -> TempDir {
        let work = try TempDir()
        let made = try ToolRunner.run(
            "ovc-gen", ["--out", "t", "--seed", "11", "--accounts", "4", "--cloudspaces", "3", "--vms", "5",
                        "--hours", "30", "--totals", "totals.ndjson"], directory: work.url)
        XCTAssertEqual(made.status, 0, made.stderr)
        return work
    }

    private func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], String($0))
        }
    }

    private func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }

    /// capnp-cat | acct-slice --by account gives the generator's sums: the
    /// records, an hour each, and every gauge as unit-hours, every counter summed.
    func testRollUpByAccountEqualsTheGeneratorsTotals() throws {
        let work = try tree()
        let result = try ToolRunner.shell("capnp-cat t | acct-slice --every total --by account", directory: work.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        var rows: [Int: [String: Any]] = [:]
        for row in try objects(result.stdoutText) { rows[row["account"] as! Int] = row }
        let totals = try objects(String(decoding: work.read("totals.ndjson"), as: UTF8.self))
        XCTAssertEqual(rows.count, totals.count)
        XCTAssertGreaterThan(totals.count, 1)
        for expected in totals {
            let account = expected["account"] as! Int
            let row = try XCTUnwrap(rows[account], "account \(account)")
            let records = expected["records"] as! Int
            XCTAssertEqual(row["records"] as? Int, records, "account \(account)")
            XCTAssertEqual(row["seconds"] as? Int, records * 3600, "account \(account)")
            let pairs = [("vcpus", "vcpus_hours"), ("mem_mb", "mem_mb_hours"), ("disk_gb", "disk_gb_hours"),
                         ("net_tx", "net_tx_hours"), ("net_rx", "net_rx_hours"), ("iops_read", "iops_read_hours"),
                         ("iops_write", "iops_write_hours"), ("cpu_minutes", "cpu_minutes")]
            for (source, rolled) in pairs {
                let want = number(expected[source])
                // The generator adds the Float32 values exactly; capnp-cat prints
                // each as its shortest Float32 text, a few ulps of a Double away.
                XCTAssertEqual(number(row[rolled]), want, accuracy: max(1e-9, abs(want) * 1e-6), "\(rolled) of account \(account)")
            }
        }
    }

    /// Cutting into quarter hours and rolling up gives the same totals as
    /// rolling up the records (only `records`, which counts rows, differs).
    func testSlicingConservesOnCapnpData() throws {
        let work = try tree()
        let direct = try ToolRunner.shell(
            "capnp-cat t | acct-slice --every day --by account,cloudspace", directory: work.url)
        let cut = try ToolRunner.shell(
            "capnp-cat t | acct-slice --every 15m | acct-slice --every day --by account,cloudspace", directory: work.url)
        XCTAssertEqual(direct.status, 0, direct.stderr)
        XCTAssertEqual(cut.status, 0, cut.stderr)
        let a = try objects(direct.stdoutText)
        let b = try objects(cut.stdoutText)
        XCTAssertEqual(a.count, b.count)
        XCTAssertGreaterThan(a.count, 4)
        for (x, y) in zip(a, b) {
            XCTAssertEqual(Set(x.keys), Set(y.keys))
            for (key, value) in x where key != "records" {
                if let text = value as? String {
                    XCTAssertEqual(y[key] as? String, text, key)
                } else if value is Int, y[key] is Int {
                    XCTAssertEqual(y[key] as? Int, value as? Int, key)
                } else {
                    let want = number(value)
                    XCTAssertEqual(number(y[key]), want, accuracy: max(1e-9, abs(want) * 1e-9), key)
                }
            }
            XCTAssertEqual(y["records"] as? Int, (x["records"] as! Int) * 4)
        }
    }

    /// acct-filter and acct-filter -v split the good lines exactly: each
    /// line in exactly one output, in input order, byte for byte; the bad
    /// lines reported the same way by both; -c agrees.
    func testFilterAndInversePartitionTheInput() throws {
        let work = try tree()
        let stream = try ToolRunner.shell("capnp-cat t", directory: work.url)
        XCTAssertEqual(stream.status, 0, stream.stderr)

        // Good records with the bad lines of examples/ spread between them
        // (bytes, not String: a CRLF line end is one Character).
        func lines(_ data: Data) -> [[UInt8]] {
            Array(data).split(separator: 10, omittingEmptySubsequences: false).dropLast().map(Array.init)
        }
        let badLines = lines(try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("examples/records/bad-lines.ndjson")))
        var input: [[UInt8]] = []
        for (i, line) in lines(stream.stdout).enumerated() {
            input.append(line)
            if i % 97 == 0 { input.append(badLines[(i / 97) % badLines.count]) }
        }
        try work.write("in.ndjson", bytes: input.flatMap { $0 + [10] })
        let selections: [[String]] = [
            ["-x", #"type != "routeros" and vcpus >= 2"#],
            ["-a", "1,3"],
            ["-x", "cpu_minutes > 0.01 or nics = 2"],
            ["--vm", "0", "-x", "count(//status) = 0"],
        ]
        for selection in selections {
            let kept = try ToolRunner.run("acct-filter", selection + ["in.ndjson"], directory: work.url)
            let rest = try ToolRunner.run("acct-filter", ["-v"] + selection + ["in.ndjson"], directory: work.url)
            let count = try ToolRunner.run("acct-filter", ["-c"] + selection + ["in.ndjson"], directory: work.url)
            XCTAssertEqual(kept.stderr, rest.stderr, "\(selection)")
            XCTAssertEqual(kept.status, rest.status)
            let reported = kept.stderr.split(separator: "\n").count
            let blank = input.filter { $0.allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 } }.count
            let (keptLines, restLines) = (lines(kept.stdout), lines(rest.stdout))
            XCTAssertGreaterThan(keptLines.count, 0, "\(selection)")
            XCTAssertGreaterThan(restLines.count, 0, "\(selection)")
            XCTAssertEqual(keptLines.count + restLines.count + reported + blank, input.count, "\(selection)")
            XCTAssertEqual(count.stdoutText, "\(keptLines.count)\n")
            // An ordered merge of the two outputs gives the input's good lines.
            var k = keptLines[...]
            var r = restLines[...]
            var bytes = 0
            for var line in input {
                // A CRLF line goes out with its \r dropped (a plain \n end).
                if line.last == 13 { line.removeLast() }
                if k.first == line {
                    k = k.dropFirst()
                } else if r.first == line {
                    r = r.dropFirst()
                } else {
                    continue  // a bad line
                }
                bytes += line.count + 1
            }
            XCTAssertTrue(k.isEmpty && r.isEmpty, "\(selection): lines left over or out of order")
            XCTAssertEqual(kept.stdout.count + rest.stdout.count, bytes, "\(selection)")
        }
    }
}
