import AcctCore
import XCTest

/// What a line that is not a record looks like, for the one hint.
final class InputKindTests: XCTestCase {
    private func hint(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { InputKind.hint(for: $0) }
    }

    private func hint(_ text: String) -> String? { hint(Array(text.utf8)) }

    func testKinds() {
        XCTAssertEqual(hint("id,zone_id,account_id,usage_type")?.hasPrefix("this looks like CSV"), true)
        XCTAssertEqual(hint("id\tzone_id\taccount_id")?.hasPrefix("this looks like CSV"), true)
        XCTAssertEqual(hint("<?xml version=\"1.0\"?>")?.hasPrefix("this looks like XML"), true)
        XCTAssertEqual(hint("  <HISTORY_RECORDS>")?.hasPrefix("this looks like XML"), true)
        // A Cap'n Proto segment table: four NULs before anything else.
        XCTAssertEqual(hint([0, 0, 0, 0, 0x20, 0, 0, 0, 0x41])?.hasPrefix("this looks like binary data"), true)
    }

    /// Broken JSON, and text that says nothing, get no hint.
    func testNoHint() {
        XCTAssertNil(hint("{\"vm\":1,"))
        XCTAssertNil(hint("\u{FEFF}{\"vm\":1,\"a\":2"))
        XCTAssertNil(hint([0] + Array("{\"vm\":1}".utf8)))
        XCTAssertNil(hint("[1,2"))
        XCTAssertNil(hint("hello"))
        XCTAssertNil(hint(""))
    }
}
