import AcctCore
import XCTest

@testable import ExprKit

/// XPath 1.0's arithmetic (section 3.5 and the number functions of 4.4):
/// precedence, IEEE division, the truncating `mod`, `round` toward
/// positive infinity with its negative zero, and the exact integers the
/// records hold.
final class ExprArithmeticTests: XCTestCase {
    private let record = #"""
        {"vm":7,"id":2,"vm-id":5,"div":6,"mod":4,"vcpus":4,"price":0.0125,"hours":10.5,"text":"3","word":"x","wide":18446744073709551615,"disks":[{"size":10},{"size":100}],"on":true}
        """#

    private func value(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> ExprKit.Expression.Value {
        let expression = try Expression(text, zone: .utc, now: 0)
        let tape = JSONTape()
        try Array(record.utf8).withUnsafeBytes { try tape.parse($0) }
        return expression.value(tape)
    }

    /// The number an expression gives: its double and exact integer.
    private func number(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> (Double, Int128?) {
        guard case let .number(x, exact) = try value(text) else {
            XCTFail("\(text) is not a number", file: file, line: line)
            return (.nan, nil)
        }
        return (x, exact)
    }

    private func assertInteger(_ text: String, _ expected: Int128, file: StaticString = #filePath, line: UInt = #line) throws {
        let (x, exact) = try number(text, file: file, line: line)
        XCTAssertEqual(exact, expected, text, file: file, line: line)
        XCTAssertEqual(x, Double(expected), text, file: file, line: line)
    }

    private func assertDouble(_ text: String, _ expected: Double, file: StaticString = #filePath, line: UInt = #line) throws {
        let (x, exact) = try number(text, file: file, line: line)
        XCTAssertNil(exact, "\(text) is a double", file: file, line: line)
        if expected.isNaN {
            XCTAssertTrue(x.isNaN, "\(text) = \(x)", file: file, line: line)
        } else {
            XCTAssertEqual(x, expected, text, file: file, line: line)
            XCTAssertEqual(x.sign, expected.sign, "the sign of \(text)", file: file, line: line)
        }
    }

    func testPrecedenceAndGrouping() throws {
        try assertInteger("1 + 2 * 3", 7)
        try assertInteger("(1 + 2) * 3", 9)
        try assertInteger("10 - 2 - 3", 5)  // from the left
        try assertDouble("12 div 2 div 3", 2)
        try assertInteger("2 * 3 mod 4", 2)
        try assertInteger("-2 * 3", -6)
        try assertInteger("- -vcpus", 4)
        try assertInteger("--vcpus", 4)
        try assertInteger("-vcpus + 1", -3)
        // Arithmetic binds tighter than comparison, comparison than and/or.
        XCTAssertEqual(try value("vcpus * 2 > 7 and 1 + 1 = 2"), .boolean(true))
        XCTAssertEqual(try value("vcpus - 4 = 0 or false()"), .boolean(true))
    }

    func testDivisionAndRemainder() throws {
        try assertDouble("7 div 2", 3.5)
        try assertDouble("4 div 2", 2)  // a double, even when whole
        try assertDouble("1 div 0", .infinity)
        try assertDouble("-1 div 0", -.infinity)
        try assertDouble("1 div -0", -.infinity)
        try assertDouble("1 div (0 * -1)", -.infinity)
        try assertDouble("0 div 0", .nan)
        // XPath's own examples: the sign of the dividend.
        try assertInteger("5 mod 2", 1)
        try assertInteger("5 mod -2", 1)
        try assertInteger("-5 mod 2", -1)
        try assertInteger("-5 mod -2", -1)
        try assertDouble("5.5 mod 2", 1.5)
        try assertDouble("-5.5 mod 2", -1.5)
        try assertDouble("1 mod 0", .nan)
        try assertDouble("-4.0 mod 2", -0.0)
        try assertDouble("5 mod (1 div 0)", 5)
    }

    func testIntegersStayExact() throws {
        // 2^53 + 1 has no double; the sum keeps it.
        try assertInteger("9007199254740992 + 1", 9_007_199_254_740_993)
        try assertInteger("wide * 2 - wide", 18_446_744_073_709_551_615)
        try assertInteger("170141183460469231731687303715884105727 - 1", Int128.max - 1)
        try assertInteger("-170141183460469231731687303715884105728", Int128.min)
        // Past 128 bits, a double.
        try assertDouble("170141183460469231731687303715884105727 + 1", 0x1p127)
        try assertDouble("-(-170141183460469231731687303715884105728)", 0x1p127)
        try assertDouble("abs(-170141183460469231731687303715884105728)", 0x1p127)
        // A float on either side makes a double.
        try assertDouble("vcpus * 1.0", 4)
        try assertDouble("hours * 2", 21)
    }

    func testNumberFunctions() throws {
        try assertDouble("round(2.5)", 3)
        try assertDouble("round(-2.5)", -2)
        try assertDouble("round(1.4999999999999998)", 1)
        try assertDouble("round(0.49999999999999994)", 0)
        try assertDouble("round(-0.3)", -0.0)
        try assertDouble("round(-0.5)", -0.0)
        try assertDouble("round(-0.5000000000000001)", -1)
        try assertDouble("round(0 div 0)", .nan)
        try assertDouble("round(1 div 0)", .infinity)
        try assertInteger("round(7)", 7)
        try assertDouble("floor(-1.5)", -2)
        try assertDouble("floor(2.7)", 2)
        try assertDouble("ceiling(-0.5)", -0.0)
        try assertDouble("ceiling(2.1)", 3)
        try assertInteger("ceiling(vcpus)", 4)
        try assertInteger("abs(-3)", 3)
        try assertDouble("abs(-2.5)", 2.5)
        try assertDouble("round(hours * price * 100) div 100", 0.13)
    }

    func testOperandsAreReadAsNumber() throws {
        try assertInteger("disks/size * 2", 20)  // the first node
        try assertInteger("sum(disks/size) * 2", 220)
        try assertInteger("text * 2", 6)
        try assertDouble("word * 2", .nan)
        try assertDouble("nosuch + 1", .nan)
        try assertInteger("on + 1", 2)
        try assertInteger("count(disks) * 10", 20)
        try assertInteger("/vcpus * disks[2]/size", 400)
    }

    /// A hyphen inside a name is part of it, as in XPath; spaces make it
    /// a minus. `*`, `div` and `mod` are operators after an operand and
    /// names (or the wildcard) before one.
    func testTokens() throws {
        try assertInteger("number(vm-id)", 5)
        try assertInteger("vm - id", 5)
        try assertInteger("vm -id", 5)
        try assertInteger("vm-id - 1", 4)
        try assertInteger("2-1", 1)
        try assertDouble("div div mod", 1.5)
        try assertInteger("div mod mod", 2)
        try assertInteger("mod*div", 24)
        try assertInteger("count(*) * 2", 28)
        try assertInteger("count(disks/*)*1", 2)
        XCTAssertEqual(try value("starts-with(word, 'x')"), .boolean(true))
        // A number in a predicate is a position, computed or not.
        try assertInteger("number(disks[1 + 1]/size)", 100)
    }

    func testValues() throws {
        XCTAssertEqual(try value("word"), .node(try tapeIndexOf("word")))
        XCTAssertEqual(try value("nosuch"), .node(nil))
        XCTAssertEqual(try value("'text'"), .string(Array("text".utf8)))
        XCTAssertEqual(try value("vcpus > 2"), .boolean(true))
    }

    private func tapeIndexOf(_ key: String) throws -> Int? {
        let tape = JSONTape()
        try Array(record.utf8).withUnsafeBytes { try tape.parse($0) }
        return tape.member(JSONTape.root, named: key)
    }

    func testErrors() {
        for (text, message) in [
            ("1 +", "1:4: unexpected end of expression"),
            ("-", "1:1: expected an operand after '-'"),
            ("2 * ", "1:5: unexpected end of expression"),
            ("vcpus div", "1:10: unexpected end of expression"),
            ("+ 1", "1:1: unexpected '+'"),
            ("round(1, 2)", "1:1: round() takes 1 argument, not 2"),
        ] {
            XCTAssertThrowsError(try Expression(text, zone: .utc, now: 0), text) { error in
                XCTAssertEqual("\(error)", message, text)
            }
        }
    }

    /// acct-filter's test: arithmetic on both sides of a comparison.
    func testInFilters() throws {
        let expression = try Expression("vcpus * price * 100 >= 5 and hours mod 2 = 0.5", zone: .utc, now: 0)
        let tape = JSONTape()
        try Array(record.utf8).withUnsafeBytes { try tape.parse($0) }
        XCTAssertTrue(expression.matches(tape))
        XCTAssertFalse(try Expression("vcpus * price > 1", zone: .utc, now: 0).matches(tape))
    }
}
