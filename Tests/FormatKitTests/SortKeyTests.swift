import XCTest

@testable import FormatKit

/// --sort's list, and how values order: numbers by value (integers
/// exactly), instants, text by code point, kinds in that order, missing
/// last in either direction.
final class SortKeyTests: XCTestCase {
    func testList() throws {
        XCTAssertEqual(try SortKey.list("-cost, account ,+vm"), [
            SortKey(name: "cost", descending: true), SortKey(name: "account", descending: false),
            SortKey(name: "vm", descending: false),
        ])
        for bad in ["", "cost,", "-", " + ", "a,,b"] {
            XCTAssertThrowsError(try SortKey.list(bad), bad)
        }
    }

    /// Text values point into `texts`, one string per offset.
    private func order(_ a: SortValue, _ b: SortValue, descending: Bool = false, texts: [String] = []) -> Int {
        let bytes = texts.joined()
        return Array(bytes.utf8).withUnsafeBytes { raw in
            SortValue.compare(a, b, descending: descending) { value in
                guard case let .text(offset, length) = value else { return UnsafeRawBufferPointer(start: nil, count: 0) }
                return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)])
            }
        }
    }

    func testNumbers() {
        XCTAssertEqual(order(.number(2, exact: 2), .number(10, exact: 10)), -1)
        XCTAssertEqual(order(.number(2, exact: 2), .number(10, exact: 10), descending: true), 1)
        XCTAssertEqual(order(.number(2.5, exact: nil), .number(2, exact: 2)), 1)
        XCTAssertEqual(order(.number(3, exact: nil), .number(3, exact: 3)), 0)
        // 2^53 + 1 and 2^53 are one double, two integers.
        let big: Int128 = 1 << 53
        XCTAssertEqual(order(.number(Double(big), exact: big + 1), .number(Double(big), exact: big)), 1)
        XCTAssertEqual(order(.number(Double(big), exact: big + 1), .number(Double(big), exact: nil)), 1)
        XCTAssertEqual(order(.number(-1, exact: -1), .number(-0.5, exact: nil)), -1)
    }

    func testTextByCodePoint() {
        // By code point: "B" (U+0042), "a", "ab", "é" (U+00E9).
        let texts = ["B", "a", "ab", "é"]
        var offsets: [Int] = []
        var at = 0
        for t in texts {
            offsets.append(at)
            at += t.utf8.count
        }
        func text(_ i: Int) -> SortValue { .text(offset: offsets[i], length: texts[i].utf8.count) }
        XCTAssertEqual(order(text(0), text(1), texts: texts), -1)
        XCTAssertEqual(order(text(1), text(2), texts: texts), -1)
        XCTAssertEqual(order(text(2), text(3), texts: texts), -1)
        XCTAssertEqual(order(text(3), text(3), texts: texts), 0)
        XCTAssertEqual(order(text(3), text(0), descending: true, texts: texts), -1)
    }

    func testKindsAndMissing() {
        let texts = ["x"]
        let text = SortValue.text(offset: 0, length: 1)
        XCTAssertEqual(order(.number(1e9, exact: nil), .time(0), texts: texts), -1)
        XCTAssertEqual(order(.time(5), text, texts: texts), -1)
        XCTAssertEqual(order(.time(5), .time(4)), 1)
        for descending in [false, true] {
            XCTAssertEqual(order(.missing, .number(1, exact: 1), descending: descending), 1)
            XCTAssertEqual(order(text, .missing, descending: descending, texts: texts), -1)
            XCTAssertEqual(order(.missing, .missing, descending: descending), 0)
        }
    }
}
