import XCTest
import _AcctTestSupport

/// Rows merged from partial roll-ups against the rows of one process, as
/// acct-slice(1) promises: the same rows in the same order with the same
/// keys and values, integers equal and floats equal within 1e-12 relative
/// (each merge level may round a float sum once more).
enum MergedRows {
    static let relativeTolerance = 1e-12

    static func assertMatch(
        _ got: [String], _ want: [String], _ what: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(got.count, want.count, "\(what): rows", file: file, line: line)
        for (index, (gotLine, wantLine)) in zip(got, want).enumerated() {
            let place = "\(what): row \(index + 1)"
            guard case let .object(g)? = try? JSONParser.parse(gotLine),
                  case let .object(w)? = try? JSONParser.parse(wantLine) else {
                return XCTFail("\(place): not two JSON objects:\n\(gotLine)\n\(wantLine)", file: file, line: line)
            }
            XCTAssertEqual(g.keys, w.keys, place, file: file, line: line)
            for (key, wanted) in w.members {
                guard let value = g[key], !close(value, wanted) else { continue }
                XCTFail("\(place): \(key) is \(value), one process gives \(wanted)", file: file, line: line)
            }
        }
    }

    /// Whether two values are the same, floats within the tolerance.
    static func close(_ a: JSONValue, _ b: JSONValue) -> Bool {
        guard case let .float(x) = a, case let .float(y) = b else { return a == b }
        return x == y || abs(x - y) <= relativeTolerance * max(abs(x), abs(y))
    }
}
