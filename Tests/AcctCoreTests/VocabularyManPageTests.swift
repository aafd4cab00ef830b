import AcctCore
import Foundation
import XCTest
import _AcctTestSupport

/// acct-records(5) prints the vocabulary: a table row for every metric with
/// its kind and unit, and for every identity key with what its value is,
/// written `.It Li KEY Ta KIND Ta UNIT`; and no row the code does not know.
final class VocabularyManPageTests: XCTestCase {
    private struct Row {
        var kind: String
        var unit: String
        var line: Int
    }

    /// The page's table rows by key.
    private func rows() throws -> [String: Row] {
        let page = try String(
            contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("man/acct-records.5"), encoding: .utf8)
        var rows: [String: Row] = [:]
        for (index, line) in page.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.hasPrefix(".It Li ") else { continue }
            let cells = line.dropFirst(7).components(separatedBy: " Ta ")
            guard cells.count == 3 else { continue }
            let key = cells[0].trimmingCharacters(in: .whitespaces)
            XCTAssertNil(rows[key], "acct-records.5:\(index + 1): a second row for \(key)")
            rows[key] = Row(kind: cells[1], unit: cells[2].trimmingCharacters(in: .whitespaces), line: index + 1)
        }
        return rows
    }

    private func name(_ kind: MetricKind?) -> String {
        switch kind {
        case .gauge: "gauge"
        case .counter: "counter"
        case .max: "max"
        case nil: "identity"
        }
    }

    func testEveryMetricHasARowWithItsKindAndUnit() throws {
        let rows = try rows()
        for (key, kind) in Vocabulary.builtIn.sorted(by: { $0.key < $1.key }) {
            guard let row = rows[key] else {
                XCTFail("acct-records(5) has no row for the metric \(key)")
                continue
            }
            XCTAssertEqual(row.kind, name(kind), "acct-records.5:\(row.line): the kind of \(key)")
            XCTAssertFalse(row.unit.isEmpty, "acct-records.5:\(row.line): \(key) has no unit")
        }
    }

    func testEveryIdentityKeyHasARow() throws {
        let rows = try rows()
        for key in Vocabulary.identityKeys.sorted() {
            guard let row = rows[key] else {
                XCTFail("acct-records(5) has no row for the identity key \(key)")
                continue
            }
            XCTAssertEqual(row.kind, "identity", "acct-records.5:\(row.line): the kind of \(key)")
            XCTAssertFalse(row.unit.isEmpty, "acct-records.5:\(row.line): \(key) says nothing of its value")
        }
    }

    /// A row names a key with the kind the code gives it: the page lists no
    /// metric the code lacks, and `NAME_hours` and `NAME_max` stand for the
    /// endings.
    func testEveryRowIsTheCodesKind() throws {
        let vocabulary = Vocabulary()
        let rows = try rows()
        XCTAssertGreaterThan(rows.count, Vocabulary.builtIn.count, "the rows read from acct-records(5)")
        for (key, row) in rows.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(row.kind, name(vocabulary.kind(of: key)), "acct-records.5:\(row.line): the kind of \(key)")
            if row.kind == "identity" {
                XCTAssertTrue(Vocabulary.identityKeys.contains(key) || Self.formatIdentityKeys.contains(key),
                              "acct-records.5:\(row.line): \(key) is no identity key of the record format")
            } else if !key.hasPrefix("NAME_") {
                XCTAssertNotNil(Vocabulary.builtIn[key] ?? (key.hasSuffix("_max") ? .max : nil),
                                "acct-records.5:\(row.line): \(key) is no built-in metric")
            }
        }
    }

    /// Identity keys of the record format that hold strings, so that the
    /// code, which keeps only the numeric ones, does not list them.
    private static let formatIdentityKeys: Set<String> = ["source", "name", "type", "status", "image", "action"]
}
