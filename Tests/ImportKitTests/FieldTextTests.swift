import XCTest
@testable import ImportKit

/// The one place importers read numbers out of text fields.
final class FieldTextTests: XCTestCase {
    private func with<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        Array(text.utf8).withUnsafeBytes(body)
    }

    func testIntegers() {
        XCTAssertEqual(with("0") { FieldText.int64($0) }, 0)
        XCTAssertEqual(with("+7") { FieldText.int64($0) }, 7)
        XCTAssertEqual(with("9223372036854775807") { FieldText.int64($0) }, Int64.max)
        XCTAssertEqual(with("-9223372036854775808") { FieldText.int64($0) }, Int64.min)
        XCTAssertNil(with("9223372036854775808") { FieldText.int64($0) })
        XCTAssertNil(with("") { FieldText.int64($0) })
        XCTAssertNil(with("-") { FieldText.int64($0) })
        XCTAssertNil(with("1.0") { FieldText.int64($0) })
    }

    func testTrimmed() {
        XCTAssertEqual(with(" \t12\r\n") { Array(FieldText.trimmed($0)) }, Array("12".utf8))
        XCTAssertEqual(with("   ") { Array(FieldText.trimmed($0)) }, [])
    }

    func testJSONNumbers() {
        for good in ["0", "0.25", "-1", "16", "1e3", "2.5E-3", "-0.0"] {
            XCTAssertTrue(with(good) { FieldText.isJSONNumber($0) }, good)
        }
        for bad in ["", ".5", "01", "1.", "+1", "1e", "0x10", "NaN", "1,5", "- 1", "-"] {
            XCTAssertFalse(with(bad) { FieldText.isJSONNumber($0) }, bad)
        }
    }

    func testDoubles() {
        XCTAssertEqual(with("12") { FieldText.double($0) }, 12)
        XCTAssertEqual(with("-0.5") { FieldText.double($0) }, -0.5)
        XCTAssertEqual(with(".5") { FieldText.double($0) }, 0.5)
        XCTAssertEqual(with("+3") { FieldText.double($0) }, 3)
        XCTAssertEqual(with("2.5E-3") { FieldText.double($0) }, 0.0025)
        XCTAssertEqual(with("1e-400") { FieldText.double($0) }, 0, "below Double's range reads as zero")
        for bad in ["", "+", "+-1", "--1", "1e400", "1e", "1,5", "12abc", "nan", "inf", "0x10", " 1"] {
            XCTAssertNil(with(bad) { FieldText.double($0) }, bad)
        }
    }
}
