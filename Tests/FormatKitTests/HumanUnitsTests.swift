import AcctCore
import XCTest
import _AcctTestSupport

@testable import FormatKit

final class HumanUnitsTests: XCTestCase {
    func testSizes() {
        XCTAssertEqual(HumanUnits.scale(of: "mem_mb"), 2)
        XCTAssertEqual(HumanUnits.scale(of: "mem_mb_hours"), 2)
        XCTAssertEqual(HumanUnits.scale(of: "disk_gb"), 3)
        XCTAssertEqual(HumanUnits.scale(of: "net_rx_bytes"), 0)
        XCTAssertNil(HumanUnits.scale(of: "vcpus"))
        XCTAssertEqual(HumanUnits.text(512, scale: 2), "512M")
        XCTAssertEqual(HumanUnits.text(1536, scale: 2), "1.5G")
        XCTAssertEqual(HumanUnits.text(2048, scale: 2), "2G")
        XCTAssertEqual(HumanUnits.text(1023.96, scale: 2), "1G")
        XCTAssertEqual(HumanUnits.text(0, scale: 3), "0G")
        XCTAssertEqual(HumanUnits.text(1_610_612_736, scale: 0), "1.5G")
        // Found by make fuzz: a size past Int64 even in exabytes trapped.
        XCTAssertEqual(HumanUnits.text(8.11e44, scale: 2), "7.376002031378449e+32E")
        XCTAssertEqual(HumanUnits.text(-8.11e44, scale: 2), "-7.376002031378449e+32E")
        XCTAssertEqual(HumanUnits.text(1e300, scale: 0), String(1e300 / pow(1024, 6)) + "E")
    }

    func testPlainNumbers() {
        XCTAssertEqual(HumanUnits.plain(4), "4")
        XCTAssertEqual(HumanUnits.plain(0.07275295), "0.073")
        XCTAssertEqual(HumanUnits.plain(282.79443), "282.794")
        XCTAssertEqual(HumanUnits.plain(1.5e-05), "1.5e-5")
        XCTAssertEqual(HumanUnits.plain(-2.5), "-2.5")
        XCTAssertEqual(HumanUnits.plain(0.00099999), "1e-3")
    }

    func testDisplayWidth() {
        XCTAssertEqual(DisplayWidth.of("日本語 image"), 12)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
        XCTAssertEqual(DisplayWidth.truncated("Débian « 9 »", to: 6), "Débia…")
        XCTAssertEqual(DisplayWidth.truncated("日本語", to: 4), "日…")
    }

    func testBoldHeaderOnlyWhenAsked() throws {
        let work = try TempDir()
        for bold in [true, false] {
            let sink = try ByteSink(path: work.path + "/out")
            var options = FormatOptions()
            options.bold = bold
            let table = TableFormatter(sink: sink, options: options)
            try table.begin(columns: ["vm"])
            let tape = JSONTape()
            try Array(#"{"vm":1}"#.utf8).withUnsafeBytes { try tape.parse($0) }
            try table.write(tape, nodes: [1], line: UnsafeRawBufferPointer(start: nil, count: 0))
            try table.finish()
            try sink.finish()
            let text = try String(contentsOfFile: work.path + "/out", encoding: .utf8)
            XCTAssertEqual(text, bold ? "\u{1B}[1m        vm\u{1B}[0m\n         1\n" : "        vm\n         1\n")
        }
    }
}

