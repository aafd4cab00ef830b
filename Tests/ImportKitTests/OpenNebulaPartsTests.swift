import AcctCore
import XCTest
import _AcctTestSupport

@testable import ImportKit

final class OpenNebulaPartsTests: XCTestCase {
    func testCountersAreDifferencedPerVM() {
        var deltas = NetCounterDeltas()
        XCTAssertEqual(deltas.deltas(vm: 5, rx: 100, tx: 10).rx?.added, 100)
        XCTAssertEqual(deltas.deltas(vm: 5, rx: 250, tx: 10).rx?.added, 150)
        // A drop is a reset: all of the new value is new, and the value before is kept for the note.
        XCTAssertEqual(deltas.deltas(vm: 5, rx: 40, tx: 5).rx, NetCounterDeltas.Delta(added: 40, resetFrom: 250))
        XCTAssertEqual(deltas.deltas(vm: 5, rx: 40, tx: 5).tx?.added, 0)
        // Another VM starts from nothing.
        XCTAssertEqual(deltas.deltas(vm: 6, rx: 30, tx: nil).rx, NetCounterDeltas.Delta(added: 30))
        XCTAssertNil(deltas.deltas(vm: 6, rx: 30, tx: nil).tx)
        // A record without counters leaves the last value in place.
        XCTAssertNil(deltas.deltas(vm: 6, rx: nil, tx: nil).rx)
        XCTAssertEqual(deltas.deltas(vm: 6, rx: 35, tx: nil).rx?.added, 5)
    }

    /// A negative counter counts no bytes and, as after a reset, the next
    /// value counts whole: no difference past 64 bits, no overflow trap.
    func testNegativeCounterIsAReset() {
        var deltas = NetCounterDeltas()
        XCTAssertEqual(deltas.deltas(vm: 1, rx: 10, tx: 10).tx, NetCounterDeltas.Delta(added: 10))
        let negative = deltas.deltas(vm: 1, rx: -1, tx: Int64.min)
        XCTAssertEqual(negative.rx, NetCounterDeltas.Delta(added: nil))
        XCTAssertEqual(negative.tx, NetCounterDeltas.Delta(added: nil))
        let after = deltas.deltas(vm: 1, rx: Int64.max, tx: Int64.max)
        XCTAssertEqual(after.rx, NetCounterDeltas.Delta(added: Int64.max))
        XCTAssertEqual(after.tx, NetCounterDeltas.Delta(added: Int64.max))
        XCTAssertEqual(deltas.deltas(vm: 1, rx: 0, tx: Int64.max).rx, NetCounterDeltas.Delta(added: 0, resetFrom: Int64.max))
    }

    func testElementsAreKnownByTheirPlace() {
        func classify(_ name: String, _ parent: HistoryElement) -> HistoryElement {
            name.withCString { $0.withMemoryRebound(to: UInt8.self, capacity: name.utf8.count + 1) { HistoryElement.classify($0, in: parent) } }
        }
        XCTAssertEqual(classify("UID", .history), .actionUID)
        XCTAssertEqual(classify("UID", .vm), .owner)
        XCTAssertEqual(classify("SIZE", .disk), .diskSize)
        XCTAssertEqual(classify("SIZE", .snapshot), .snapshotSize)
        XCTAssertEqual(classify("SIZE", .template), .other)
        XCTAssertEqual(classify("HISTORY", .vm), .other, "the VM's own empty HISTORY_RECORDS is not a record")
        XCTAssertEqual(classify("CPU", .monitoring), .other, "CPU used is not the template's CPU")
        XCTAssertEqual(classify("CPU", .template), .cpu)
        XCTAssertEqual(classify("UIDX", .history), .other)
        XCTAssertEqual(classify("UI", .history), .other)
    }

    /// Each HISTORY of `histories` as the handler holds it at its end tag.
    private func read(_ histories: String, _ take: @escaping (HistoryRecord) -> Void) throws {
        let dir = try TempDir()
        let path = try dir.write("h.xml", "<HISTORY_RECORDS>\(histories)</HISTORY_RECORDS>")
        let handler = HistoryHandler()
        handler.onRecord = { handler in
            take(handler.record)
            return true
        }
        XCTAssertNil(try XMLStreamReader(handler: handler).read(try ByteSource(path: path)))
    }

    func testMissingPartsOfTheSnapshot() throws {
        var missing: [String?] = []
        try read("""
            <HISTORY><OID>1</OID></HISTORY>
            <HISTORY><VM><MONITORING/><TEMPLATE/></VM></HISTORY>
            <HISTORY><VM/></HISTORY>
            <HISTORY><VM><MONITORING><NETRX>1</NETRX></MONITORING></VM></HISTORY>
            <HISTORY><VM><TEMPLATE><MEMORY>1</MEMORY></TEMPLATE></VM></HISTORY>
            <HISTORY><VM><NET_RX>4096</NET_RX><TEMPLATE/></VM></HISTORY>
            <HISTORY><MONITORING/><VM><USER_TEMPLATE><TEMPLATE/></USER_TEMPLATE></VM></HISTORY>
            """) { missing.append($0.missing) }
        XCTAssertEqual(missing, [
            "VM",
            nil,
            "VM/MONITORING VM/TEMPLATE",
            "VM/TEMPLATE",
            "VM/MONITORING",
            nil,  // the 3.6 layout's NET_RX stands where MONITORING is later
            "VM/MONITORING VM/TEMPLATE",  // only the VM's own children count
        ])
    }

    func testEmptyCountersAreNoValue() throws {
        // oneacct's to_i reads an empty counter as 0, as it reads a missing one.
        var counters: [[Int64?]] = []
        try read("""
            <HISTORY><VM><MONITORING><NETRX><![CDATA[]]></NETRX><NETTX>  </NETTX></MONITORING></VM></HISTORY>
            <HISTORY><VM><MONITORING><NETRX>7</NETRX><NETTX>8</NETTX></MONITORING></VM></HISTORY>
            <HISTORY><VM><MONITORING><NETRX/><NETTX></NETTX></MONITORING></VM></HISTORY>
            """) { record in
            XCTAssertNil(record.problem)
            counters.append([record.netRX, record.netTX])
        }
        XCTAssertEqual(counters, [[nil, nil], [7, 8], [nil, nil]])
    }
}
