import AcctCore
import XCTest

@testable import FormatKit

final class CellTextTests: XCTestCase {
    func testLocalTimeDigitsAndYearsPastFourDigits() throws {
        XCTAssertEqual(CellText.localTime(1_538_362_800, .utc), "2018-10-01 03:00:00")
        XCTAssertEqual(CellText.localTime(0, .utc), "1970-01-01 00:00:00")
        // Past the four-digit fast path, the year is written whole.
        XCTAssertEqual(CellText.localTime(253_402_300_800, .utc), "10000-01-01 00:00:00")
        let tokyo = try Zone.resolve(flag: "Asia/Tokyo", environment: nil)
        XCTAssertEqual(CellText.localTime(1_538_362_800, tokyo), "2018-10-01 12:00:00")
    }
}
