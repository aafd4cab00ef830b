import AcctCore
import XCTest

@testable import FormatKit

/// What oneacct prints in each cell when the HISTORY lacks an element,
/// from its helper code: indexing a missing TEMPLATE, MONITORING or VM
/// raises and the column's rescue prints `-`; a missing value inside them
/// is Ruby's `nil.to_i`, 0, or `nil.to_s`, empty.
final class OneAcctCellsTests: XCTestCase {
    private let sizes: [OneAcctColumn] = [.memory, .cpu, .netrx, .nettx, .disk]

    private func cells(_ record: String, _ columns: [OneAcctColumn], csv: Bool = false) throws -> [String] {
        let tape = JSONTape()
        return try Array(record.utf8).withUnsafeBytes { bytes in
            try tape.parse(bytes)
            return try OneAcctCells.cells(tape, columns: columns, csv: csv, zone: .utc)
        }
    }

    func testMissingPartsShowDashes() throws {
        let full = #""mem_mb":2048,"cpu":0.5,"netrx":2048,"nettx":1024,"disk_mb":10240"#
        XCTAssertEqual(try cells("{\(full)}", sizes), ["2G", "0.5", "2K", "1K", "10G"])
        XCTAssertEqual(try cells(#"{\#(full),"missing":"VM/TEMPLATE"}"#, sizes), ["-", "-", "2K", "1K", "10G"])
        XCTAssertEqual(try cells(#"{\#(full),"missing":"VM/MONITORING"}"#, sizes), ["2G", "0.5", "-", "-", "10G"])
        XCTAssertEqual(try cells(#"{\#(full),"missing":"VM/MONITORING VM/TEMPLATE"}"#, sizes), ["-", "-", "-", "-", "10G"])
        XCTAssertEqual(try cells(#"{"missing":"VM"}"#, sizes), ["-", "-", "-", "-", "-"])
        // In CSV too; the owner of a record without VM is empty.
        XCTAssertEqual(try cells(#"{"vm":32,"missing":"VM"}"#, OneAcctColumn.defaultCSV, csv: true),
                       ["", "32", "", "none", "-", "-", "-", "-", "-", "-", "-"])
    }

    func testMissingValuesInsideAreZeroOrEmpty() throws {
        XCTAssertEqual(try cells("{}", sizes), ["0M", "", "0K", "0K", "0K"])
        XCTAssertEqual(try cells(#"{"mem_mb":null,"cpu":null,"netrx":null}"#, sizes), ["0M", "", "0K", "0K", "0K"])
        // Only the parts acct-import names count, and only as a string.
        XCTAssertEqual(try cells(#"{"missing":"VM/SNAPSHOTS VMX"}"#, sizes), ["0M", "", "0K", "0K", "0K"])
        XCTAssertEqual(try cells(#"{"missing":["VM"]}"#, sizes), ["0M", "", "0K", "0K", "0K"])
    }

    func testActionAsOneacctLooksItUp() throws {
        func action(_ record: String) throws -> String { try cells(record, [.action])[0] }
        XCTAssertEqual(try action(#"{"action_code":27}"#), "terminate")
        XCTAssertEqual(try action(#"{"action_code":64}"#), "")
        XCTAssertEqual(try action(#"{"action_code":65,"action":"vmgroup-del"}"#), "")
        // A Ruby array: negative codes count from the end.
        XCTAssertEqual(try action(#"{"action_code":-1}"#), "exec-cancel")
        XCTAssertEqual(try action(#"{"action_code":-64}"#), "none")
        XCTAssertEqual(try action(#"{"action_code":-65}"#), "")
        XCTAssertEqual(try action(#"{"action":"vmgroup-add"}"#), "vmgroup-add")
        // No ACTION is code 0; so is the 3.6 layout's REASON-only record.
        XCTAssertEqual(try action("{}"), "none")
        XCTAssertEqual(try action(#"{"reason":"user","reason_code":3}"#), "none")
    }

    func testNumbersAreReadAsRubyReadsTheirText() throws {
        XCTAssertEqual(try cells(#"{"mem_mb":512.7}"#, [.memory]), ["512M"])
        XCTAssertEqual(try cells(#"{"mem_mb":1e3}"#, [.memory]), ["1M"])
        XCTAssertEqual(try cells(#"{"mem_mb":"2048"}"#, [.memory]), ["2G"])
        XCTAssertEqual(try cells(#"{"netrx":-0.5}"#, [.netrx]), ["0K"])
        XCTAssertEqual(try cells(#"{"disk_mb":true}"#, [.disk]), ["-"])
    }
}
