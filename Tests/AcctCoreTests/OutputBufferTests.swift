import XCTest
import _AcctTestSupport

@testable import AcctCore

final class OutputBufferTests: XCTestCase {
    func testAppendsGrowPastCapacity() {
        let buffer = OutputBuffer(capacity: 16)
        for i in 0..<1000 { buffer.append(UInt8(i % 26) + UInt8(ascii: "a")) }
        XCTAssertEqual(buffer.count, 1000)
        XCTAssertGreaterThanOrEqual(buffer.capacity, 1000)
        XCTAssertEqual(buffer.bytes, (0..<1000).map { UInt8($0 % 26) + UInt8(ascii: "a") })
    }

    func testAppendKinds() {
        let buffer = OutputBuffer(capacity: 16)
        buffer.append("{\"k\":")
        buffer.append(contentsOf: "é€")
        [UInt8](repeating: 0x41, count: 40).withUnsafeBytes { buffer.append($0) }
        buffer.append(UnsafeRawBufferPointer(start: nil, count: 0))
        buffer.append(UInt8(ascii: "}"))
        XCTAssertEqual(buffer.text, "{\"k\":é€" + String(repeating: "A", count: 40) + "}")
    }

    func testTruncateDropsPartialRecord() {
        let buffer = OutputBuffer()
        buffer.append("{\"a\":1}\n")
        let mark = buffer.count
        buffer.append("{\"b\":")
        buffer.truncate(to: mark)
        XCTAssertEqual(buffer.text, "{\"a\":1}\n")
    }

    func testRemoveAll() {
        let buffer = OutputBuffer(capacity: 16)
        [UInt8](repeating: 1, count: 10_000).withUnsafeBytes { buffer.append($0) }
        let grown = buffer.capacity
        buffer.removeAll()
        XCTAssertEqual(buffer.count, 0)
        XCTAssertEqual(buffer.capacity, grown)
        buffer.removeAll(keepingCapacity: false)
        XCTAssertEqual(buffer.capacity, 4096)
        buffer.append("x")
        XCTAssertEqual(buffer.text, "x")
    }

    func testReserveCapacity() {
        let buffer = OutputBuffer(capacity: 16)
        buffer.append("ab")
        buffer.reserveCapacity(additional: 100)
        XCTAssertGreaterThanOrEqual(buffer.capacity, 102)
        XCTAssertEqual(buffer.text, "ab")
    }

    func testRemoveFirstKeepsTheRest() {
        let buffer = OutputBuffer(capacity: 16)
        buffer.append("record1\npart")
        buffer.removeFirst(8)
        XCTAssertEqual(buffer.text, "part")
        buffer.removeFirst(4)
        XCTAssertEqual(buffer.count, 0)
    }
}
