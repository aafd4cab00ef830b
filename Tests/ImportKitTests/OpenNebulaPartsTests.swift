import XCTest

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

    /// A difference that does not fit in 64 bits (a negative counter
    /// before a huge one) is a reset, not an overflow trap.
    func testDifferenceBeyond64BitsIsAReset() {
        var deltas = NetCounterDeltas()
        _ = deltas.deltas(vm: 1, rx: -1, tx: Int64.min)
        XCTAssertEqual(deltas.deltas(vm: 1, rx: Int64.max, tx: Int64.max).tx,
                       NetCounterDeltas.Delta(added: Int64.max, resetFrom: Int64.min))
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
}
