import AcctCore
import XCTest

@testable import FormatKit

/// oneacct's times: `%m/%d %H:%M:%S` cells and Ruby `Time#to_s` in the
/// banner, both in the display zone.
final class OneAcctTimeTests: XCTestCase {
    func testCellsInUTC() {
        XCTAssertEqual(OneAcctTime.cell(1_704_182_400, zone: .utc), "01/02 08:00:00")
        XCTAssertEqual(OneAcctTime.cell(1_710_547_199, zone: .utc), "03/15 23:59:59")
        // The epoch is OpenNebula's "no time".
        XCTAssertEqual(OneAcctTime.cell(0, zone: .utc), "-")
    }

    func testCellsInAnotherZone() throws {
        let madrid = try Zone(named: "Europe/Madrid")
        // Winter (+01:00): 2024-02-29 18:00Z.
        XCTAssertEqual(OneAcctTime.cell(1_709_229_600, zone: madrid), "02/29 19:00:00")
        // Across midnight and the year: 2023-12-31 23:30Z.
        XCTAssertEqual(OneAcctTime.cell(1_704_065_400, zone: madrid), "01/01 00:30:00")
        // Summer (+02:00): 2024-07-01 12:00Z.
        XCTAssertEqual(OneAcctTime.cell(1_719_835_200, zone: madrid), "07/01 14:00:00")
    }

    func testBanner() throws {
        XCTAssertEqual(OneAcctTime.banner(1_709_251_200, zone: .utc), "2024-03-01 00:00:00 +0000")
        XCTAssertEqual(OneAcctTime.banner(1_709_251_200, zone: try Zone(named: "Europe/Madrid")), "2024-03-01 01:00:00 +0100")
        XCTAssertEqual(OneAcctTime.banner(1_719_835_200, zone: try Zone(named: "Europe/Madrid")), "2024-07-01 14:00:00 +0200")
        XCTAssertEqual(OneAcctTime.banner(1_709_251_200, zone: try Zone(named: "America/New_York")), "2024-02-29 19:00:00 -0500")
        XCTAssertEqual(OneAcctTime.banner(1_709_251_200, zone: try Zone(named: "Asia/Kolkata")), "2024-03-01 05:30:00 +0530")
        // Years below 1000 are padded to four digits, as Ruby's %Y does.
        XCTAssertEqual(OneAcctTime.banner(-59_011_459_200, zone: .utc), "0100-01-01 00:00:00 +0000")
    }
}
