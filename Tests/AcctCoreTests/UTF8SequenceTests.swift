import XCTest

@testable import AcctCore

final class UTF8SequenceTests: XCTestCase {
    private func length(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { UTF8Sequence.length(at: $0.baseAddress!, end: $0.baseAddress! + $0.count) }
    }

    func testWellFormed() {
        XCTAssertEqual(length([0xC2, 0x80]), 2)
        XCTAssertEqual(length([0xDF, 0xBF, 0x41]), 2)
        XCTAssertEqual(length([0xE0, 0xA0, 0x80]), 3)
        XCTAssertEqual(length([0xED, 0x9F, 0xBF]), 3)
        XCTAssertEqual(length([0xEF, 0xBF, 0xBF]), 3)
        XCTAssertEqual(length([0xF0, 0x90, 0x80, 0x80]), 4)
        XCTAssertEqual(length([0xF4, 0x8F, 0xBF, 0xBF]), 4)
    }

    func testMaximalSubparts() {
        XCTAssertEqual(length([0x80]), -1)
        XCTAssertEqual(length([0xC0, 0x80]), -1)
        XCTAssertEqual(length([0xC1, 0xBF]), -1)
        XCTAssertEqual(length([0xF5, 0x80]), -1)
        XCTAssertEqual(length([0xC2]), -1)
        XCTAssertEqual(length([0xE0, 0x80, 0x80]), -1)
        XCTAssertEqual(length([0xED, 0xA0, 0x80]), -1)
        XCTAssertEqual(length([0xE1, 0x80]), -2)
        XCTAssertEqual(length([0xE1, 0x80, 0x41]), -2)
        XCTAssertEqual(length([0xF0, 0x90, 0x80]), -3)
        XCTAssertEqual(length([0xF0, 0x90, 0x41]), -2)
        XCTAssertEqual(length([0xF4, 0x90, 0x80, 0x80]), -1)
    }

    func testAgreesWithSwiftOnAllTwoAndThreeBytePrefixes() {
        for a in 0x80...0xFF {
            for b in stride(from: 0, through: 0xFF, by: 3) {
                let bytes: [UInt8] = [UInt8(a), UInt8(b), 0x80, 0x80]
                let n = length(bytes)
                let decoded = String(decoding: bytes, as: UTF8.self).unicodeScalars.first!
                if n > 0 {
                    XCTAssertNotEqual(decoded, "\u{FFFD}", "\(bytes)")
                    XCTAssertEqual(String(decoded).utf8.count, n, "\(bytes)")
                } else {
                    XCTAssertEqual(decoded, "\u{FFFD}", "\(bytes)")
                }
            }
        }
    }
}
