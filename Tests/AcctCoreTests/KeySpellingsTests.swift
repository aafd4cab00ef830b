import AcctCore
import XCTest

final class KeySpellingsTests: XCTestCase {
    private func index(_ table: KeySpellings, _ key: String, at position: Int) -> (index: Int, isNew: Bool)? {
        Array(key.utf8).withUnsafeBytes { table.index(of: $0, at: position) }
    }

    func testIndexesBySpelling() throws {
        let table = KeySpellings()
        XCTAssertEqual(index(table, "account", at: 0)?.index, 0)
        XCTAssertEqual(index(table, "account", at: 0)?.isNew, false)
        XCTAssertEqual(index(table, "vm", at: 1)?.isNew, true)
        // The same key at another position, and another key at a known position.
        XCTAssertEqual(index(table, "account", at: 1)?.index, 0)
        XCTAssertEqual(index(table, "vm", at: 0)?.index, 1)
        XCTAssertEqual(index(table, "", at: 5)?.index, 2)
        XCTAssertEqual(index(table, "", at: 5)?.isNew, false)
        XCTAssertEqual(table.count, 3)
        XCTAssertEqual(Array(table.spelling(1)), Array("vm".utf8))
    }

    /// Raw spellings: an escaped key is its own spelling.
    func testEscapesAreSpellings() {
        let table = KeySpellings()
        XCTAssertEqual(index(table, "vm", at: 0)?.index, 0)
        XCTAssertEqual(index(table, #"v\u006d"#, at: 0)?.index, 1)
    }

    /// Many keys: the table grows and finds every one again.
    func testGrows() {
        let table = KeySpellings()
        for i in 0..<1000 { XCTAssertEqual(index(table, "key\(i)", at: i % 7)?.isNew, true) }
        for i in 0..<1000 { XCTAssertEqual(index(table, "key\(i)", at: i % 5)?.index, i) }
    }

    func testLimit() {
        let table = KeySpellings(limit: 2)
        XCTAssertNotNil(index(table, "a", at: 0))
        XCTAssertNotNil(index(table, "b", at: 1))
        XCTAssertNil(index(table, "c", at: 2))
        XCTAssertEqual(index(table, "b", at: 0)?.index, 1)
        XCTAssertEqual(table.count, 2)
    }
}
