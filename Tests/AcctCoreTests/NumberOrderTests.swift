import AcctCore
import XCTest

/// Integers against doubles, compared without rounding the integer.
final class NumberOrderTests: XCTestCase {
    private let uint64Max = Int128(UInt64.max)

    func testIntegerAgainstDouble() {
        // 2^64 - 1 rounds to the double 2^64, which is greater than it.
        XCTAssertEqual(NumberOrder.compare(uint64Max, 18446744073709551616.0), -1)
        XCTAssertEqual(NumberOrder.compare(uint64Max + 1, 18446744073709551616.0), 0)
        XCTAssertEqual(NumberOrder.compare(uint64Max + 2, 18446744073709551616.0), 1)
        XCTAssertEqual(NumberOrder.compare(9_007_199_254_740_993, 9_007_199_254_740_992.0), 1)
        XCTAssertEqual(NumberOrder.compare(3, 3.0), 0)
        XCTAssertEqual(NumberOrder.compare(3, 3.5), -1)
        XCTAssertEqual(NumberOrder.compare(4, 3.5), 1)
        XCTAssertEqual(NumberOrder.compare(-3, -3.5), 1)
        XCTAssertEqual(NumberOrder.compare(-4, -3.5), -1)
        XCTAssertEqual(NumberOrder.compare(0, -0.0), 0)
        XCTAssertEqual(NumberOrder.compare(.max, 0x1p127), -1)
        XCTAssertEqual(NumberOrder.compare(.min, -0x1p127), 0)
        XCTAssertEqual(NumberOrder.compare(.min, -0x1p128), 1)
        XCTAssertEqual(NumberOrder.compare(.max, .infinity), -1)
        XCTAssertEqual(NumberOrder.compare(.min, -.infinity), 1)
        XCTAssertEqual(NumberOrder.compare(.max, .greatestFiniteMagnitude), -1)
        XCTAssertNil(NumberOrder.compare(1, .nan))
    }

    func testPairs() {
        XCTAssertEqual(NumberOrder.compare((18446744073709551616.0, uint64Max), (18446744073709551616.0, uint64Max - 1)), 1)
        XCTAssertEqual(NumberOrder.compare((2.5, nil), (18446744073709551616.0, uint64Max)), -1)
        XCTAssertEqual(NumberOrder.compare((18446744073709551616.0, nil), (18446744073709551616.0, uint64Max)), 1)
        XCTAssertEqual(NumberOrder.compare((1.5, nil), (1.5, nil)), 0)
        XCTAssertEqual(NumberOrder.compare((1.5, nil), (2.5, nil)), -1)
        XCTAssertNil(NumberOrder.compare((.nan, nil), (1, 1)))
        XCTAssertNil(NumberOrder.compare((1, 1), (.nan, nil)))
    }

    /// The conversions the rest of the code counts on: a wide integer's
    /// double is the nearest one, ties to even, as a text reader gives.
    func testDoubleOfAWideIntegerIsCorrectlyRounded() {
        XCTAssertEqual(Double(uint64Max), 18446744073709551616.0)
        XCTAssertEqual(Double(Int128(1) << 64 + 2048), 18446744073709551616.0, "a tie goes to even")
        XCTAssertEqual(Double(Int128(1) << 64 + 2049), 18446744073709555712.0)
        XCTAssertEqual(Double(Int128(1) << 64 + 6144), 18446744073709559808.0, "a tie goes to even")
        XCTAssertEqual(Double(Int128.max), 0x1p127)
    }
}
