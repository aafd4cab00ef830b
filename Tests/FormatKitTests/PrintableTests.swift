import XCTest

import AcctCore
@testable import FormatKit

/// What a table sends to a terminal: control and invisible format
/// characters written out, everything else as it is.
final class PrintableTests: XCTestCase {
    func testControlCharactersAreWrittenOut() {
        XCTAssertEqual(TerminalText.printable("a\tb\nc\rd"), #"a\tb\nc\rd"#)
        XCTAssertEqual(TerminalText.printable("\u{1B}[31mred\u{1B}[0m"), #"\x1b[31mred\x1b[0m"#)
        XCTAssertEqual(TerminalText.printable("\u{0}\u{7}\u{7F}"), #"\x00\x07\x7f"#)
        // C1: CSI and NEL, as UTF-8 would carry them.
        XCTAssertEqual(TerminalText.printable("\u{9B}2J\u{85}"), #"\u{9b}2J\u{85}"#)
    }

    func testInvisibleFormatCharactersAreWrittenOut() {
        XCTAssertEqual(TerminalText.printable("abc\u{202E}fed"), #"abc\u{202e}fed"#)
        XCTAssertEqual(TerminalText.printable("a\u{2066}b\u{2069}"), #"a\u{2066}b\u{2069}"#)
        XCTAssertEqual(TerminalText.printable("zero\u{200B}width\u{FEFF}"), #"zero\u{200b}width\u{feff}"#)
        XCTAssertEqual(TerminalText.printable("line\u{2028}sep"), #"line\u{2028}sep"#)
        XCTAssertEqual(TerminalText.printable("tag\u{E0041}"), #"tag\u{e0041}"#)
        XCTAssertEqual(TerminalText.printable("soft\u{AD}hyphen"), #"soft\u{ad}hyphen"#)
    }

    func testOrdinaryTextIsUntouched() {
        for text in ["", "plain", #"C:\Users\x1b"#, "Débian « 9 »", "日本語", "e\u{301}", "می\u{200C}خواهم", "👨\u{200D}👩", "\u{FFFD}"] {
            XCTAssertEqual(TerminalText.printable(text), text)
        }
    }

    func testWidthCountsTheEscapedForm() {
        let shown = TerminalText.printable("日\u{1B}")
        XCTAssertEqual(shown, #"日\x1b"#)
        XCTAssertEqual(DisplayWidth.of(shown), 6)
        XCTAssertEqual(DisplayWidth.truncated(TerminalText.printable("\u{1B}[2Jabc"), to: 6), #"\x1b[…"#)
    }
}
