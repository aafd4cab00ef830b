import XCTest

@testable import FormatKit

/// The twelve series stay apart in colour and in grey.
final class ChartPaletteTests: XCTestCase {
    /// Relative luminance (ITU-R BT.709 weights) of `#rrggbb`, 0 to 255:
    /// the grey a printer makes of the colour.
    private func grey(_ colour: String) -> Double {
        let value = UInt32(colour.dropFirst(), radix: 16)!
        return 0.2126 * Double(value >> 16) + 0.7152 * Double(value >> 8 & 0xff) + 0.0722 * Double(value & 0xff)
    }

    func testTwelveColoursApartInGrey() {
        let colours = (0..<12).map(ChartPalette.colour)
        XCTAssertEqual(Set(colours).count, 12)
        // Neighbours in a stack or a legend differ by 45 levels of grey or
        // more; the second six are told from the first by hatches and dashes.
        for i in 1..<12 {
            XCTAssertGreaterThanOrEqual(abs(grey(colours[i]) - grey(colours[i - 1])), 45, "\(colours[i - 1]) and \(colours[i])")
        }
        for i in 0..<6 {
            XCTAssertFalse(ChartPalette.isHatched(i))
            XCTAssertTrue(ChartPalette.isHatched(i + 6))
            XCTAssertEqual(ChartPalette.dash(i), "")
            XCTAssertNotEqual(ChartPalette.dash(i + 6), "")
        }
        XCTAssertEqual(Set((6..<12).map(ChartPalette.dash)).count, 6)
        // Within each six, the greys themselves are apart.
        for group in [0..<6, 6..<12] {
            let greys = group.map { grey(colours[$0]) }.sorted()
            for i in 1..<greys.count { XCTAssertGreaterThanOrEqual(greys[i] - greys[i - 1], 24, "\(greys)") }
        }
    }

    func testLongNamesAreCutInTheLegend() {
        XCTAssertEqual(ChartSVG.shortened("account-7"), "account-7")
        let long = String(repeating: "x", count: 40)
        XCTAssertEqual(ChartSVG.shortened(long), String(repeating: "x", count: 23) + "…")
    }
}
