import Foundation
import XCTest
import _AcctTestSupport

/// Issue 7's measure: for each oneacct fixture in examples/opennebula, the
/// pipeline `acct-import --from opennebula | acct-filter ... | acct-fmt
/// --oneacct ...` prints the bytes oneacct printed (its ANSI codes, which
/// it writes even into a pipe, removed).
final class OneAcctPipelineTests: XCTestCase {
    private let document = "examples/opennebula/modern-basic.history_records.xml"

    private func expected(_ name: String) throws -> String {
        let text = try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("examples/opennebula/\(name)"), encoding: .utf8)
        return text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    private func assertPipeline(_ filter: String, _ format: String, equals fixture: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let command = "set -o pipefail; acct-import --from opennebula \(document) | acct-filter \(filter) | acct-fmt --oneacct \(format)"
        let result = try ToolRunner.shell(command)
        XCTAssertEqual(result.status, 0, result.describe([command]), file: file, line: line)
        XCTAssertEqual(result.stderr, "", file: file, line: line)
        XCTAssertEqual(result.stdoutText, try expected(fixture), command, file: file, line: line)
    }

    func testTable() throws {
        try assertPipeline("", "", equals: "modern-basic.oneacct.txt")
    }

    func testSplit() throws {
        try assertPipeline("", "--split vm", equals: "modern-basic.oneacct_split.txt")
    }

    func testCSV() throws {
        try assertPipeline("", "--csv", equals: "modern-basic.oneacct.csv")
    }

    func testStart() throws {
        try assertPipeline("-s 2024-03-01", "-s 2024-03-01", equals: "modern-basic.oneacct_s2024-03-01.txt")
    }

    func testEnd() throws {
        try assertPipeline("-e 2024-03-01", "-e 2024-03-01", equals: "modern-basic.oneacct_e2024-03-01.txt")
    }

    func testWindowAsCSV() throws {
        try assertPipeline("-s 2024-03-01 -e 2024-03-05", "--csv", equals: "modern-basic.oneacct_s2024-03-01_e2024-03-05.csv")
    }

    func testUserAndColumnList() throws {
        try assertPipeline("-u 2", "-o VID,SEQ,UID,HOSTNAME,START_TIME", equals: "modern-basic.oneacct_u2_list.txt")
    }

    func testHostOrGroup() throws {
        // oneacct ORs -H and -g (an XPath union); acct-filter ANDs its
        // flags, so the union is written as an expression.
        try assertPipeline("-x 'hid = 1 or group = 0'", "--csv", equals: "modern-basic.oneacct_H1_g0.csv")
        let and = try ToolRunner.shell("acct-import --from opennebula \(document) | acct-filter -H 1 -g 0 | acct-fmt --oneacct --csv")
        XCTAssertEqual(and.stdoutText, "UID,VID,HOSTNAME,ACTION,START_TIME,END_TIME,MEMORY,CPU,NETRX,NETTX,DISK\n", "no record is on host 1 and in group 0")
    }

    func testUserZeroSelectsWhatOneacctXAndJSelect() throws {
        // oneacct -u 0 -x and -j print raw documents, not tables; what must
        // agree is the set of records chosen.
        let xml = try expected("modern-basic.oneacct_u0.xml")
        let json = try JSONSerialization.jsonObject(with: Data(try expected("modern-basic.oneacct_u0.json").utf8)) as! [String: Any]
        let history = (json["HISTORY_RECORDS"] as! [String: Any])["HISTORY"] as! [String: Any]
        let fromJSON = ["\(history["OID"]!)/\(history["SEQ"]!)"]
        let oids = xml.components(separatedBy: "<OID>").dropFirst().map { $0.prefix { $0 != "<" } }
        let seqs = xml.components(separatedBy: "<SEQ>").dropFirst().map { $0.prefix { $0 != "<" } }
        let fromXML = zip(oids, seqs).map { "\($0)/\($1)" }
        let result = try ToolRunner.shell("acct-import --from opennebula \(document) | acct-filter -u 0")
        let ours = try result.lines.map { line -> String in
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return "\(record["vm"]!)/\(record["seq"]!)"
        }
        XCTAssertEqual(ours, fromXML)
        XCTAssertEqual(ours, fromJSON)
        XCTAssertEqual(ours, ["22/0"])
    }

