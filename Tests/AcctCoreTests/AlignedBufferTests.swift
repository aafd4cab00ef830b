import AcctCore
import XCTest
import _AcctTestSupport

final class AlignedBufferTests: XCTestCase {
    func testAlignmentAndGrowth() {
        let buffer = AlignedBuffer()
        XCTAssertEqual(buffer.count, 0)
        for i in 0..<100 {
            [UInt8](repeating: UInt8(i), count: 1000).withUnsafeBytes { buffer.append($0) }
            XCTAssertEqual(Int(bitPattern: buffer.bytes.baseAddress) % 16, 0)
        }
        XCTAssertEqual(buffer.count, 100_000)
        XCTAssertEqual(buffer.bytes[0], 0)
        XCTAssertEqual(buffer.bytes[99_999], 99)
        XCTAssertEqual(buffer.bytes[50_500], 50)
    }

    func testRemoveAllKeepsTheAllocation() {
        let buffer = AlignedBuffer(capacity: 10)
        [UInt8](repeating: 7, count: 5000).withUnsafeBytes { buffer.append($0) }
        let capacity = buffer.capacity
        let address = buffer.bytes.baseAddress
        buffer.removeAll()
        XCTAssertEqual(buffer.count, 0)
        XCTAssertEqual(buffer.capacity, capacity)
        [UInt8](repeating: 8, count: 100).withUnsafeBytes { buffer.append($0) }
        XCTAssertEqual(buffer.bytes.baseAddress, address)
        XCTAssertEqual(Array(buffer.bytes), [UInt8](repeating: 8, count: 100))
    }

    func testReserveCapacity() {
        let buffer = AlignedBuffer()
        buffer.reserveCapacity(additional: 1 << 20)
        XCTAssertGreaterThanOrEqual(buffer.capacity, 1 << 20)
        XCTAssertEqual(buffer.count, 0)
    }
}
