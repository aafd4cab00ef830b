import AcctCore
import XCTest
import _AcctTestSupport

@testable import FormatKit

/// CSV and TSV: text that a spreadsheet would run gets an apostrophe,
/// inside RFC 4180's quotes; keys too; numbers, booleans, times and JSON
/// never; --no-neutralize writes the text as it is.
final class DelimitedFormatterTests: XCTestCase {
    private let input = #"{"-k":-5,"s":"-5","f":"=A1,B1","q":"@\"x\"","t":"\tx","b":true,"o":{"a":1},"start":"2018-10-01T00:00:00+02:00","n":-1.5e3}"# + "\n"

    func testCSVNeutralisesTextOnly() throws {
        let csv = try renderedText(input, in: try TempDir()) { $0.style = .csv }
        XCTAssertEqual(csv, ##"""
            '-k,s,f,q,t,b,o,start,n
            -5,'-5,"'=A1,B1","'@""x""",'\##tx,true,"{""a"":1}",2018-09-30T22:00:00Z,-1.5e3

            """##)
    }

    func testTSVNeutralisesBeforeEscaping() throws {
        let tsv = try renderedText(input, in: try TempDir()) { $0.style = .tsv }
        XCTAssertEqual(tsv, "'-k\ts\tf\tq\tt\tb\to\tstart\tn\n-5\t'-5\t'=A1,B1\t'@\"x\"\t'\\tx\ttrue\t{\"a\":1}\t2018-09-30T22:00:00Z\t-1.5e3\n")
    }

    func testNeutralisingOff() throws {
        let csv = try renderedText(input, in: try TempDir()) {
            $0.style = .csv
            $0.neutralize = false
        }
        XCTAssertEqual(csv, ##"""
            -k,s,f,q,t,b,o,start,n
            -5,-5,"=A1,B1","@""x""",\##tx,true,"{""a"":1}",2018-09-30T22:00:00Z,-1.5e3

            """##)
    }

    /// A section head is one field: a comma in the value cannot open a cell.
    func testSectionHeadIsOneField() throws {
        let text = #"{"a":"x,=1+1","v":1}"# + "\n"
        let csv = try renderedText(text, in: try TempDir()) {
            $0.style = .csv
            $0.split = "a"
            $0.columns = ["v"]
        }
        XCTAssertEqual(csv, "\"# a x,=1+1\"\nv\n1\n")
        let table = try renderedText(#"{"a":"\u001b[2J","v":1}"# + "\n", in: try TempDir()) {
            $0.split = "a"
            $0.columns = ["v"]
        }
        XCTAssertEqual(table.split(separator: "\n").first, #"# a \x1b[2J"#)
    }
}
