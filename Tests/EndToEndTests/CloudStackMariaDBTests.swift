import Foundation
import XCTest
import _AcctTestSupport

/// acct-import --from cloudstack against the real producer of its input: a
/// MariaDB server holding a `cloud_usage` table made as CloudStack makes
/// it, with rows of every usage type as its usage server writes them,
/// exported by `mysql -B` and by `SELECT ... INTO OUTFILE`. The imported
/// figures are checked against sums the same server computes.
final class CloudStackMariaDBTests: XCTestCase {
    nonisolated(unsafe) private static var server: MariaDBServer?
    nonisolated(unsafe) private static var setUpFailure: Error?
    /// The two exports of the whole table, ordered by id.
    nonisolated(unsafe) private static var batchExport = ""
    nonisolated(unsafe) private static var outfileExport = ""

    /// One server for the class: initialising its data folder takes seconds.
    override class func setUp() {
        super.setUp()
        do {
            let server = try MariaDBServer()
            Self.server = server
            try check(server.sql(UsageRows.schema))
            try check(server.sql(UsageRows.inserts, database: "cloud_usage"))
            let batch = try server.sql("SELECT * FROM cloud_usage ORDER BY id", database: "cloud_usage")
            try check(batch)
            batchExport = server.folder + "/batch.tsv"
            try batch.stdout.write(to: URL(fileURLWithPath: batchExport))
            outfileExport = server.outfiles + "/outfile.tsv"
            try check(server.sql("SELECT * FROM cloud_usage ORDER BY id INTO OUTFILE '\(outfileExport)'", database: "cloud_usage"))
        } catch {
            setUpFailure = error
        }
    }

    override class func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    private static func check(_ result: ToolResult) throws {
        guard result.status == 0 else { throw MariaDBServer.Failure("mariadb: \(result.stderr)") }
    }

    private func database() throws -> MariaDBServer {
        if let failure = Self.setUpFailure { throw failure }
        return try XCTUnwrap(Self.server)
    }

