import AcctCore
import XCTest
import FormatKit
import _AcctTestSupport

/// Reads the workbook back with Python's openpyxl, when it is installed.
final class XlsxReadBackTests: XCTestCase {
    /// Prints, as JSON, each sheet's name, frozen pane, autofilter range,
    /// column widths and cells (value, openpyxl type, number format, bold).
    static let script = #"""
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if isinstance(v, datetime.datetime):
                v = v.isoformat()
            cells.append({"value": v, "kind": type(c.value).__name__, "type": c.data_type,
                          "format": c.number_format, "bold": bool(c.font and c.font.b)})
        rows.append(cells)
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                "widths": widths, "rows": rows})
print(json.dumps(out))
"""#

    private func python(_ arguments: [String]) throws -> (status: Int32, output: Data, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: OpenpyxlPython.path ?? "/usr/bin/python3")
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, data, errorText)
    }

    private func read(_ path: String) throws -> [[String: Any]] {
        guard OpenpyxlPython.path != nil else { throw XCTSkip("openpyxl is not installed: make deps, or pip install openpyxl") }
        let result = try python(["-c", Self.script, path])
        XCTAssertEqual(result.status, 0, result.error)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: result.output) as? [[String: Any]], result.error)
    }

    private func cell(_ sheet: [String: Any], _ row: Int, _ column: Int) throws -> [String: Any] {
        // Rows and columns past the last written cell read as blank.
        let rows = try XCTUnwrap(sheet["rows"] as? [[[String: Any]]])
        guard row < rows.count, column < rows[row].count else { return ["kind": "NoneType"] }
        return rows[row][column]
    }

    func testWorkbookReadsBack() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let path = dir.path("report.xlsx")
        let report = try XlsxReport(path: path)
        try XlsxReportTests.fill(report)
        try report.finish()
        let sheets = try read(path)

        XCTAssertEqual(sheets.map { $0["name"] as? String }, ["acme", "Beta_Co"])
        let acme = sheets[0]
        let rows = try XCTUnwrap(acme["rows"] as? [[[String: Any]]])
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[0].map { $0["value"] as? String }, XlsxReportTests.columns)
        XCTAssertTrue(rows[0].allSatisfy { $0["bold"] as? Bool == true })
        XCTAssertEqual(rows[1][0]["bold"] as? Bool, false)

        // vcpus: an integer number cell.
        XCTAssertEqual(try cell(acme, 1, 2)["value"] as? Int, 4)
        XCTAssertEqual(try cell(acme, 1, 2)["kind"] as? String, "int")
        XCTAssertEqual(try cell(acme, 1, 2)["type"] as? String, "n")
        XCTAssertEqual(try cell(acme, 2, 2)["value"] as? Int, 9_000_000_000)
        // cpu_minutes: a float.
        XCTAssertEqual(try cell(acme, 1, 3)["value"] as? Double, 12.5)
        XCTAssertEqual(try cell(acme, 1, 3)["kind"] as? String, "float")
        // start: a date cell.
        XCTAssertEqual(try cell(acme, 1, 4)["kind"] as? String, "datetime")
        XCTAssertEqual(try cell(acme, 1, 4)["value"] as? String, "2024-03-01T12:34:56")
        XCTAssertEqual(try cell(acme, 1, 4)["format"] as? String, "yyyy-mm-dd hh:mm:ss")
        XCTAssertEqual(try cell(acme, 2, 4)["value"] as? String, "1970-01-01T00:00:00")
        // running: booleans; tags: JSON as text; note: blank.
        XCTAssertEqual(try cell(acme, 1, 5)["kind"] as? String, "bool")
        XCTAssertEqual(try cell(acme, 1, 5)["value"] as? Bool, true)
        XCTAssertEqual(try cell(acme, 1, 6)["value"] as? String, "[\"a\",\"b\"]")
        XCTAssertEqual(try cell(acme, 1, 6)["type"] as? String, "s")
        XCTAssertEqual(try cell(acme, 1, 7)["kind"] as? String, "NoneType")
        XCTAssertEqual(try cell(acme, 2, 6)["kind"] as? String, "NoneType")

        XCTAssertEqual(acme["freeze"] as? String, "A2")
        XCTAssertEqual(acme["filter"] as? String, "A1:H3")
        let beta = sheets[1]
        XCTAssertEqual(beta["freeze"] as? String, "A2")
        XCTAssertEqual(beta["filter"] as? String, "A1:H2")
        XCTAssertEqual(try cell(beta, 1, 0)["value"] as? String, "Beta/Co")
        XCTAssertEqual(try cell(beta, 1, 4)["value"] as? String, "2024-03-01T13:34:56")

        // Widths: header plus filter button for "account" (7 + 2 + 1), the
        // date format's 19 (+ 1), the long note clamped to 60, at least 8.
        let acmeWidths = try XCTUnwrap(acme["widths"] as? [String: Double])
        let betaWidths = try XCTUnwrap(beta["widths"] as? [String: Double])
        XCTAssertEqual(acmeWidths["A"] ?? 0, 10, accuracy: 0.75)
        XCTAssertEqual(acmeWidths["E"] ?? 0, 20, accuracy: 0.75)
        XCTAssertEqual(acmeWidths["H"] ?? 0, 8, accuracy: 0.75)
        XCTAssertEqual(betaWidths["H"] ?? 0, 60, accuracy: 0.75)
        XCTAssertEqual(acmeWidths["C"] ?? 0, 11, accuracy: 0.75, "9000000000 is 10 digits")
    }

    func testSpecialValuesReadBack() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let path = dir.path("special.xlsx")
        let report = try XlsxReport(path: path)
        try report.begin(columns: ["value"])
        try report.add([.float(.nan)], sheet: "")
        try report.add([.float(-.infinity)], sheet: "")
        try report.add([.time(CivilTime(year: 1850, month: 6, day: 1).epochSeconds)], sheet: "")
        try report.add([.string("ctl\u{1}chars\ttab")], sheet: "")
        try report.add([.string(String(repeating: "é", count: 40_000))], sheet: "")
        try report.add([.string("")], sheet: "")
        try report.finish()
        let sheets = try read(path)
        XCTAssertEqual(sheets.map { $0["name"] as? String }, ["empty"])
        let sheet = sheets[0]
        XCTAssertEqual(try cell(sheet, 1, 0)["value"] as? String, "nan")
        XCTAssertEqual(try cell(sheet, 2, 0)["value"] as? String, "-inf")
        XCTAssertEqual(try cell(sheet, 3, 0)["value"] as? String, "1850-06-01 00:00:00")
        // libxlsxwriter writes control characters as Excel's _xHHHH_
        // escapes, which Excel decodes and openpyxl leaves as they are.
        XCTAssertEqual(try cell(sheet, 4, 0)["value"] as? String, "ctl_x0001_chars\ttab")
        XCTAssertEqual((try cell(sheet, 5, 0)["value"] as? String)?.unicodeScalars.count, 32_767)
        XCTAssertEqual(try cell(sheet, 6, 0)["kind"] as? String, "NoneType")
        XCTAssertEqual(sheet["filter"] as? String, "A1:A7")
    }

    /// Each number cell's value, as Python's repr (the shortest text that
    /// reads back as the same double), its type and its note.
    static let numbersScript = #"""
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if c.value is None:
                continue
            out.append([ws.title, c.coordinate, repr(c.value), type(c.value).__name__, c.comment.text if c.comment else None])
