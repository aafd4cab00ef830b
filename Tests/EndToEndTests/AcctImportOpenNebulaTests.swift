import Foundation
import XCTest
import _AcctTestSupport

/// acct-import --from opennebula as a user runs it: exact records from the
/// fixtures in examples/opennebula, odd but valid data, the 3.6 layout, and
/// documents that are cut, empty or not OpenNebula's.
final class AcctImportOpenNebulaTests: XCTestCase {
    private let modern = "examples/opennebula/modern-basic.history_records.xml"
    private let odd = "examples/opennebula/odd.history_records.xml"
    private let legacy = "examples/opennebula/legacy-3.6.history_records.xml"

    private func importing(_ arguments: [String], stdin: Data? = nil, directory: URL? = nil) throws -> ToolResult {
        try ToolRunner.run("acct-import", ["--from", "opennebula"] + arguments, stdin: stdin, directory: directory)
    }

    private func bytes(_ path: String) throws -> Data {
        try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent(path))
    }

    func testModernDocumentGivesTheHandWorkedRecords() throws {
        // modern-basic.ndjson was worked out by hand from the XML.
        let result = try importing([modern])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdoutText, String(decoding: try bytes("examples/opennebula/modern-basic.ndjson"), as: UTF8.self))
    }

    func testStandardInputAndZstd() throws {
        let plain = try importing([modern]).stdout
        XCTAssertEqual(try importing([], stdin: try bytes(modern)).stdout, plain)
        let dir = try TempDir()
        try dir.copy(ToolRunner.repositoryRoot.appendingPathComponent(modern), to: "a.xml")
        let zstd = try ToolRunner.shell("zstd -q a.xml -o a.xml.zst && acct-import --from opennebula - < a.xml.zst", directory: dir.url)
        XCTAssertEqual(zstd.status, 0, zstd.stderr)
        XCTAssertEqual(zstd.stdout, plain)
    }

    func testNetworkDeltasDoNotDoubleCount() throws {
        // Summing net_rx_bytes over a VM's records gives its last NETRX.
        let result = try importing([modern])
        var sums: [Int: Int] = [:]
        var last: [Int: Int] = [:]
        for line in result.lines {
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let vm = record["vm"] as! Int
            sums[vm, default: 0] += record["net_rx_bytes"] as! Int
            last[vm] = record["netrx"] as? Int
        }
        XCTAssertEqual(sums, last)
        XCTAssertEqual(sums[20], 6_012_954_214)
    }

    func testOddButValidDataIsNoError() throws {
        let result = try importing([odd])
        XCTAssertEqual(result.status, 0, result.stderr)
        // A counter reset is normal data: a note, exit status 0.
        XCTAssertEqual(result.stderr, "acct-import: \(odd): vm 30 seq 1: NETRX went back from 5000000000 to 1000; counted as a reset\n")
        XCTAssertEqual(result.lines, [
            // ACTION 64 has no name in oneacct: only the code is kept.
            #"{"source":"opennebula","vm":30,"seq":0,"host":"node01","hid":0,"user":4,"uname":"carol","group":1,"gname":"users","name":"big & \"wide\"","action_code":64,"action_uid":0,"start":"2024-03-01T10:00:00Z","end":"2024-03-01T11:00:00Z","cpu":16,"vcpus":16,"mem_mb":524288,"disk_mb":3145728,"netrx":5000000000,"nettx":1099511627776,"net_rx_bytes":5000000000,"net_tx_bytes":1099511627776}"#,
            // STIME = ETIME; NETRX went down (a reset: the delta is the new
            // value); two disks add up.
            #"{"source":"opennebula","vm":30,"seq":1,"host":"node01","hid":0,"user":4,"uname":"carol","group":1,"gname":"users","name":"big & \"wide\"","action":"terminate","action_code":27,"action_uid":4,"start":"2024-03-01T11:00:00Z","end":"2024-03-01T11:00:00Z","cpu":16,"vcpus":16,"mem_mb":524288,"disk_mb":3146752,"netrx":1000,"nettx":1099511627786,"net_rx_bytes":1000,"net_tx_bytes":10}"#,
            // No MEMORY, CPU, DISK or MONITORING; a long host name, open.
            #"{"source":"opennebula","vm":31,"seq":0,"host":"a-very-long-hostname.example.org","hid":7,"user":4,"uname":"carol","group":1,"gname":"users","name":"bare","action":"none","action_code":0,"action_uid":-1,"start":"2024-03-01T12:00:00Z","end":null,"vcpus":1,"disk_mb":0,"missing":"VM/MONITORING"}"#,
            // No VM at all: no owner, no sizes, not even a disk total of 0.
            #"{"source":"opennebula","vm":32,"seq":0,"host":"node02","hid":1,"action":"live-migrate","action_code":2,"action_uid":0,"start":"2024-03-01T13:00:00Z","end":"2024-03-01T14:00:00Z","missing":"VM"}"#,
            // No HOSTNAME, ACTION, TEMPLATE or NETTX: the disk total is the snapshots'.
            #"{"source":"opennebula","vm":33,"seq":0,"hid":1,"user":5,"uname":"dave","group":1,"gname":"users","name":"no template","action_uid":5,"start":"2024-03-01T15:00:00Z","end":"2024-03-01T16:00:00Z","disk_mb":2048,"netrx":2048,"net_rx_bytes":2048,"missing":"VM/TEMPLATE"}"#,
            // No ETIME; an empty MONITORING is there, with nothing in it;
            // a DISK without SIZE and an empty SIZE add nothing.
            #"{"source":"opennebula","vm":33,"seq":1,"host":"node02","hid":1,"user":5,"uname":"dave","group":1,"gname":"users","name":"no template","action":"none","action_code":0,"action_uid":-1,"start":"2024-03-01T16:00:00Z","end":null,"cpu":0.5,"disk_mb":512}"#,
            // No owner; STIME 0; empty CPU, MEMORY and NETRX are no values;
            // ACTION -1 has no name of its own.
            #"{"source":"opennebula","vm":34,"seq":0,"host":"node03","hid":2,"group":1,"name":"no owner","action_code":-1,"action_uid":0,"end":"2024-03-01T17:00:00Z","disk_mb":0,"nettx":512,"net_tx_bytes":512}"#,
        ])
    }

    func testLegacyLayout() throws {
        let result = try importing([legacy])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.lines, [
            #"{"source":"opennebula","vm":7,"seq":0,"host":"host-a","hid":1,"user":5,"uname":"dave","group":1,"gname":"users","name":"legacy","reason":"user","reason_code":3,"start":"2012-07-01T00:00:00Z","end":"2012-07-02T00:00:00Z","cpu":0.5,"mem_mb":512,"disk_mb":4096,"netrx":4096,"nettx":2048,"net_rx_bytes":4096,"net_tx_bytes":2048}"#,
            #"{"source":"opennebula","vm":7,"seq":1,"host":"host-b","hid":2,"user":5,"uname":"dave","group":1,"gname":"users","name":"legacy","reason":"none","reason_code":0,"start":"2012-07-02T00:00:00Z","end":null,"cpu":0.5,"mem_mb":512,"disk_mb":4096,"netrx":10000,"nettx":3072,"net_rx_bytes":5904,"net_tx_bytes":1024}"#,
        ])
    }

    // MARK: bad input

    private func cut(_ count: Int) throws -> (TempDir, String) {
        let dir = try TempDir()
        let path = try dir.write("cut.xml", bytes: Array(try bytes(modern).prefix(count)))
        return (dir, path)
    }

    func testTruncatedDocumentKeepsTheWholeRecords() throws {
        let (dir, path) = try cut(20_000)
        let result = try importing([path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.lines.count, 4)
        XCTAssertEqual(result.stdoutText, try importing([modern]).lines.prefix(4).map { $0 + "\n" }.joined())
        XCTAssertEqual(result.stderr, "acct-import: \(path):573: not well-formed XML: the document ends inside HISTORY (begun at line 554) (truncated?)\n")
        _ = dir
    }

    func testEveryCutEndsCleanly() throws {
        // Cut at many places: never a crash, never half a line, exit 1.
        let whole = try importing([modern]).lines
        let size = try bytes(modern).count
        for count in stride(from: 0, to: size, by: 997) {
            let (dir, path) = try cut(count)
            let result = try importing([path])
            XCTAssertEqual(result.status, 1, "cut at \(count)")
            XCTAssertTrue(result.stdoutText.isEmpty || result.stdoutText.hasSuffix("\n"))
            XCTAssertEqual(result.lines, Array(whole.prefix(result.lines.count)), "cut at \(count)")
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
            _ = dir
        }
    }

    func testNotADocument() throws {
        let dir = try TempDir()
        let empty = try dir.write("empty.xml", "")
        let other = try dir.write("other.xml", "<VM_POOL><VM/></VM_POOL>\n")
        let text = try dir.write("text.xml", "OID,SEQ\n5,0\n")
        let result = try importing([empty, other, text, modern])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.lines.count, 8, "the good input is still read")
        XCTAssertEqual(result.stderr, """
            acct-import: \(empty):1: not well-formed XML: the input is empty
            acct-import: \(other):1: not an OpenNebula accounting document: the root element is VM_POOL, not HISTORY_RECORDS
            acct-import: \(text):1: not well-formed XML: no element: not an XML document

            """)
    }

    func testBadNumberSkipsThatRecord() throws {
        let dir = try TempDir()
        let xml = String(decoding: try bytes(modern), as: UTF8.self).replacingOccurrences(of: "<OID>22</OID>", with: "<OID>twenty-two</OID>")
        let path = try dir.write("bad.xml", xml)
        let result = try importing([path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.lines, Array(try importing([modern]).lines.prefix(7)))
        XCTAssertTrue(result.stderr.hasPrefix("acct-import: \(path):"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix(": OID: not a number: 'twenty-two'\n"), result.stderr)
    }

    func testStrictStopsInsideTheDocument() throws {
        // The bad records sit in the same read chunk as good ones after
        // them: --strict must not write those.
        let dir = try TempDir()
        let xml = String(decoding: try bytes(modern), as: UTF8.self).replacingOccurrences(of: "<OID>20</OID>", with: "<OID>2x0</OID>")
        let path = try dir.write("bad.xml", xml)
        let result = try importing(["--strict", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.lines, Array(try importing([modern]).lines.prefix(2)))
        XCTAssertEqual(result.stderr, "acct-import: \(path):279: OID: not a number: '2x0'\n")
    }

    func testStrictStopsAtTheFirstBadInput() throws {
        let dir = try TempDir()
        let empty = try dir.write("empty.xml", "")
        let result = try importing(["--strict", empty, modern])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout.count, 0)
    }

    func testEntitiesAreNotExpanded() throws {
        // A "billion laughs" document is refused at once, not expanded.
        let dir = try TempDir()
        var entities = #"<!ENTITY a0 "lol">"#
        for level in 1...9 {
            entities += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">"
        }
        let path = try dir.write("laughs.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE HISTORY_RECORDS [\(entities)]>
            <HISTORY_RECORDS><HISTORY><OID>1</OID><HOSTNAME>&a9;</HOSTNAME></HISTORY></HISTORY_RECORDS>

            """)
        let result = try importing([path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout.count, 0)
        XCTAssertEqual(result.stderr, "acct-import: \(path):3: not well-formed XML: Entity 'a9' not defined\n")
    }

    func testDeepNestingIsNoCrash() throws {
        let dir = try TempDir()
        let depth = 200_000
        let path = try dir.write("deep.xml", "<HISTORY_RECORDS>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</HISTORY_RECORDS>")
        let result = try importing([path])
        XCTAssertNotEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stdout.count, 0)
    }

    func testUsageErrors() throws {
        XCTAssertEqual(try ToolRunner.run("acct-import", [modern]).status, 64, "--from is required")
        XCTAssertEqual(try ToolRunner.run("acct-import", ["--from", "eucalyptus", modern]).status, 64)
        XCTAssertEqual(try importing(["--table", "user", modern]).status, 64)
        XCTAssertEqual(try importing(["--tz", "Mars/Olympus", modern]).status, 64)
    }

    func testFullDiskAndClosedPipe() throws {
        let full = try ToolRunner.shell("acct-import --from opennebula \(modern) > /dev/full")
        XCTAssertEqual(full.status, 2)
        XCTAssertTrue(full.stderr.hasPrefix("acct-import: "), full.stderr)
        let head = try ToolRunner.shell("set -o pipefail; acct-import --from opennebula \(modern) | head -n 1")
        XCTAssertEqual(head.status, 0, head.stderr)
        XCTAssertEqual(head.stderr, "")
    }
}
