import XCTest
@testable import ImportKit

final class NumberTextTests: XCTestCase {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testIntegers() {
        XCTAssertEqual(NumberText.integer(bytes("0")), 0)
        XCTAssertEqual(NumberText.integer(bytes("-1")), -1)
        XCTAssertEqual(NumberText.integer(bytes("+7")), 7)
        XCTAssertEqual(NumberText.integer(bytes("9223372036854775807")), Int64.max)
        XCTAssertEqual(NumberText.integer(bytes("-9223372036854775808")), Int64.min)
        XCTAssertNil(NumberText.integer(bytes("9223372036854775808")))
        XCTAssertNil(NumberText.integer(bytes("")))
        XCTAssertNil(NumberText.integer(bytes("-")))
        XCTAssertNil(NumberText.integer(bytes("1.0")))
        XCTAssertNil(NumberText.integer(bytes("12a")))
    }

    func testTrimmed() {
        XCTAssertEqual(Array(NumberText.trimmed(bytes(" \t12\r\n"))), bytes("12"))
        XCTAssertEqual(Array(NumberText.trimmed(bytes("   "))), [])
    }

    func testJSONNumbers() {
        for good in ["0", "0.25", "-1", "16", "1e3", "2.5E-3", "-0.0"] {
            XCTAssertTrue(NumberText.isJSONNumber(bytes(good)), good)
        }
        for bad in ["", ".5", "01", "1.", "+1", "1e", "0x10", "NaN", "1,5", "- 1"] {
            XCTAssertFalse(NumberText.isJSONNumber(bytes(bad)), bad)
        }
    }
}
