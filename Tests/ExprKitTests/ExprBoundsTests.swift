import AcctCore
import XCTest

@testable import ExprKit

/// Expressions and values that would exhaust the stack or memory: a
/// nesting limit with its place, balanced chains, a bounded regex cache.
final class ExprBoundsTests: XCTestCase {
    private func matches(_ text: String, _ json: String) throws -> Bool {
        let expression = try Expression(text, zone: .utc, now: 0)
        let tape = JSONTape()
        return try Array(json.utf8).withUnsafeBytes { raw in
            try tape.parse(raw)
            return expression.matches(tape)
        }
    }

    func testDeepParenthesesAreAnErrorWithTheirPlace() {
        let deep = String(repeating: "(", count: 30_000) + "a" + String(repeating: ")", count: 30_000)
        XCTAssertThrowsError(try Expression(deep, zone: .utc, now: 0)) { error in
            // The 101st parenthesis, at column 101, opens one level too many.
            XCTAssertEqual("\(error)", "1:101: expression nested deeper than 100 levels")
        }
        let nots = String(repeating: "not(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)
        XCTAssertThrowsError(try Expression(nots, zone: .utc, now: 0)) { error in
            XCTAssertEqual("\(error)", "1:404: expression nested deeper than 100 levels")
        }
        let predicates = String(repeating: "a[", count: 5_000) + "b" + String(repeating: "]", count: 5_000)
        XCTAssertThrowsError(try Expression(predicates, zone: .utc, now: 0))
        let comparisons = Array(repeating: "a", count: 5_000).joined(separator: " = ")
        XCTAssertThrowsError(try Expression(comparisons, zone: .utc, now: 0))
        // Arithmetic chains and runs of minus signs are left-deep too.
        let sums = Array(repeating: "1", count: 30_000).joined(separator: " + ")
        XCTAssertThrowsError(try Expression(sums + " > 0", zone: .utc, now: 0))
        let minuses = String(repeating: "- ", count: 30_000) + "a > 0"
        XCTAssertThrowsError(try Expression(minuses, zone: .utc, now: 0))
        XCTAssertTrue(try matches(Array(repeating: "1", count: 50).joined(separator: " + ") + " = 50", #"{"a":1}"#))
    }

    func testNestingUpToTheLimitWorks() throws {
        // 100 levels, an even number of not(): true.
        let nested = String(repeating: "not(", count: 100) + "a" + String(repeating: ")", count: 100)
        XCTAssertTrue(try matches(nested, #"{"a":1}"#))
        XCTAssertFalse(try matches(String(nested.dropFirst(4).dropLast()), #"{"a":1}"#))
        XCTAssertThrowsError(try matches("not(" + nested + ")", #"{"a":1}"#))
        XCTAssertTrue(try matches(String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100), #"{"a":1}"#))
    }

    /// A generated list of thousands of alternatives is no nesting: it is
    /// evaluated as written, first match wins, without a deep recursion.
    func testLongChainsAreNotNesting() throws {
        let alternatives = (0..<50_000).map { "a = \($0)" }.joined(separator: " or ")
        XCTAssertTrue(try matches(alternatives, #"{"a":49999}"#))
        XCTAssertTrue(try matches(alternatives, #"{"a":0}"#))
        XCTAssertFalse(try matches(alternatives, #"{"a":50000}"#))
        let all = (0..<50_000).map { "b != \($0)" }.joined(separator: " and ")
        XCTAssertTrue(try matches(all, #"{"b":-1}"#))
        XCTAssertFalse(try matches(all, #"{"b":777}"#))
    }

    /// Patterns taken from record values are compiled per record; only a
    /// bounded number stays compiled.
    func testRegexCacheIsBounded() {
        let regexes = ExprRegex()
        for i in 0..<1_000 {
            XCTAssertTrue(regexes.matches(Array("x\(i)y".utf8), pattern: "^x\(i)y$", flags: ""))
            XCTAssertLessThanOrEqual(regexes.cachedCount, ExprRegex.cacheLimit)
        }
        XCTAssertFalse(regexes.matches(Array("x1y".utf8), pattern: "^x2y$", flags: ""))
        XCTAssertTrue(regexes.matches(Array("X1Y".utf8), pattern: "^x1y$", flags: "i"))
    }

    /// A backtracking matcher takes time exponential or quadratic in the
    /// text on such patterns; RE2 reads the text once. The back-reference,
    /// which only a backtracking matcher can run, is refused.
    func testRegexIsLinearAndHasNoBackReferences() {
        let regexes = ExprRegex()
        let long = Array(("x" + String(repeating: "a", count: 400_000)).utf8)
        XCTAssertFalse(regexes.matches(long, pattern: "x.*y", flags: ""))
        XCTAssertFalse(regexes.matches(long, pattern: "(a*)*b", flags: ""))
        XCTAssertTrue(regexes.matches(long + [UInt8(ascii: "y")], pattern: "x.*y$", flags: ""))
        XCTAssertNotNil(ExprRegex.problem(pattern: #"(a)\1"#, flags: ""))
        // POSIX classes, anchors at the text's ends, . across a newline.
        XCTAssertTrue(regexes.matches(Array("ab\ncd".utf8), pattern: "^[[:alpha:]]+.cd$", flags: ""))
    }
}

/// The compiled plan of `matches` against the general evaluator alone.
final class PlanAgreementTests: XCTestCase {
    func testPlanAgreesWithTheGeneralEvaluator() throws {
        let records = [
            #"{"vcpus":4,"status":"RUNNING","mem_mb":2048.0,"start":"2018-10-01T03:00:00Z"}"#,
            #"{"vcpus":"4","status":["RUNNING","HALTED"],"mem_mb":null}"#,
            #"{"vcpus":2.5,"big":170141183460469231731687303715884105727}"#,
            #"{}"#,
        ]
        let expressions = [
            #"vcpus > 2 and status = "RUNNING""#, #"vcpus = 4 or mem_mb >= 2000"#, #"status != "HALTED""#,
            #"start < "2018-10-01T04:00:00Z""#, #"4 <= vcpus"#, #"big = 170141183460469231731687303715884105727"#,
            #"not(vcpus) or status"#,
        ]
        let tape = JSONTape()
        for text in expressions {
            let expression = try Expression(text, zone: .utc, now: 0)
            for record in records {
                try Array(record.utf8).withUnsafeBytes { raw in
                    try tape.parse(raw)
                    XCTAssertEqual(expression.matches(tape), expression.matchesWithoutPlan(tape), "\(text) on \(record)")
                }
            }
        }
    }
}
