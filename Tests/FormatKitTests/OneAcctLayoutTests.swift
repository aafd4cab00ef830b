import AcctCore
import XCTest

@testable import FormatKit

/// oneacct's cells: `%W.Ws` cuts and pads, one space between cells, data
/// rows right-stripped, the header not; and its CSV quoting.
final class OneAcctLayoutTests: XCTestCase {
    private func cell(_ text: String, _ column: OneAcctColumn) -> String {
        var line = ""
        OneAcctLayout.cell(text, column, into: &line)
        return line
    }

    func testCellsAreCutNotRounded() {
        XCTAssertEqual(cell("gpu-node-03.example.org", .hostname), "gpu-node-03.exa")
        XCTAssertEqual(cell("disk-snapshot-rename", .action), "disk-snapshot-re")
        XCTAssertEqual(cell("0.25", .cpu), "0.2")
        XCTAssertEqual(cell("0.125", .cpu), "0.1")
        // The unit letter is lost, as in oneacct.
        XCTAssertEqual(cell(OneAcctUnits.text(1_048_064 / 1024.0, unit: .kilo)!, .nettx), "1023.5")
    }

    func testCellsArePaddedByAlignment() {
        XCTAssertEqual(cell("node01", .hostname), "node01         ")
        XCTAssertEqual(cell("", .action), String(repeating: " ", count: 16))
        XCTAssertEqual(cell("5", .vid), "   5")
        XCTAssertEqual(cell("-1", .uid), "  -1")
        XCTAssertEqual(cell("-", .endTime), "             -")
        XCTAssertEqual(cell("512M", .memory), "  512M")
        // Characters are counted as Ruby counts them: code points.
        XCTAssertEqual(cell("nœud-été-ünïcode", .hostname), "nœud-été-ünïcod")
        XCTAssertEqual(cell("日本", .seq), " 日本")
    }

    func testHeaderLine() {
        let header = OneAcctLayout.header(OneAcctColumn.defaultTable)
        XCTAssertEqual(header, " VID HOSTNAME        ACTION               START_TIME       END_TIME MEMORY CPU  NETRX  NETTX   DISK")
        XCTAssertEqual(header.count, 99)
        // A header ending in a left-aligned column keeps its padding.
        XCTAssertEqual(OneAcctLayout.header([.vid, .hostname]), " VID HOSTNAME       ")
    }

    func testRowsAreRightStripped() {
        let columns: [OneAcctColumn] = [.vid, .hostname, .action]
        XCTAssertEqual(OneAcctLayout.row(["22", "gpu-node-03.example.org", ""], columns), "  22 gpu-node-03.exa")
        XCTAssertEqual(OneAcctLayout.row(["5", "n1", "none"], columns), "   5 n1              none")
        XCTAssertEqual(OneAcctLayout.row(["", "", ""], columns), "")
    }

    func testCSVQuoting() {
        XCTAssertEqual(OneAcctLayout.csvLine(["3", "5", "node01", "", "0.25"]), "3,5,node01,\"\",0.25")
        XCTAssertEqual(OneAcctLayout.csvLine(["a,b", "say \"hi\"", "two\nlines", "cr\r", "plain text"]),
                       "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",plain text")
    }
}
