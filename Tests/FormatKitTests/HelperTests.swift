import AcctCore
import XCTest

@testable import FormatKit

final class ExcelDateTests: XCTestCase {
    func testSerialNumbers() throws {
        XCTAssertEqual(ExcelDate.serial(0), 25_569)
        XCTAssertEqual(ExcelDate.serial(43_200), 25_569.5)
        XCTAssertEqual(ExcelDate.serial(-86_400), 25_568)
        // 2024-03-01T12:34:56Z is 45352 plus the time of day.
        let time = CivilTime(year: 2024, month: 3, day: 1, hour: 12, minute: 34, second: 56).epochSeconds
        let serial = try XCTUnwrap(ExcelDate.serial(time))
        let fraction = Double(12 * 3600 + 34 * 60 + 56) / 86_400
        XCTAssertEqual(serial, 45_352 + fraction, accuracy: 1e-9)
        // Around Excel's phantom 1900-02-29 (serial 60).
        XCTAssertEqual(ExcelDate.serial(CivilTime(year: 1900, month: 3, day: 1).epochSeconds), 61)
        XCTAssertEqual(ExcelDate.serial(CivilTime(year: 1900, month: 2, day: 28).epochSeconds), 59)
        XCTAssertEqual(ExcelDate.serial(CivilTime(year: 1900, month: 1, day: 1).epochSeconds), 1)
        XCTAssertEqual(ExcelDate.serial(CivilTime(year: 9999, month: 12, day: 31).epochSeconds), 2_958_465)
    }

    func testOutOfRangeTimesAreText() {
        let before = CivilTime(year: 1899, month: 12, day: 31, hour: 23, minute: 59, second: 59).epochSeconds
        XCTAssertNil(ExcelDate.serial(before))
        XCTAssertEqual(ExcelDate.text(before), "1899-12-31 23:59:59")
        let after = CivilTime(year: 10000, month: 1, day: 1).epochSeconds
        XCTAssertNil(ExcelDate.serial(after))
        XCTAssertEqual(ExcelDate.text(after), "10000-01-01 00:00:00")
        XCTAssertEqual(ExcelDate.text(0), "1970-01-01 00:00:00")
    }
}

final class ColumnWidthTests: XCTestCase {
    func testLengthIsTheLongestLine() {
        XCTAssertEqual(ColumnWidth.length(of: ""), 0)
        XCTAssertEqual(ColumnWidth.length(of: "abc"), 3)
        XCTAssertEqual(ColumnWidth.length(of: "ab\nabcdef\nx"), 6)
        XCTAssertEqual(ColumnWidth.length(of: "héllo"), 5)
    }

    func testWidthIsClamped() {
        XCTAssertEqual(ColumnWidth.width(forLongest: 0), 8)
        XCTAssertEqual(ColumnWidth.width(forLongest: 10), 11)
        XCTAssertEqual(ColumnWidth.width(forLongest: 59), 60)
        XCTAssertEqual(ColumnWidth.width(forLongest: 10_000), 60)
        XCTAssertEqual(ColumnWidth.width(forLongest: ColumnWidth.length(of: String(repeating: "x", count: 100_000))), 60)
    }

    func testCellTextIsCutToExcelsLimit() {
        let long = String(repeating: "é", count: 40_000)
        XCTAssertEqual(XlsxReport.cellText(long).unicodeScalars.count, 32_767)
        XCTAssertEqual(XlsxReport.cellText("short"), "short")
        XCTAssertEqual(XlsxReport.cellText("a\0b"), "a\u{FFFD}b")
    }

    func testExcelEscapesStayLiteral() {
        XCTAssertEqual(XlsxReport.cellText("lit_x0041_eral"), "lit_x005F_x0041_eral")
        XCTAssertEqual(XlsxReport.cellText("_X00aF__x0000_"), "_x005F_X00aF__x005F_x0000_")
        XCTAssertEqual(XlsxReport.cellText("vm_x1_disk_x12345_ok"), "vm_x1_disk_x12345_ok")
        XCTAssertEqual(XlsxReport.cellText("_x004G_"), "_x004G_")
        XCTAssertEqual(XlsxReport.cellText("é_x0041_"), "é_x005F_x0041_")
    }

    func testErrorDescription() {
        XCTAssertEqual(XlsxError(path: "a.xlsx", reason: "boom").description, "a.xlsx: boom")
    }
}
