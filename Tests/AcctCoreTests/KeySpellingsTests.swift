import AcctCore
import XCTest

final class KeySpellingsTests: XCTestCase {
    private func index(_ table: KeySpellings, _ key: String, after previous: Int) -> (index: Int, isNew: Bool)? {
        Array(key.utf8).withUnsafeBytes { table.index(of: $0, after: previous) }
    }

    func testIndexesBySpelling() throws {
        let table = KeySpellings()
        XCTAssertEqual(index(table, "account", after: -1)?.index, 0)
        XCTAssertEqual(index(table, "account", after: -1)?.isNew, false)
        XCTAssertEqual(index(table, "vm", after: 0)?.isNew, true)
        // The same key after another, and another key where one was guessed.
        XCTAssertEqual(index(table, "account", after: 1)?.index, 0)
        XCTAssertEqual(index(table, "vm", after: -1)?.index, 1)
        XCTAssertEqual(index(table, "vm", after: -1)?.isNew, false)
        XCTAssertEqual(index(table, "account", after: 0)?.index, 0)
        XCTAssertEqual(index(table, "", after: 1)?.index, 2)
        XCTAssertEqual(index(table, "", after: 1)?.isNew, false)
        XCTAssertEqual(table.count, 3)
        XCTAssertEqual(Array(table.spelling(1)), Array("vm".utf8))
    }

    /// Keys longer than a word, and keys that differ in their last byte only.
    func testLongKeys() {
        let table = KeySpellings()
        XCTAssertEqual(index(table, "iops_write_max", after: -1)?.index, 0)
        XCTAssertEqual(index(table, "iops_write_may", after: -1)?.isNew, true)
        XCTAssertEqual(index(table, "iops_write_max", after: -1)?.index, 0)
        XCTAssertEqual(index(table, "iops_write_mbx", after: -1)?.isNew, true)
        XCTAssertEqual(index(table, "iops_read_max", after: -1)?.isNew, true)
        XCTAssertEqual(table.count, 4)
    }

    /// Keys of every length up to 20 that differ in one byte anywhere are
    /// told apart, whichever spelling is guessed first.
    func testEveryLengthAndPlace() {
        for length in 1...20 {
            let table = KeySpellings()
            let base = String(repeating: "k", count: length)
            XCTAssertEqual(index(table, base, after: -1)?.index, 0)
            for place in 0..<length {
                var bytes = Array(base.utf8)
                bytes[place] = UInt8(ascii: "x")
                let other = String(decoding: bytes, as: UTF8.self)
                // Guessed: the base followed nothing last time.
                XCTAssertEqual(index(table, other, after: -1)?.isNew, true, "\(length) \(place)")
                XCTAssertEqual(index(table, base, after: -1)?.index, 0, "\(length) \(place)")
            }
            XCTAssertEqual(table.count, length + 1)
        }
    }

    /// Raw spellings: an escaped key is its own spelling.
    func testEscapesAreSpellings() {
        let table = KeySpellings()
        XCTAssertEqual(index(table, "vm", after: -1)?.index, 0)
        XCTAssertEqual(index(table, #"v\u006d"#, after: -1)?.index, 1)
    }

    /// Many keys: the table grows and finds every one again, whatever came before.
    func testGrows() {
        let table = KeySpellings()
        for i in 0..<1000 { XCTAssertEqual(index(table, "key\(i)", after: i - 1)?.isNew, true) }
        for i in 0..<1000 { XCTAssertEqual(index(table, "key\(i)", after: (i * 7) % 1000)?.index, i) }
    }

    func testLimit() {
        let table = KeySpellings(limit: 2)
        XCTAssertNotNil(index(table, "a", after: -1))
        XCTAssertNotNil(index(table, "b", after: 0))
        XCTAssertNil(index(table, "c", after: 1))
        XCTAssertEqual(index(table, "b", after: -1)?.index, 1)
        XCTAssertEqual(table.count, 2)
    }
}
