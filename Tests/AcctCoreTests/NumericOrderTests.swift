import XCTest

import AcctCore

final class NumericOrderTests: XCTestCase {
    func testDigitRunsCompareAsNumbers() {
        let names = ["10", "9", "account_capnp.bin", "1", "a10b", "a9b", "007", "7", "2018"]
        XCTAssertEqual(
            names.sorted(by: NumericOrder.areInIncreasingOrder),
            ["1", "7", "007", "9", "10", "2018", "a9b", "a10b", "account_capnp.bin"])
    }

    func testTotalOrder() {
        XCTAssertEqual(NumericOrder.compare(Array("x1".utf8), Array("x1".utf8)), 0)
        XCTAssertEqual(NumericOrder.compare(Array("x".utf8), Array("x1".utf8)), -1)
        XCTAssertEqual(NumericOrder.compare(Array("b".utf8), Array("a".utf8)), 1)
    }
}
