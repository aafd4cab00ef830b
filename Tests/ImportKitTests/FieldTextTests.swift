import XCTest

@testable import ImportKit

/// The one place importers read numbers out of text fields.
final class FieldTextTests: XCTestCase {
    private func with<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        Array(text.utf8).withUnsafeBytes(body)
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
}