    /// odd.history_records.xml lacks, record by record, each element oneacct
    /// reads a column from: the VM, its TEMPLATE, its MONITORING and the
    /// values inside them, ACTION, HOSTNAME, ETIME and the owner; it also
    /// has an unknown and a negative ACTION, a record that starts as it
    /// ends, a counter reset and empty CDATA values. The fixtures are what
    /// oneacct's own Ruby code (OpenNebula 7.5.80) printed for it with
    /// TZ=UTC: `-` where it cannot read a value, `0M`/`0K` or empty where
    /// the value alone is missing, `none` for a missing ACTION. Normal
    /// output: status 0, and only the note about the counter reset.
    func testOddDataThroughThePipeline() throws {
        let odd = "examples/opennebula/odd.history_records.xml"
        for (format, fixture) in [("", "odd.oneacct.txt"), ("--csv", "odd.oneacct.csv"), ("--split vm", "odd.oneacct_split.txt")] {
            let command = "set -o pipefail; acct-import --from opennebula \(odd) | acct-fmt --oneacct \(format)"
            let result = try ToolRunner.shell(command)
            XCTAssertEqual(result.status, 0, result.describe([command]))
            XCTAssertEqual(result.stderr, "acct-import: \(odd): vm 30 seq 1: NETRX went back from 5000000000 to 1000; counted as a reset\n", command)
            XCTAssertEqual(result.stdoutText, try expected(fixture), command)
        }
    }

    func testOddDataRowByRow() throws {
        // The same, spelled out, so that a fixture cannot drift unseen.
        let result = try ToolRunner.shell("acct-import --from opennebula examples/opennebula/odd.history_records.xml | acct-fmt --oneacct --csv")
        XCTAssertEqual(result.lines, [
            "UID,VID,HOSTNAME,ACTION,START_TIME,END_TIME,MEMORY,CPU,NETRX,NETTX,DISK",
            "4,30,node01,\"\",03/01 10:00:00,03/01 11:00:00,512G,16,4.7G,1024G,3T",
            "4,30,node01,terminate,03/01 11:00:00,03/01 11:00:00,512G,16,1K,1T,3T",
            // TEMPLATE without MEMORY or CPU; no MONITORING.
            "4,31,a-very-long-hostname.example.org,none,03/01 12:00:00,-,0M,\"\",-,-,0K",
            // No VM: no owner, and nothing oneacct reads from it.
            "\"\",32,node02,live-migrate,03/01 13:00:00,03/01 14:00:00,-,-,-,-,-",
            // No owner in the VM: the same section as the VM-less record;
            // STIME 0; empty CDATA for CPU, MEMORY and NETRX; ACTION -1.
            "\"\",34,node03,exec-cancel,-,03/01 17:00:00,0M,\"\",0K,0.5K,0K",
            // No HOSTNAME, ACTION or TEMPLATE; MONITORING without NETTX;
            // the disk is the snapshots'.
            "5,33,\"\",none,03/01 15:00:00,03/01 16:00:00,-,-,2K,0K,2G",
            // An empty MONITORING, no ETIME, no MEMORY.
            "5,33,node02,none,03/01 16:00:00,-,0M,0.5,0K,0K,512M",
        ])
    }

    func testLegacyCountersAreShown() throws {
        // The 3.6 layout keeps the counters in VM/NET_RX and VM/NET_TX, as
        // 3.6's oneacct showed them, and has REASON, not ACTION.
        let result = try ToolRunner.shell("set -o pipefail; acct-import --from opennebula examples/opennebula/legacy-3.6.history_records.xml | acct-fmt --oneacct --csv")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.lines, [
            "UID,VID,HOSTNAME,ACTION,START_TIME,END_TIME,MEMORY,CPU,NETRX,NETTX,DISK",
            "5,7,host-a,none,07/01 00:00:00,07/02 00:00:00,512M,0.5,4K,2K,4G",
            "5,7,host-b,none,07/02 00:00:00,-,512M,0.5,9.8K,3K,4G",
        ])
    }
}
