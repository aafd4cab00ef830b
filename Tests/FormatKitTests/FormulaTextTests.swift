import XCTest

@testable import FormatKit

/// Which text a spreadsheet would run as a formula, and the apostrophe.
final class FormulaTextTests: XCTestCase {
    func testFormulaStarts() {
        for text in ["=1+1", "+1", "-1", "-5", "@SUM(A1)", "\tx", "\r=1", "=", "-"] {
            XCTAssertEqual(FormulaText.neutralized(text), "'" + text, text)
        }
        for text in ["", "1", "a=b", " =1", "'=1", "#1", "{\"a\":1}", "é", "\n=1"] {
            XCTAssertEqual(FormulaText.neutralized(text), text, text)
        }
    }

    func testBytesAgreeWithText() {
        for text in ["=1", "a", "", "\t", "@"] {
            var copy = text
            let isFormula = copy.withUTF8 { FormulaText.isFormula(UnsafeRawBufferPointer($0)) }
            XCTAssertEqual(isFormula, FormulaText.neutralized(text) != text, text)
        }
    }
}
