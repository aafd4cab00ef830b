import AcctCore
import XCTest

final class JSONParseErrorTests: XCTestCase {
    func testDescription() {
        XCTAssertEqual(JSONParseError(column: 12, message: "unexpected character 'x'").description,
                       "column 12: unexpected character 'x'")
    }
}
