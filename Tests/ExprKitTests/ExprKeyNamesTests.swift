import AcctCore
import XCTest

@testable import ExprKit

final class ExprKeyNamesTests: XCTestCase {
    private func names(_ text: String) throws -> [String] {
        try Expression(text, zone: .utc, now: 0).keyNames.map { $0.usedAsText ? "text:" + $0.name : $0.name }
    }

    func testNameSteps() throws {
        XCTAssertEqual(try names("vcpus > 2"), ["vcpus"])
        XCTAssertEqual(try names("cloudspaces/machines/status = \"HALTED\""), ["cloudspaces", "machines", "status"])
        XCTAssertEqual(try names("//status | /account"), ["status", "account"])
        XCTAssertEqual(try names("machines[vcpus > 2][1]/id"), ["machines", "vcpus", "id"])
    }

    /// `*`, `.`, functions, literals and the operators name no key.
    func testWhatNamesNoKey() throws {
        XCTAssertEqual(try names("* = 1 or . = 2"), [])
        XCTAssertEqual(try names("count(*) > 0 and not(true())"), [])
        XCTAssertEqual(try names("\"vcpus\" = 'status' and 2 > -1"), [])
        XCTAssertEqual(try names("contains(image, \"buntu\")"), ["image"])
    }

    func testOnceEachInOrder() throws {
        XCTAssertEqual(try names("b = 1 or a = 2 or b = 3 or //a"), ["b", "a"])
    }

    /// A bare word compared with a path or a function's value, or given as
    /// the text of contains() and its kind, reads as text.
    func testBareWordsUsedAsText() throws {
        XCTAssertEqual(try names("type = routeros"), ["text:type", "text:routeros"])
        XCTAssertEqual(try names("type != \"routeros\""), ["type"])
        XCTAssertEqual(try names("vcpu > 2"), ["vcpu"])
        XCTAssertEqual(try names("machines[status = HALTED]"), ["machines", "text:status", "text:HALTED"])
        XCTAssertEqual(try names("string(type) = routeros"), ["type", "text:routeros"])
        XCTAssertEqual(try names("starts-with(image, ubuntu)"), ["image", "text:ubuntu"])
        XCTAssertEqual(try names("matches(image, ubuntu, i)"), ["image", "text:ubuntu", "text:i"])
        // A longer path is no bare word.
        XCTAssertEqual(try names("type = a/routeros"), ["text:type", "a", "routeros"])
        XCTAssertEqual(try names("type = /routeros"), ["text:type", "routeros"])
    }

    /// A name used both ways is text when any use is.
    func testTextWins() throws {
        XCTAssertEqual(try names("routeros or type = routeros"), ["text:routeros", "text:type"])
    }
}
