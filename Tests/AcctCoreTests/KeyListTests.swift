import AcctCore
import XCTest

final class KeyListTests: XCTestCase {
    func testNames() {
        XCTAssertEqual(KeyList.names("start,account"), ["start", "account"])
        XCTAssertEqual(KeyList.names("start, account"), ["start", "account"])
        XCTAssertEqual(KeyList.names(" start ,\taccount\t, vm "), ["start", "account", "vm"])
        XCTAssertEqual(KeyList.names("a,,b, ,"), ["a", "b"])
        XCTAssertEqual(KeyList.names(""), [])
        XCTAssertEqual(KeyList.names(" , "), [])
        // Spaces inside a name stay.
        XCTAssertEqual(KeyList.names("a b, c"), ["a b", "c"])
    }

    func testName() {
        XCTAssertEqual(KeyList.name("  account\t"), "account")
        XCTAssertEqual(KeyList.name("account"), "account")
        XCTAssertEqual(KeyList.name("  "), "")
    }
}