print(json.dumps(out))
"""#

    /// Number cells read back as the very double written (libxlsxwriter's
    /// own text has 16 digits), and integers no double holds keep their
    /// digits in a note.
    func testNumbersReadBackExactly() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let path = dir.path("numbers.xlsx")
        let report = try XlsxReport(path: path)
        try report.begin(columns: ["a", "b"])
        let floats: [Double] = [
            239.48097110000003, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
            .leastNormalMagnitude, Double.leastNormalMagnitude.nextDown, 0.1, 1.0 / 3, 123456789.12345679, 1e22,
            0x1p53 + 2, 0.30000000000000004, -Double.leastNonzeroMagnitude, 1.5,
        ]
        for value in floats {
            try report.add([.float(value)], sheet: "floats")
        }
        let integers: [Int128] = [
            Int128(UInt64.max), -Int128(UInt64.max) - 1, 1 << 53, (1 << 53) + 1, -(1 << 53), 4, .max, .min,
        ]
        for value in integers {
            try report.add([.string("x"), .integer(value)], sheet: "integers")
        }
        // A second sheet with nothing to put right between two that have.
        try report.add([.float(2.5)], sheet: "plain")
        try report.add([.float(0.1 + 0.2), .float(239.48097110000003)], sheet: "last")
        try report.finish()
        guard OpenpyxlPython.path != nil else { throw XCTSkip("openpyxl is not installed: make deps, or pip install openpyxl") }
        let result = try python(["-c", Self.numbersScript, path])
        XCTAssertEqual(result.status, 0, result.error)
        let cells = try XCTUnwrap(JSONSerialization.jsonObject(with: result.output) as? [[Any]], result.error)
        func values(_ sheet: String) -> [String] {
            cells.filter { $0[0] as? String == sheet }.map { $0[2] as? String ?? "" }
        }
        // Python's repr is the shortest text that reads back: the same as ours.
        XCTAssertEqual(values("floats").map { Double($0) }, floats.map { Optional($0) })
        XCTAssertEqual(values("floats").first, "239.48097110000003")
        XCTAssertEqual(values("floats")[1], "1.7976931348623157e+308")
        XCTAssertEqual(values("floats")[3], "5e-324")
        let wide = cells.filter { $0[0] as? String == "integers" && $0[1] as? String != nil && ($0[1] as! String).hasPrefix("B") }
        // Each the nearest double (the text may read as a Python int).
        XCTAssertEqual(wide.map { Double($0[2] as? String ?? "") }, integers.map { Double($0) })
        XCTAssertEqual(wide[0][2] as? String, "18446744073709551616")
        XCTAssertEqual(wide.map { $0[4] as? String }, [
            "exact value 18446744073709551615", "exact value -18446744073709551616", nil, "exact value 9007199254740993",
            nil, nil, "exact value 170141183460469231731687303715884105727", "exact value -170141183460469231731687303715884105728",
        ])
        XCTAssertEqual(values("plain"), ["2.5"])
        XCTAssertEqual(values("last"), ["0.30000000000000004", "239.48097110000003"])
    }

    func testEmptyWorkbookReadsBack() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let path = dir.path("empty.xlsx")
        let report = try XlsxReport(path: path)
        try report.begin(columns: ["account", "vm"])
        try report.finish()
        let sheets = try read(path)
        XCTAssertEqual(sheets.map { $0["name"] as? String }, ["Sheet1"])
        XCTAssertEqual(sheets[0]["filter"] as? String, "A1:B1")
        XCTAssertEqual(try cell(sheets[0], 0, 1)["value"] as? String, "vm")
    }
}
