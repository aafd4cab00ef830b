import AcctCore
import XCTest
import _AcctTestSupport

@testable import FormatKit

/// --total: metrics and computed columns summed as acct-slice sums them
/// (integers exactly past 64 bits, floats without rounding error), `_max`
/// columns at their largest, identity keys and times never summed, `total`
/// in the first of those.
final class TotalRowTests: XCTestCase {
    private let input = """
        {"start":"2024-03-01T00:00:00Z","account":12,"vm":"web","records":3,"vcpus_hours":0.1,"iops_read_max":2.5,"net_tx_bytes":18446744073709551615,"note":"x"}
        {"start":"2024-03-02T00:00:00Z","account":7,"vm":"db","records":4,"vcpus_hours":0.2,"iops_read_max":7,"net_tx_bytes":18446744073709551615}
        {"start":"2024-03-03T00:00:00Z","account":7,"vm":"db2","records":5,"vcpus_hours":0.7,"iops_read_max":3}

        """

    private func total(_ columns: String, style: FormatOptions.Style = .csv) throws -> String {
        let text = try renderedText(input, in: try TempDir()) {
            $0.style = style
            try $0.setColumns(columns)
            $0.total = true
        }
        // The JSON array's last line is its bracket.
        let lines = text.split(separator: "\n").filter { $0 != "]" }
        return String(lines.last ?? "")
    }

    func testSumsMaximaAndLabel() throws {
        // 0.1 + 0.2 + 0.7 is 1.0 exactly summed (1.0000000000000002 added in turn).
        XCTAssertEqual(try total("start,account,vm,records,vcpus_hours,iops_read_max,net_tx_bytes,note"),
                       "total,,,12,1.0,7,36893488147419103230,")
        XCTAssertEqual(try total("records,account,vm"), "12,total,")
        // Computed columns are summed, or kept at their largest for _max.
        XCTAssertEqual(try total("vm,c=records * 10,peak_max=iops_read_max * 2"), "total,120,14")
        // A column without a number stays empty.
        XCTAssertEqual(try total("vm,label=string(vm),records"), "total,,12")
    }

    func testTotalRecordInJSON() throws {
        XCTAssertEqual(try total("account,records,vcpus_hours", style: .json), #"{"records":12,"vcpus_hours":1.0,"total":true}"#)
        // A column named total gives way to the flag.
        XCTAssertEqual(try total("account,total=records * 2", style: .json), #"{"total":true}"#)
    }
}
