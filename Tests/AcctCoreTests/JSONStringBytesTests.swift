import XCTest

@testable import AcctCore

final class JSONStringBytesTests: XCTestCase {
    func testWordTestAgreesWithByteTest() {
        var generator = SystemRandomNumberGenerator()
        let pool: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x41, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0 ? pool.randomElement(using: &generator)! : UInt8(ascii: "a")
            }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            XCTAssertEqual(JSONStringBytes.anySpecial(word), bytes.contains(where: JSONStringBytes.isSpecial), "\(bytes)")
        }
    }

    func testSpecialBytes() {
        let special = (0...255).filter { JSONStringBytes.isSpecial(UInt8($0)) }
        XCTAssertEqual(special, Array(0..<0x20) + [0x22, 0x5C] + Array(0x80...0xFF))
    }
}
