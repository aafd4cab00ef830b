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

    func testOddDataThroughThePipeline() throws {
        // An unknown ACTION prints empty, a record that starts as it ends,
        // a counter reset, missing MEMORY/CPU/MONITORING, a long host name:
        // normal output, no message, status 0.
        let result = try ToolRunner.shell("set -o pipefail; acct-import --from opennebula examples/opennebula/odd.history_records.xml | acct-fmt --oneacct")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdoutText, """
            # User 4\(String(repeating: " ", count: 72))

             VID HOSTNAME        ACTION               START_TIME       END_TIME MEMORY CPU  NETRX  NETTX   DISK
              30 node01                           03/01 10:00:00 03/01 11:00:00   512G  16   4.7G  1024G     3T
              30 node01          terminate        03/01 11:00:00 03/01 11:00:00   512G  16     1K     1T     3T
              31 a-very-long-hos none             03/01 12:00:00              -     0M         0K     0K     0K


            """)
    }
}
