import XCTest

@testable import FormatKit

/// --precision: decimal text rounded half away from zero, digit by digit,
/// padded with zeros, exponents read, no minus sign on a zero.
final class DecimalPlacesTests: XCTestCase {
    private func shown(_ text: String, _ places: Int) -> String {
        DecimalPlaces.text(text, places: places)
    }

    func testHalfAwayFromZero() {
        XCTAssertEqual(shown("6.345", 2), "6.35")
        XCTAssertEqual(shown("6.344999", 2), "6.34")
        XCTAssertEqual(shown("-0.125", 2), "-0.13")
        XCTAssertEqual(shown("-0.124", 2), "-0.12")
        XCTAssertEqual(shown("2.5", 0), "3")
        XCTAssertEqual(shown("-2.5", 0), "-3")
        XCTAssertEqual(shown("0.5", 0), "1")
        XCTAssertEqual(shown("0.49", 0), "0")
        // The decimal text, not the double just below 1.005.
        XCTAssertEqual(shown("1.005", 2), "1.01")
    }

    func testCarryAndPadding() {
        XCTAssertEqual(shown("9.995", 2), "10.00")
        XCTAssertEqual(shown("-99.96", 1), "-100.0")
        XCTAssertEqual(shown("76.0", 2), "76.00")
        XCTAssertEqual(shown("7", 3), "7.000")
        XCTAssertEqual(shown("0.0001", 2), "0.00")
        XCTAssertEqual(shown("123.456", 0), "123")
        XCTAssertEqual(shown("0.30000000000000004", 2), "0.30")
    }

    func testExponents() {
        XCTAssertEqual(shown("1.5e3", 2), "1500.00")
        XCTAssertEqual(shown("2E-3", 2), "0.00")
        XCTAssertEqual(shown("5e-3", 2), "0.01")
        XCTAssertEqual(shown("1.25e-1", 2), "0.13")
        XCTAssertEqual(shown("-4.5E+1", 0), "-45")
        XCTAssertEqual(shown("1e-300", 3), "0.000")
        XCTAssertEqual(shown("1.7976931348623157e308", 0).count, 309)
    }

    func testZeroHasNoSign() {
        XCTAssertEqual(shown("-0.0", 2), "0.00")
        XCTAssertEqual(shown("-0.004", 2), "0.00")
        XCTAssertEqual(shown("-0.005", 2), "-0.01")
        XCTAssertEqual(shown("-1e-9", 0), "0")
    }
}
