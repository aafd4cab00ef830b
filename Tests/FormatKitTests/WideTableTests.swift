import AcctCore
import Foundation
import XCTest
import _AcctTestSupport

@testable import FormatKit

/// --wide against a pivot worked out here, independently, from the same
/// records parsed by Foundation's JSON reader.
final class WideTableTests: XCTestCase {
    /// Records of 4 accounts and 3 cloudspaces over 6 days, some missing,
    /// some without a metric, from a fixed pseudo-random sequence.
    private func records() -> [String] {
        var seed: UInt64 = 42
        func next(_ n: UInt64) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % n)
        }
        let accounts = ["1", "2", "7", "\"x\""]
        var lines: [String] = []
        for _ in 0..<200 {
            let day = 1 + next(6)
            var fields = [#""start":"2018-10-0\#(day)T00:00:00Z""#, #""account":\#(accounts[next(3) == 0 ? 3 : next(3)])"#,
                          #""cloudspace":\#(100 + next(3))"#]
            if next(5) != 0 { fields.append(#""vcpus_hours":\#(next(40)).\#(next(100))"#) }
            if next(7) != 0 { fields.append(#""records":\#(next(9))"#) }
            lines.append("{" + fields.joined(separator: ",") + "}")
        }
        return lines
    }

    private func pivot(_ lines: [String], key: String, metrics: [String]) throws -> [String: [String: Double]] {
        var table: [String: [String: Double]] = [:]
        for line in lines {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let start = try XCTUnwrap(object["start"] as? String)
            let group = "\(object[key]!)"
            for metric in metrics {
                guard let value = object[metric] as? NSNumber else { continue }
                table[start, default: [:]]["\(metric):\(group)", default: 0] += value.doubleValue
            }
        }
        return table
    }

    func testAgainstAnIndependentPivot() throws {
        let lines = records()
        let dir = try TempDir()
        defer { dir.remove() }
        let csv = try renderedText(lines.joined(separator: "\n") + "\n", in: dir) {
            $0.style = .csv
            $0.wide = "account"
            try $0.setColumns("vcpus_hours,records")
        }
        let expected = try pivot(lines, key: "account", metrics: ["vcpus_hours", "records"])
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        XCTAssertEqual(header, ["start", "vcpus_hours:1", "vcpus_hours:2", "vcpus_hours:7", "vcpus_hours:x",
                                "records:1", "records:2", "records:7", "records:x"])
        XCTAssertEqual(rows.dropFirst().map { $0[0] }, expected.keys.sorted())
        for row in rows.dropFirst() {
            for (column, cell) in zip(header, row).dropFirst() {
                let want = expected[row[0]]?[column]
                if let want {
                    let got = try XCTUnwrap(Double(cell), "\(row[0]) \(column): '\(cell)'")
                    XCTAssertEqual(got, want, accuracy: 1e-9 * max(1, abs(want)), "\(row[0]) \(column)")
                } else {
                    XCTAssertEqual(cell, "", "\(row[0]) \(column): no record, an empty cell")
                }
            }
        }
        // Integers add up as integers.
        XCTAssertFalse(rows.dropFirst().flatMap { $0[5...] }.contains { $0.contains(".") })
    }

    /// A lone value is written as it stood, every digit; integers add
    /// exactly past 2^53; TSV has the same shape.
    func testValuesKeepTheirText() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let input = """
            {"start":"2018-10-01T00:00:00Z","vm":"a","net_rx_bytes":18446744073709551615,"cpu_minutes":0.10}
            {"start":"2018-10-01T00:00:00Z","vm":"b","net_rx_bytes":9007199254740993,"cpu_minutes":1e-7}
            {"start":"2018-10-01T00:00:00Z","vm":"b","net_rx_bytes":2,"cpu_minutes":1}
            {"start":"2018-10-01T01:00:00+01:00","vm":"a","net_rx_bytes":1}

            """
        let tsv = try renderedText(input, in: dir) {
            $0.style = .tsv
            $0.wide = "vm"
        }
        XCTAssertEqual(tsv, "start\tnet_rx_bytes:a\tnet_rx_bytes:b\tcpu_minutes:a\tcpu_minutes:b\n"
            + "2018-10-01T00:00:00Z\t18446744073709551616\t9007199254740995\t0.10\t1.0000001\n")
    }
}
