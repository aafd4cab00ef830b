import Foundation
import XCTest
import _AcctTestSupport

/// acct-import --from cloudstack on examples/cloudstack: records worked out
/// by hand from the rows, CSV and TSV alike, the zone rule, bad rows.
final class AcctImportCloudStackTests: XCTestCase {
    private let csv = "examples/cloudstack/cloud_usage.csv"
    private let tsv = "examples/cloudstack/cloud_usage.tsv"
    private let bad = "examples/cloudstack/bad.csv"

    private func run(_ arguments: [String]) throws -> ToolResult {
        try ToolRunner.run("acct-import", ["--from", "cloudstack"] + arguments)
    }

    func testRowsBecomeRecords() throws {
        let result = try run([csv])
        XCTAssertEqual(result.status, 0, result.describe([csv]))
        XCTAssertEqual(result.stderr, "")
        let lines = result.lines
        XCTAssertEqual(lines.count, 24)
        // Row 1: the window 00:00:00..23:59:59 ends a second later; NULLs are left out.
        XCTAssertEqual(lines[0], #"{"source":"cloudstack","start":"2024-03-01T00:00:00Z","end":"2024-03-02T00:00:00Z","account":2,"domain":1,"zone":1,"usage_type":1,"usage_name":"RUNNING_VM","vm":10,"name":"web-1","offering":17,"template":5,"usage_id":10,"type":"KVM","description":"web-1 running time (ServiceOffering: 17) (Template: 5)","vm_running_hours":24}"#)
        // 12.5 running hours stay a float.
        XCTAssertTrue(lines[4].hasSuffix(#""vm_running_hours":12.5}"#), lines[4])
        // Network bytes are a counter.
        XCTAssertEqual(lines[9], #"{"source":"cloudstack","start":"2024-03-01T00:00:00Z","end":"2024-03-02T00:00:00Z","account":2,"domain":1,"zone":1,"usage_type":4,"usage_name":"NETWORK_BYTES_SENT","usage_id":12,"type":"DomainRouter","network":204,"description":"Bytes sent by network ID: 204","net_tx_bytes":1000000}"#)
        // A quoted description over two lines, with a tab and a backslash.
        XCTAssertEqual(lines[12], #"{"source":"cloudstack","start":"2024-03-01T00:00:00Z","end":"2024-03-02T00:00:00Z","account":2,"domain":1,"zone":1,"usage_type":3,"usage_name":"IP_ADDRESS","usage_id":31,"description":"IPAddress: 10.1.1.20\r\nsource NAT\tC:\\nat","ip_hours":24}"#)
        // A volume: 10 GiB held 24 h, so seconds = 24 × 3600.
        XCTAssertEqual(lines[13], #"{"source":"cloudstack","start":"2024-03-01T00:00:00Z","end":"2024-03-02T00:00:00Z","account":2,"domain":1,"zone":1,"usage_type":6,"usage_name":"VOLUME","vm":10,"offering":3,"usage_id":55,"description":"Volume Id: 55 usage time (DiskOffering: 3)","size_bytes":10737418240,"seconds":86400}"#)
        // Half a day: 12 h = 43200 s.
        XCTAssertTrue(lines[16].hasSuffix(#""size_bytes":5368709120,"seconds":43200}"#), lines[16])
        // Quotes doubled in CSV, a snapshot of 1 GiB for 6 h.
        XCTAssertEqual(lines[21], #"{"source":"cloudstack","start":"2024-03-03T00:00:00Z","end":"2024-03-04T00:00:00Z","account":2,"domain":1,"zone":1,"usage_type":9,"usage_name":"SNAPSHOT","usage_id":77,"description":"Snapshot Id: 77, with size, \"daily\"","size_bytes":1073741824,"seconds":21600}"#)
    }

    func testMysqlTSVGivesTheSameRecords() throws {
        let a = try run([csv]), b = try run([tsv])
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertEqual(a.stdoutText, b.stdoutText)
        let piped = try ToolRunner.run("acct-import", ["--from", "cloudstack"], stdin: try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent(tsv)))
        XCTAssertEqual(piped.stdoutText, a.stdoutText)
    }

    func testWindowsAreReadInTheZone() throws {
        let result = try run(["--tz", "Europe/Paris", csv])
        XCTAssertTrue(result.lines[0].hasPrefix(#"{"source":"cloudstack","start":"2024-02-29T23:00:00Z","end":"2024-03-01T23:00:00Z","#), result.lines[0])
        let env = try ToolRunner.run("acct-import", ["--from", "cloudstack", csv], environment: ["TZ": "Asia/Tokyo"])
        XCTAssertTrue(env.lines[0].hasPrefix(#"{"source":"cloudstack","start":"2024-02-29T15:00:00Z","end":"2024-03-01T15:00:00Z","#), env.lines[0])
        XCTAssertEqual(try run(["--utc", csv]).stdoutText, try run([csv]).stdoutText)
    }

    func testBadRowsAreReportedAndTheRestImported() throws {
        let result = try run([bad])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            acct-import: \(bad):3: expected 6 fields, found 5
            acct-import: \(bad):4: bad start_date '2024-02-30 00:00:00'
            acct-import: \(bad):5: unknown usage type 99, kept with its raw_usage
            acct-import: \(bad):7: bad raw_usage 'lots'
            acct-import: \(bad):8: end_date is before start_date
            acct-import: \(bad):10: unterminated quoted field

            """)
        XCTAssertEqual(result.lines, [
            #"{"source":"cloudstack","start":"2024-03-01T00:00:00Z","end":"2024-03-02T00:00:00Z","account":2,"usage_type":1,"usage_name":"RUNNING_VM","name":"web-1","vm_running_hours":24}"#,
            // The unknown type is kept with its code and raw_usage, reported once for both rows.
            #"{"source":"cloudstack","start":"2024-03-01T00:00:00Z","end":"2024-03-02T00:00:00Z","account":2,"usage_type":99,"name":"web-1","raw_usage":3.5}"#,
            #"{"source":"cloudstack","start":"2024-03-02T00:00:00Z","end":"2024-03-03T00:00:00Z","account":2,"usage_type":99,"name":"web-1","raw_usage":1}"#,
            #"{"source":"cloudstack","start":"2024-03-01T00:00:00Z","end":"2024-03-02T00:00:00Z","account":2,"usage_type":2,"usage_name":"ALLOCATED_VM","name":"web-1","vm_allocated_hours":24}"#,
        ])
    }

    func testStrictStopsAtTheFirstBadRow() throws {
        let result = try run(["--strict", bad])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "acct-import: \(bad):3: expected 6 fields, found 5\n")
        XCTAssertEqual(result.lines.count, 1)
    }

    func testMissingColumnIsReported() throws {
        let dir = try TempDir()
        let path = try dir.write("x.csv", "account_id,usage_type,raw_usage,start_date\n2,1,24,2024-03-01 00:00:00\n")
        let result = try run([path, csv])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "acct-import: \(path):1: no end_date column in the header\n")
        XCTAssertEqual(result.lines.count, 24, "the next input is still read")
    }

    func testStreamsAndZstd() throws {
        let result = try ToolRunner.shell("zstd -qc \(tsv) | acct-import --from cloudstack | head -1")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.lines.count, 1)
        XCTAssertTrue(result.lines[0].contains(#""usage_name":"RUNNING_VM""#))
    }
}
