import Foundation
import XCTest
import _AcctTestSupport

/// acct-import --from cloudstack on examples/cloudstack: records worked out
/// by hand from the rows, CSV and TSV alike, the zone rule, bad rows.
final class AcctImportCloudStackTests: XCTestCase {
    private let csv = "examples/cloudstack/cloud_usage.csv"
    private let tsv = "examples/cloudstack/cloud_usage.tsv"
    private let bad = "examples/cloudstack/bad.csv"
    private let outfile = "examples/cloudstack/cloud_usage.outfile.tsv"

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

    func testWindowsAreUTCWhateverTheZones() throws {
        let plain = try run([csv])
        XCTAssertTrue(plain.lines[0].hasPrefix(#"{"source":"cloudstack","start":"2024-03-01T00:00:00Z","end":"2024-03-02T00:00:00Z","#), plain.lines[0])
        // TZ is the zone of whoever imports, not of the table.
        let tokyo = try ToolRunner.run("acct-import", ["--from", "cloudstack", csv], environment: ["TZ": "Asia/Tokyo"])
        XCTAssertEqual(tokyo.stdoutText, plain.stdoutText)
        for flags in [["--utc"], ["--tz", "UTC"], ["--tz", "GMT"], ["--tz", "Etc/GMT0"]] {
            XCTAssertEqual(try run(flags + [csv]).stdoutText, plain.stdoutText, "\(flags)")
        }
        // The usage server's aggregation zone is not the table's zone.
        let paris = try run(["--tz", "Europe/Paris", csv])
        XCTAssertEqual(paris.status, 64)
        XCTAssertEqual(paris.stderr, "acct-import: --tz: CloudStack's cloud_usage table stores UTC whatever its own zone, so 'Europe/Paris' does not apply\n")
        XCTAssertEqual(paris.stdout.count, 0)
    }

    func testHeaderlessOutfileExportOfEveryNewType() throws {
        // Written by MariaDB 10.11 with SELECT * ... INTO OUTFILE from a
        // table of CloudStack's 25 columns, for a usage server aggregating
        // in Europe/Paris: its days are 23:00 to 22:59:59 GMT, the last 23 h.
        let result = try run([outfile])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "acct-import: \(outfile): 1 hidden row (is_hidden = 1) left out, as CloudStack's usage listing does; --keep-hidden keeps them\n")
        XCTAssertEqual(result.lines, [
            // A tab INTO OUTFILE escapes as a backslash before a real tab.
            #"{"source":"cloudstack","start":"2024-03-29T23:00:00Z","end":"2024-03-30T23:00:00Z","account":5,"domain":1,"zone":1,"usage_type":1,"usage_name":"RUNNING_VM","vm":40,"name":"app\t1 \\ café","offering":17,"template":5,"usage_id":40,"type":"KVM","cpu_cores":2,"cpu_speed":2000,"memory":4096,"description":"app\t1 running time (ServiceOffering: 17)","vm_running_hours":24}"#,
            #"{"source":"cloudstack","start":"2024-03-30T23:00:00Z","end":"2024-03-31T22:00:00Z","account":5,"domain":1,"zone":1,"usage_type":1,"usage_name":"RUNNING_VM","vm":40,"name":"app\t1 \\ café","offering":17,"template":5,"usage_id":40,"type":"KVM","cpu_cores":2,"cpu_speed":2000,"memory":4096,"description":"app\t1 running time (ServiceOffering: 17)","vm_running_hours":23}"#,
            // INTO OUTFILE writes NULL as \N, so NULL is a machine's name.
            #"{"source":"cloudstack","start":"2024-03-29T23:00:00Z","end":"2024-03-30T23:00:00Z","account":5,"domain":1,"zone":1,"usage_type":2,"usage_name":"ALLOCATED_VM","vm":41,"name":"NULL","offering":18,"template":5,"usage_id":41,"type":"KVM","cpu_cores":1,"cpu_speed":1000,"memory":1024,"description":"NULL allocated time","vm_allocated_hours":24}"#,
            // A VM snapshot at 09:41:59: one row ends there, the next starts there.
            #"{"source":"cloudstack","start":"2024-03-29T23:00:00Z","end":"2024-03-30T09:41:59Z","account":5,"domain":1,"zone":1,"usage_type":25,"usage_name":"VM_SNAPSHOT","vm":40,"offering":3,"usage_id":73,"description":"VMSnapshot Id: 73","size_bytes":1073741824,"seconds":38519.000244140625}"#,
            #"{"source":"cloudstack","start":"2024-03-30T09:41:59Z","end":"2024-03-30T23:00:00Z","account":5,"domain":1,"zone":1,"usage_type":25,"usage_name":"VM_SNAPSHOT","vm":40,"offering":3,"usage_id":73,"description":"VMSnapshot Id: 73","size_bytes":2147483648,"seconds":47880.999755859375}"#,
            // A bucket's raw_usage is its size, held over the window.
            #"{"source":"cloudstack","start":"2024-03-29T23:00:00Z","end":"2024-03-30T23:00:00Z","account":5,"domain":1,"zone":1,"usage_type":29,"usage_name":"BUCKET","usage_id":93,"description":"Bucket Size","size_bytes":3221225472,"seconds":86400}"#,
            #"{"source":"cloudstack","start":"2024-03-30T23:00:00Z","end":"2024-03-31T22:00:00Z","account":5,"domain":1,"zone":1,"usage_type":29,"usage_name":"BUCKET","usage_id":93,"description":"Bucket Size","size_bytes":3221225472,"seconds":82800}"#,
            #"{"source":"cloudstack","start":"2024-03-30T23:00:00Z","end":"2024-03-31T22:00:00Z","account":5,"domain":1,"zone":1,"usage_type":30,"usage_name":"NETWORK","offering":7,"usage_id":205,"state":"Implemented","description":"Network usage for network ID: 205, network offering: 7","network_hours":23}"#,
            #"{"source":"cloudstack","start":"2024-03-30T23:00:00Z","end":"2024-03-31T22:00:00Z","account":5,"domain":1,"zone":1,"usage_type":31,"usage_name":"VPC","usage_id":301,"description":"VPC usage for VPC ID: 301","vpc_hours":23}"#,
        ])
        // Byte-hours of the bucket: 3 GiB over 24 h and 23 h.
        let rolled = try ToolRunner.shell("acct-import --from cloudstack \(outfile) 2>/dev/null | acct-filter -x 'usage_type = 29' | acct-slice --every total --by account")
        XCTAssertTrue(rolled.stdoutText.contains(#""size_bytes_hours":\#(3 * 1_073_741_824 * 47).0}"#), rolled.stdoutText)
    }

    func testKeepHiddenMarksTheHiddenRows() throws {
        let result = try run(["--keep-hidden", outfile])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.lines.count, 10)
        // A line end INTO OUTFILE escapes as a backslash before a real one.
        XCTAssertEqual(result.lines[3], #"{"source":"cloudstack","start":"2024-03-29T23:00:00Z","end":"2024-03-30T23:00:00Z","account":5,"domain":1,"zone":1,"usage_type":3,"usage_name":"IP_ADDRESS","usage_id":33,"type":"VirtualNetwork","description":"IPAddress: 10.1.1.2\nsystem","hidden":true,"ip_hours":24}"#)
        XCTAssertEqual(result.lines.filter { $0.contains(#""hidden""#) }.count, 1)
    }

    func testHeaderNamesTheColumnsOfAnExport() throws {
        let dir = try TempDir()
        let path = try dir.write("few.csv", "2,1,24,2024-03-01 00:00:00,2024-03-01 23:59:59\n2,29,1024,2024-03-01 10:00:00,2024-03-01 10:59:59\n")
        let named = try run(["--header", "account_id, usage_type,raw_usage,start_date,end_date", path])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(named.lines, [
            #"{"source":"cloudstack","start":"2024-03-01T00:00:00Z","end":"2024-03-02T00:00:00Z","account":2,"usage_type":1,"usage_name":"RUNNING_VM","vm_running_hours":24}"#,
            #"{"source":"cloudstack","start":"2024-03-01T10:00:00Z","end":"2024-03-01T11:00:00Z","account":2,"usage_type":29,"usage_name":"BUCKET","size_bytes":1024,"seconds":3600}"#,
        ])
        let unnamed = try run([path])
        XCTAssertEqual(unnamed.status, 1)
        XCTAssertEqual(unnamed.stderr, "acct-import: \(path):1: no header line, and 5 fields are not a width of the cloud_usage table (18, 19, 22, 23, 24, 25); name the columns with --header\n")
        XCTAssertEqual(unnamed.stdout.count, 0)
        let short = try run(["--header", "account_id,usage_type,raw_usage,start_date,size", path])
        XCTAssertEqual(short.status, 1)
        XCTAssertEqual(short.stderr, "acct-import: \(path):1: no end_date column in the header\n")
    }

    func testCloudStackOptionsGoWithCloudStack() throws {
        let cases: [([String], String)] = [
            (["--from", "abiquo", "--keep-hidden"], "acct-import: --keep-hidden goes with --from cloudstack\n"),
            (["--from", "slapos", "--header", "a,b"], "acct-import: --header goes with --from cloudstack\n"),
            (["--from", "cloudstack", "--header", "account_id,,usage_type"], "acct-import: --header: column 2 has no name\n"),
        ]
        for (arguments, message) in cases {
            let result = try ToolRunner.run("acct-import", arguments + [csv])
            XCTAssertEqual(result.status, 64, result.describe(arguments))
            XCTAssertEqual(result.stderr, message)
            XCTAssertEqual(result.stdout.count, 0)
        }
        let elsewhere = try ToolRunner.run("acct-filter", ["--keep-hidden", csv])
        XCTAssertEqual(elsewhere.stderr, "acct-filter: unknown option '--keep-hidden': reading CloudStack exports is acct-import --keep-hidden\n")
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
