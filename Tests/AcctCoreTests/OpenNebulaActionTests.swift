import XCTest

@testable import AcctCore

/// The ACTION names oneacct prints: its own list, typo and gaps included.
final class OpenNebulaActionTests: XCTestCase {
    func testNames() {
        XCTAssertEqual(OpenNebulaAction.name(0), "none")
        XCTAssertEqual(OpenNebulaAction.name(1), "migrate")
        XCTAssertEqual(OpenNebulaAction.name(35), "resize")
        // oneacct's name, not the core's snapshot-create.
        XCTAssertEqual(OpenNebulaAction.name(37), "snapshot-resize")
        XCTAssertEqual(OpenNebulaAction.name(63), "exec-cancel")
    }

    func testCodesWithoutAName() {
        for code: Int64 in [64, 65, -1, 999, .min, .max] {
            XCTAssertNil(OpenNebulaAction.name(code), "\(code)")
        }
    }
}
