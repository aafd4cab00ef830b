import AcctCore
import XCTest

@testable import FormatKit

/// The worksheet XML edit that gives number cells their 17 digits, however
/// the XML is cut into chunks.
final class SheetNumberPatchTests: XCTestCase {
    private let sheet = #"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>1.797693134862316E+308</v></c></row>"#
        + #"<row r="2"><c r="A2"><v>0.5</v></c><c r="AB2"><v>239.4809711</v></c><c r="AC2"/></row></sheetData>"#
    private let fixed = #"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>1.7976931348623157e+308</v></c></row>"#
        + #"<row r="2"><c r="A2"><v>0.5</v></c><c r="AB2"><v>239.48097110000003</v></c><c r="AC2"/></row></sheetData>"#
    private let fixes = [
        NumberCellFix(row: 0, column: 1, value: .greatestFiniteMagnitude),
        NumberCellFix(row: 1, column: 27, value: 239.48097110000003),
    ]

    private func run(_ text: String, fixes: [NumberCellFix], chunk: Int) throws -> String {
        let patch = SheetNumberPatch(fixes: fixes)
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var start = 0
        repeat {
            let end = min(start + chunk, bytes.count)
            try bytes[start..<end].withUnsafeBytes { chunk in
                try patch.edit(chunk, final: end == bytes.count) { out += $0 }
            }
            start = end
        } while start < bytes.count
        return String(decoding: out, as: UTF8.self)
    }

    func testEveryChunkSizeGivesTheSameText() throws {
        for chunk in [1, 2, 3, 5, 7, 13, 64, 1 << 16] {
            XCTAssertEqual(try run(sheet, fixes: fixes, chunk: chunk), fixed, "chunks of \(chunk)")
        }
        XCTAssertEqual(try run(sheet, fixes: [], chunk: 4), sheet)
    }

    func testAMissingOrOddCellIsAnError() {
        for fix in [
            NumberCellFix(row: 0, column: 0, value: 1.5),  // a string cell
            NumberCellFix(row: 1, column: 28, value: 1.5),  // an empty cell
            NumberCellFix(row: 5, column: 0, value: 1.5),  // no such row
            NumberCellFix(row: 1, column: 2, value: 1.5),  // not written
        ] {
            XCTAssertThrowsError(try run(sheet, fixes: [fix], chunk: 9), "\(fix)") { error in
                XCTAssertTrue("\(error)".hasSuffix("not found where it was written"), "\(error)")
            }
        }
    }

    func testCellNames() {
        XCTAssertEqual(SheetNumberPatch.name(row: 0, column: 0), "A1")
        XCTAssertEqual(SheetNumberPatch.name(row: 6, column: 27), "AB7")
        XCTAssertEqual(SheetNumberPatch.name(row: 1_048_575, column: 16_383), "XFD1048576")
    }

    func testLibraryTextCheck() {
        XCTAssertTrue(NumberCellText.libraryTextRoundTrips(0.5))
        XCTAssertTrue(NumberCellText.libraryTextRoundTrips(45_352.5))
        XCTAssertFalse(NumberCellText.libraryTextRoundTrips(239.48097110000003))
        XCTAssertFalse(NumberCellText.libraryTextRoundTrips(.greatestFiniteMagnitude))
        XCTAssertEqual(String(decoding: NumberCellText.exact(.greatestFiniteMagnitude), as: UTF8.self), "1.7976931348623157e+308")
    }
}
