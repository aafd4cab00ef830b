import AcctCore
import XCTest
import _AcctTestSupport

@testable import FormatKit

/// The entries of -o: keys and NAME=EXPR mixed, commas inside an
/// expression's brackets or quotes kept, column files with comments and
/// blank lines, and the usage errors.
final class ColumnListTests: XCTestCase {
    private func entries(_ list: String) throws(UsageError) -> [String] {
        try ColumnList(Substring(list), zone: .utc, now: 0).entries.map { ($0.expression == nil ? "" : "=") + $0.name }
    }

    private func message(_ list: String) -> String? {
        do {
            _ = try entries(list)
            return nil
        } catch {
            return error.message
        }
    }

    func testItems() {
        XCTAssertEqual(ColumnList.items("a, b ,c=x + 1"), ["a", "b", "c=x + 1"])
        XCTAssertEqual(ColumnList.items("w=contains(image, 'a,b'),n=\"x,y\" = 'z',m=count(d[1, 2]),k"),
                       ["w=contains(image, 'a,b')", "n=\"x,y\" = 'z'", "m=count(d[1, 2])", "k"])
        XCTAssertEqual(ColumnList.items("a,,b,\n c"), ["a", "b", "c"])
        // Before an '=', a quote or bracket is part of a key name.
        XCTAssertEqual(ColumnList.items("it's,b"), ["it's", "b"])
    }

    func testComments() {
        XCTAssertEqual(ColumnList.uncommented("cost = x * 2  # per hour"), "cost = x * 2  ")
        XCTAssertEqual(ColumnList.uncommented("# all of it"), "")
        XCTAssertEqual(ColumnList.uncommented("n=contains(a, ' #1')"), "n=contains(a, ' #1')")
        XCTAssertEqual(ColumnList.uncommented("vm#2"), "vm#2")
    }

    func testEntries() throws {
        XCTAssertEqual(try entries("account, cost = vcpus_hours * 0.0125,vm"), ["account", "=cost", "vm"])
        // A key named twice is two columns, as before; a computed name is one.
        XCTAssertEqual(try entries("vm,vm"), ["vm", "vm"])
        XCTAssertEqual(message("vm,vm=1"), "-o: 'vm' names two columns")
        XCTAssertEqual(message("c=1, c = 2"), "-o: 'c' names two columns")
        XCTAssertEqual(message(" =1"), "-o: '=1': a computed column needs a name (NAME=EXPR)")
        XCTAssertEqual(message("a,cost=vcpus_hours *"), "-o: cost: 1:14: unexpected end of expression")
        XCTAssertEqual(message("a,cost=(1"), "-o: cost: 1:3: expected ')'")
    }

    func testColumnFile() throws {
        let dir = try TempDir()
        let card = try dir.write("card", """
            # a rate card

            account, vm   # who
              cpu = vcpus_hours * 0.0125
            mem = mem_mb_hours div 1024 * 0.004 # per GiB-hour

            """)
        XCTAssertEqual(try entries("start,@\(card),records"), ["start", "account", "vm", "=cpu", "=mem", "records"])
        let bad = try dir.write("bad", "account\n\ncost = 1 +\n")
        // The character counts from the one after the '='.
        XCTAssertEqual(message("@\(bad)"), "\(bad):3: cost: 1:5: unexpected end of expression")
        let nested = try dir.write("nested", "@\(card)\n")
        XCTAssertEqual(message("@\(nested)"), "\(nested):1: '@\(card)': a column file cannot name another")
        XCTAssertEqual(message("@\(dir.path("missing"))"), "-o: \(dir.path("missing")): no such file or directory")
        XCTAssertEqual(message("@-"), "-o: '@-' names no file (standard input holds the records)")
    }
}