    /// Rows of a query, each field as the client prints it (no header).
    private func query(_ sql: String) throws -> [[String]] {
        let result = try database().sql(sql, database: "cloud_usage", header: false)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    private func records(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    private func assertClose(_ got: Double?, _ want: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let got else { return XCTFail("\(what): missing, want \(want)", file: file, line: line) }
        XCTAssertLessThanOrEqual(abs(got - want), 1e-9 * max(1, abs(want)), "\(what): \(got), want \(want)", file: file, line: line)
    }

    func testSumsPerAccountAndTypeAreTheDatabasesSums() throws {
        _ = try database()
        // Byte-seconds of a bucket: its size over the window, which lasts
        // from start_date to end_date and the millisecond after.
        let sums = try query("""
            SELECT account_id, usage_type, COUNT(*), SUM(raw_usage), SUM(raw_usage * size),
                   SUM(raw_usage * (TIMESTAMPDIFF(SECOND, start_date, end_date) + 1)),
                   SUM(TIMESTAMPDIFF(SECOND, start_date, end_date) + 1)
            FROM cloud_usage WHERE is_hidden = 0 GROUP BY account_id, usage_type ORDER BY account_id, usage_type
            """)
        XCTAssertEqual(Set(sums.map { Int($0[1])! }), Set(Array(1...14) + Array(21...31)), "every usage type is in the table")
        for export in [Self.batchExport, Self.outfileExport] {
            let result = try ToolRunner.shell("acct-import --from cloudstack '\(export)' | acct-slice --every total --by account,usage_type")
            XCTAssertEqual(result.status, 0, result.stderr)
            var rows: [String: [String: Any]] = [:]
            for row in try records(result.stdoutText) {
                rows["\(row["account"] ?? "-")/\(row["usage_type"] ?? "-")"] = row
            }
            XCTAssertEqual(rows.count, sums.count, result.stdoutText)
            for sum in sums {
                let type = Int(sum[1])!
                let what = "\(export): account \(sum[0]) type \(type)"
                let row = try XCTUnwrap(rows["\(sum[0])/\(type)"], what)
                XCTAssertEqual(number(row["records"]), Double(sum[2]), what)
                let raw = Double(sum[3])!
                switch type {
                case 6...9, 25...28:
                    assertClose(number(row["seconds"]), raw * 3600, "\(what) seconds")
                    assertClose(number(row["size_bytes_hours"]), Double(sum[4])!, "\(what) byte-hours")
                case 29:
                    assertClose(number(row["seconds"]), Double(sum[6])!, "\(what) seconds")
                    assertClose(number(row["size_bytes_hours"]), Double(sum[5])! / 3600, "\(what) byte-hours")
                default:
                    let key = try XCTUnwrap(UsageRows.counters[type], what)
                    assertClose(number(row[key]), raw, "\(what) \(key)")
                    XCTAssertNil(row["size_bytes_hours"], what)
                }
            }
        }
    }

    func testBothExportsGiveTheSameRecords() throws {
        _ = try database()
        let batch = try ToolRunner.run("acct-import", ["--from", "cloudstack", Self.batchExport])
        let outfile = try ToolRunner.run("acct-import", ["--from", "cloudstack", Self.outfileExport])
        XCTAssertEqual(batch.status, 0, batch.stderr)
        XCTAssertEqual(outfile.status, 0, outfile.stderr)
        // mysql -B prints the string 'NULL' as it prints NULL; INTO OUTFILE
        // writes NULL as \N and keeps the name.
        let named = outfile.lines.filter { $0.contains(#""name":"NULL","#) }
        XCTAssertEqual(named.count, 1)
        XCTAssertEqual(outfile.stdoutText.replacingOccurrences(of: #""name":"NULL","#, with: ""), batch.stdoutText)
        // TZ is the zone of whoever imports, not of the table.
        let paris = try ToolRunner.run("acct-import", ["--from", "cloudstack", Self.outfileExport], environment: ["TZ": "Europe/Paris"])
        XCTAssertEqual(paris.stdoutText, outfile.stdoutText)
    }

    func testNamesAndDescriptionsSurviveTheEscapes() throws {
        _ = try database()
        // HEX() shows the bytes the table holds, with no escaping between.
        let held = try query("SELECT HEX(vm_name), vm_name IS NULL, HEX(description) FROM cloud_usage WHERE is_hidden = 0 ORDER BY id")
        let result = try ToolRunner.run("acct-import", ["--from", "cloudstack", Self.outfileExport])
        let rows = try records(result.stdoutText)
        XCTAssertEqual(rows.count, held.count)
        func hex(_ text: Any?) -> String { Array(((text as? String) ?? "").utf8).map { String(format: "%02X", $0) }.joined() }
        for (row, want) in zip(rows, held) {
            XCTAssertEqual(want[1] == "1" ? nil : hex(row["name"]), want[1] == "1" ? nil : want[0])
            XCTAssertEqual(hex(row["description"]), want[2])
        }
        XCTAssertTrue(result.stdoutText.contains(#""name":"web\t\"prod\"","#), result.stdoutText)
        XCTAssertTrue(result.stdoutText.contains(#""name":"café-日本 C:\\vm\nline two","#), result.stdoutText)
    }

    func testHiddenRowsAreLeftOutUnlessKept() throws {
        let hidden = try query("SELECT COUNT(*) FROM cloud_usage WHERE is_hidden = 1")[0][0]
        let all = try query("SELECT COUNT(*) FROM cloud_usage")[0][0]
        XCTAssertEqual(hidden, "2")
        let left = try ToolRunner.run("acct-import", ["--from", "cloudstack", Self.outfileExport])
        XCTAssertEqual(left.status, 0)
        XCTAssertEqual(left.stderr, "acct-import: \(Self.outfileExport): 2 hidden rows (is_hidden = 1) left out, as CloudStack's usage listing does; --keep-hidden keeps them\n")
        XCTAssertEqual(left.lines.count, Int(all)! - 2)
        XCTAssertFalse(left.stdoutText.contains(#""hidden""#))
        let kept = try ToolRunner.run("acct-import", ["--from", "cloudstack", "--keep-hidden", Self.batchExport])
        XCTAssertEqual(kept.status, 0)
        XCTAssertEqual(kept.stderr, "")
        XCTAssertEqual(kept.lines.count, Int(all)!)
        XCTAssertEqual(kept.lines.filter { $0.contains(#","hidden":true,"ip_hours":24}"#) }.count, 2)
    }

    func testWindowEndsAndEventEnds() throws {
        _ = try database()
        let result = try ToolRunner.run("acct-import", ["--from", "cloudstack", Self.outfileExport])
        let rows = try records(result.stdoutText)
        func window(_ type: Int, account: Int) -> [(String, String, Double?)] {
            rows.filter { number($0["usage_type"]) == Double(type) && number($0["account"]) == Double(account) }
                .map { ($0["start"] as! String, $0["end"] as! String, number($0["seconds"])) }
        }
        // A GMT day closed at 23:59:59 ends at midnight.
        XCTAssertEqual(window(1, account: 2).map(\.1), ["2024-03-02T00:00:00Z", "2024-03-03T00:00:00Z"])
        // VM snapshot rows end at the snapshot's time, where the next begins,
        // even at 59 seconds past a minute that ends no window.
        XCTAssertEqual(window(25, account: 2).map { [$0.0, $0.1] }, [
            ["2024-03-01T00:00:00Z", "2024-03-01T14:23:59Z"], ["2024-03-01T14:23:59Z", "2024-03-02T00:00:00Z"],
        ])
        // Paris days: 23:00 to 22:59:59 GMT, and the day the clocks go
        // forward, 23 hours; a bucket is held over its window.
        XCTAssertEqual(window(29, account: 3).map { [$0.0, $0.1] }, [
            ["2024-03-29T23:00:00Z", "2024-03-30T23:00:00Z"], ["2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z"],
        ])
        XCTAssertEqual(window(29, account: 3).map(\.2), [86400, 82800])
        // Hourly windows, from a server aggregating by the hour.
        XCTAssertEqual(window(29, account: 4).map { [$0.0, $0.1] }, [["2024-03-01T10:00:00Z", "2024-03-01T11:00:00Z"]])
        XCTAssertEqual(window(29, account: 4).map(\.2), [3600])
    }
}
