import AcctCore
import XCTest

@testable import FormatKit

final class SheetNameTests: XCTestCase {
    func testForbiddenCharactersBecomeUnderscores() {
        XCTAssertEqual(SheetNames.sanitized("a[b]c:d*e?f/g\\h"), "a_b_c_d_e_f_g_h")
        XCTAssertEqual(SheetNames.sanitized("tab\there\nnew"), "tab_here_new")
        XCTAssertEqual(SheetNames.sanitized("plain name-1.ok"), "plain name-1.ok")
    }

    func testHistoryIsExcelsOwn() {
        var names = SheetNames()
        XCTAssertEqual(names.name(for: "history"), "history~2")
        XCTAssertEqual(names.name(for: "History"), "History~3")
        XCTAssertEqual(names.name(for: "Historyx"), "Historyx")
        XCTAssertTrue(SheetNames().isUsed("HISTORY"))
    }

    func testEmptyValue() {
        var names = SheetNames()
        XCTAssertEqual(names.name(for: ""), "empty")
        XCTAssertEqual(names.name(for: "EMPTY"), "EMPTY~2")
    }

    /// The records that lack the split key get a sheet named after the
    /// key, apart from a value that happens to be the key's name.
    func testSheetOfTheRecordsLackingTheKey() {
        var names = SheetNames()
        XCTAssertEqual(names.name(for: "account"), "account")
        XCTAssertEqual(names.name(lacking: "account"), "account~2")
        XCTAssertEqual(names.name(for: "account"), "account")
        XCTAssertEqual(names.name(lacking: "vm[1]"), "vm_1_")
    }

    func testTrimmedToThirtyOneScalarsNotBytes() {
        let long = String(repeating: "x", count: 40)
        XCTAssertEqual(SheetNames.sanitized(long), String(repeating: "x", count: 31))
        // 31 two-byte scalars fit (62 bytes); a 32nd is cut.
        let accented = String(repeating: "é", count: 32)
        XCTAssertEqual(SheetNames.sanitized(accented).unicodeScalars.count, 31)
        XCTAssertEqual(SheetNames.sanitized(accented), String(repeating: "é", count: 31))
        let kanji = String(repeating: "会", count: 31)
        XCTAssertEqual(SheetNames.sanitized(kanji), kanji)
    }

    func testApostrophesAtTheEnds() {
        XCTAssertEqual(SheetNames.sanitized("'quoted'"), "_quoted_")
        XCTAssertEqual(SheetNames.sanitized("it's"), "it's")
        // Cut so that an apostrophe ends up last.
        XCTAssertEqual(SheetNames.sanitized(String(repeating: "a", count: 30) + "'b"), String(repeating: "a", count: 30) + "_")
    }

    func testDuplicatesIgnoringCaseGetSuffixes() {
        var names = SheetNames()
        XCTAssertEqual(names.name(for: "Acme"), "Acme")
        XCTAssertEqual(names.name(for: "acme"), "acme~2")
        XCTAssertEqual(names.name(for: "ACME"), "ACME~3")
        // The same value keeps its name.
        XCTAssertEqual(names.name(for: "acme"), "acme~2")
        // Values that sanitize alike.
        XCTAssertEqual(names.name(for: "a/b"), "a_b")
        XCTAssertEqual(names.name(for: "a:b"), "a_b~2")
        // A literal suffix already taken moves the next one on.
        XCTAssertEqual(names.name(for: "x~2"), "x~2")
        XCTAssertEqual(names.name(for: "x"), "x")
        XCTAssertEqual(names.name(for: "X"), "X~3")
        XCTAssertTrue(names.isUsed("ACME~2"))
        XCTAssertFalse(names.isUsed("acme~4"))
    }

    func testUnicodeCaseFolding() {
        var names = SheetNames()
        XCTAssertEqual(names.name(for: "café"), "café")
        XCTAssertEqual(names.name(for: "CAFÉ"), "CAFÉ~2")
    }

    func testSuffixTrimsTheNameToFit() {
        var names = SheetNames()
        let long = String(repeating: "n", count: 40)
        XCTAssertEqual(names.name(for: long), String(repeating: "n", count: 31))
        XCTAssertEqual(names.name(for: long + "1"), String(repeating: "n", count: 29) + "~2")
        for i in 3...10 {
            let name = names.name(for: long + "\(i)")
            XCTAssertEqual(name.unicodeScalars.count, 31, name)
        }
        XCTAssertEqual(names.name(for: long + "x"), String(repeating: "n", count: 28) + "~11")
        // An apostrophe left at the start after cutting is still replaced.
        XCTAssertEqual(SheetNames.suffixed("'abc", "~2"), "_abc~2")
    }

    func testEveryNameIsValidAndUnique() {
        var names = SheetNames()
        var seen = Set<String>()
        let values = ["", "'", "''", "[]", "History", "a", "A", "a'", String(repeating: "é", count: 50)]
            + (0..<30).map { "same-prefix-that-is-rather-long-\($0 % 3)" }
        for value in values {
            let name = names.name(for: value)
            XCTAssertFalse(name.isEmpty)
            XCTAssertLessThanOrEqual(name.unicodeScalars.count, 31, name)
            XCTAssertFalse(name.unicodeScalars.contains { SheetNames.forbidden.contains($0) }, name)
            XCTAssertFalse(name.hasPrefix("'") || name.hasSuffix("'"), name)
            XCTAssertNotEqual(name.lowercased(), "history", "Excel's own")
            seen.insert(name.lowercased())
        }
        XCTAssertEqual(seen.count, Set(values).count)
    }
}
