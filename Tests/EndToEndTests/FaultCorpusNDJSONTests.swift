import Foundation
import XCTest
import _AcctTestSupport

/// The NDJSON fault corpus (the record format and its error rules): each bad case fed
/// to acct-filter, acct-slice and acct-fmt between good records, with the
/// exact message and exit status, and every good record still out. The big
/// cases are made here, in a temporary folder, not kept in the repository.
final class FaultCorpusNDJSONTests: XCTestCase {
    private static let tools = ["acct-filter", "acct-slice", "acct-fmt"]

    /// A good record: one hour, so acct-slice gives exactly one row for it.
    private func good(_ vm: Int) -> String {
        #"{"vm":\#(vm),"start":"2018-10-01T00:00:00Z","end":"2018-10-01T01:00:00Z","vcpus":2}"#
    }

    /// The vm of each record a tool wrote: acct-filter and acct-slice write
    /// records, acct-fmt runs with `--csv -o vm`.
    private func vms(_ tool: String, _ result: ToolResult) throws -> [Int] {
        if tool == "acct-fmt" {
            XCTAssertEqual(result.lines.first, "vm")
            return result.lines.dropFirst().map { Int($0) ?? -1 }
        }
        // Read "vm":N by hand (Foundation's JSON reader refuses lone
        // surrogates); the last one, as the tools read duplicate keys.
        return try result.lines.map { line in
            let field = try XCTUnwrap(line.range(of: #""vm":"#, options: .backwards), line)
            return try XCTUnwrap(Int(line[field.upperBound...].prefix { $0.isNumber }), line)
        }
    }

    private func arguments(_ tool: String, _ file: String) -> [String] {
        tool == "acct-fmt" ? ["--csv", "-o", "vm", file] : [file]
    }

    /// Runs each tool on `bytes`; every tool must report exactly `errors`
    /// (`LINE[:COLUMN]: what`, after `TOOL: FILE:`) and write the records of `vms`.
    private func check(
        _ name: String, _ bytes: [UInt8], errors: [String], vms want: [Int],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let work = try TempDir()
        try work.write("\(name).ndjson", bytes: bytes)
        for tool in Self.tools {
            let result = try ToolRunner.run(tool, arguments(tool, "\(name).ndjson"), directory: work.url)
            let context = "\(tool) on \(name): \(result.describe([]).prefix(3000))"
            XCTAssertEqual(result.status, errors.isEmpty ? 0 : 1, context, file: file, line: line)
            XCTAssertEqual(
                result.stderr, errors.map { "\(tool): \(name).ndjson:\($0)\n" }.joined(), context, file: file, line: line)
            XCTAssertEqual(try vms(tool, result), want, context, file: file, line: line)
        }
    }

    func testTruncatedLastLine() throws {
        let cut = String(good(2).prefix(30))  // {"vm":2,"start":"2018-10-01T00
        try check("truncated", Array((good(1) + "\n" + cut).utf8), errors: ["2:17: unterminated string"], vms: [1])
        // Cut inside a key, and after a complete value with the brace missing.
        try check("truncated-key", Array((good(1) + "\n" + #"{"vm":2,"st"#).utf8),
                  errors: ["2:9: unterminated string"], vms: [1])
        try check("truncated-brace", Array((good(1) + "\n" + good(2).dropLast()).utf8),
                  errors: ["2:\(good(2).count): unexpected end of line"], vms: [1])
    }

    func testNULBytes() throws {
        var bytes = Array((good(1) + "\n").utf8)
        bytes += Array(good(2).utf8) + [0] + [10]  // after the value
        bytes += [0] + Array(good(3).utf8) + [10]  // before it
        bytes += Array(#"{"vm":4,"name":"a"#.utf8) + [0] + Array(#"b"}"#.utf8) + [10]  // raw, inside a string
        bytes += Array((#"{"vm":5,"name":"a\u0000b","start":"2018-10-01T00:00:00Z","end":"2018-10-01T01:00:00Z"}"# + "\n").utf8)
        bytes += Array((good(6) + "\n").utf8)
        try check("nul", bytes, errors: [
            "2:\(good(2).count + 1): trailing characters after the value",
            "3:1: unexpected control character 0x00",
            "4:18: unescaped control character in string",
        ], vms: [1, 5, 6])
    }

    /// One line of exactly 64 MiB, the longest a line may be with its line
    /// end (a string value), between good records: read whole, written
    /// whole by acct-filter. A longer one is reported and skipped
    /// (HostileInputTests).
    func testLineOfTheLongestLength() throws {
        let work = try TempDir()
        let head = #"{"vm":2,"start":"2018-10-01T00:00:00Z","end":"2018-10-01T01:00:00Z","note":""#
        let blob = (64 << 20) - head.utf8.count - 3  // with `"}` and the newline
        // Data, not [UInt8]: a debug build appends 100 MB byte by byte slowly.
        var bytes = Data((good(1) + "\n" + head).utf8)
        bytes.append(Data(repeating: UInt8(ascii: "x"), count: blob))
        bytes.append(Data(("\"}\n" + good(3) + "\n").utf8))
        try bytes.write(to: URL(fileURLWithPath: work.path("big.ndjson")))
        let filter = try ToolRunner.run("acct-filter", ["big.ndjson"], directory: work.url)
        XCTAssertEqual(filter.status, 0, filter.stderr)
        XCTAssertEqual(filter.stderr, "")
        XCTAssertEqual(filter.stdout.count, bytes.count)
        XCTAssertTrue(filter.stdout == bytes)
        // The slice's roll-up and the table leave the note out.
        let slice = try ToolRunner.run("acct-slice", ["--by", "vm", "big.ndjson"], directory: work.url)
        XCTAssertEqual(slice.status, 0, slice.stderr)
        XCTAssertEqual(try vms("acct-slice", slice), [1, 2, 3])
        let format = try ToolRunner.run("acct-fmt", ["--csv", "-o", "vm", "big.ndjson"], directory: work.url)
        XCTAssertEqual(format.status, 0, format.stderr)
        XCTAssertEqual(try vms("acct-fmt", format), [1, 2, 3])
    }

    /// Nesting past the limit (512) is an error for its line at the first
    /// level too deep, whatever the depth: never a stack overflow.
    func testDeepNesting() throws {
        var text = good(1) + "\n"
        text += String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        text += good(2) + "\n"
        text += String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000) + "\n"
        text += good(3) + "\n"
        // A million levels, never closed.
        text += String(repeating: #"{"a":["#, count: 500_000) + "\n"
        text += good(4) + "\n"
        // 512 levels are fine.
        text += #"{"vm":5,"start":"2018-10-01T00:00:00Z","end":"2018-10-01T01:00:00Z","x":"#
            + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}\n"
        try check("deep", Array(text.utf8), errors: [
            "2:513: nesting deeper than 512",
            "4:2561: nesting deeper than 512",
            "6:1537: nesting deeper than 512",
        ], vms: [1, 2, 3, 4, 5])
    }

    /// A key given twice: the last one counts (as acct-records(5) says), for
    /// selection, roll-up and columns alike; acct-filter copies the line as is.
    func testDuplicateKeys() throws {
        let line = #"{"vm":1,"start":"2018-10-01T00:00:00Z","end":"2018-10-01T01:00:00Z","vm":7}"#
        try check("duplicate", Array((line + "\n" + good(2) + "\n").utf8), errors: [], vms: [7, 2])
        let work = try TempDir()
        try work.write("d.ndjson", line + "\n")
        XCTAssertEqual(try ToolRunner.run("acct-filter", ["--vm", "7", "d.ndjson"], directory: work.url).stdoutText, line + "\n")
        XCTAssertEqual(try ToolRunner.run("acct-filter", ["--vm", "1", "d.ndjson"], directory: work.url).stdoutText, "")
        let rolled = try ToolRunner.run("acct-slice", ["--every", "total", "--by", "vm", "d.ndjson"], directory: work.url)
        XCTAssertEqual(try vms("acct-slice", rolled), [7])
    }

    func testNumbersOutOfRange() throws {
        func record(_ vm: Int, _ number: String) -> String {
            #"{"vm":\#(vm),"start":"2018-10-01T00:00:00Z","end":"2018-10-01T01:00:00Z","n":\#(number)}"#
        }
        let column = record(0, "").count  // where the number starts
        let lines = [
            record(1, "9223372036854775807"),  // Int64.max: fine
            record(2, "9223372036854775808"),  // beyond Int64, within 128 bits: fine
            record(3, "-9223372036854775808"),  // Int64.min: fine
            record(4, "-9223372036854775809"),
            record(5, "123456789012345678901234567890"),
            record(6, "1e308"),
            record(7, "1e309"),
            record(8, "-1.8e308"),
            record(9, "1e-400"),  // underflows to zero: fine
            record(10, "2.5"),
            record(11, "170141183460469231731687303715884105728"),  // Int128.max + 1
            record(12, "-1000000000000000000000000000000000000000"),
        ]
        try check("numbers", Array(lines.map { $0 + "\n" }.joined().utf8), errors: [
            "7:\(column): number out of range",
            "8:\(column): number out of range",
            "11:\(column + 1): integer out of 128-bit range",
            "12:\(column + 1): integer out of 128-bit range",
        ], vms: [1, 2, 3, 4, 5, 6, 9, 10])
    }

    /// A `\u` escape of a lone surrogate is read as U+FFFD; acct-filter
    /// copies the line untouched.
    func testLoneSurrogates() throws {
        let lines = [#"\ud800"#, #"\udc00x"#, #"a\ud800\u0041"#, #"\ud83d\ude00"#].enumerated().map { i, escaped in
            #"{"vm":\#(i + 1),"start":"2018-10-01T00:00:00Z","end":"2018-10-01T01:00:00Z","name":"\#(escaped)"}"#
        }
        let text = lines.map { $0 + "\n" }.joined()
        try check("surrogates", Array(text.utf8), errors: [], vms: [1, 2, 3, 4])
        let work = try TempDir()
        try work.write("s.ndjson", text)
        XCTAssertEqual(try ToolRunner.run("acct-filter", ["s.ndjson"], directory: work.url).stdoutText, text)
        let names = try ToolRunner.run("acct-fmt", ["--csv", "-o", "name", "s.ndjson"], directory: work.url)
        XCTAssertEqual(names.lines, ["name", "\u{FFFD}", "\u{FFFD}x", "a\u{FFFD}A", "\u{1F600}"])
    }

    func testInvalidUTF8() throws {
        var bytes = Array((good(1) + "\n").utf8)
        bytes += Array(#"{"vm":2,"name":"a"#.utf8) + [0xFF] + Array(#""}"#.utf8) + [10]  // not a UTF-8 byte
        bytes += Array(#"{"vm":3,"name":"a"#.utf8) + [0xC3] + Array(#""}"#.utf8) + [10]  // a sequence cut short
        bytes += Array(#"{"vm":4,"name":"a"#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8) + [10]  // overlong
        bytes += Array(#"{"vm":5,"name":"a"#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8) + [10]  // a surrogate in UTF-8
        bytes += Array(#"{"vm":6,"n"#.utf8) + [0xFE] + Array(#"":1}"#.utf8) + [10]  // in a key
        bytes += Array((good(7) + "\n").utf8)
        try check("utf8", bytes, errors: [
            "2:18: invalid UTF-8",
            "3:18: invalid UTF-8",
            "4:18: invalid UTF-8",
            "5:18: invalid UTF-8",
            "6:11: invalid UTF-8",
        ], vms: [1, 7])
    }

    /// CRLF line ends, a BOM at the start and a missing final newline are
    /// accepted; a BOM anywhere else is an error for its line.
    func testAcceptedLineForms() throws {
        let text = "\u{FEFF}" + good(1) + "\r\n" + good(2) + "\r\n\r\n" + good(3)
        try check("forms", Array(text.utf8), errors: [], vms: [1, 2, 3])
        let later = good(1) + "\n\u{FEFF}" + good(2) + "\n" + good(3) + "\n"
        // The BOM is quoted in the message escaped, as every invisible character.
        try check("bom", Array(later.utf8), errors: [#"2:1: unexpected character '\u{feff}'"#], vms: [1, 3])
    }

    /// Standard input takes the same rules: BOM and CRLF accepted, the
    /// truncated last line reported as `<stdin>`.
    func testStandardInput() throws {
        let input = Data(("\u{FEFF}" + good(1) + "\r\n" + good(2).prefix(7)).utf8)
        for tool in Self.tools {
            let result = try ToolRunner.run(tool, tool == "acct-fmt" ? ["--csv", "-o", "vm"] : [], stdin: input)
            XCTAssertEqual(result.status, 1, tool)
            XCTAssertEqual(result.stderr, "\(tool): <stdin>:2:8: unexpected end of line\n", tool)
            XCTAssertEqual(try vms(tool, result), [1], tool)
        }
    }

    /// --strict stops at the first bad line, after writing the good ones before it.
    func testStrictStopsAtEachFault() throws {
        let faults: [(String, [UInt8])] = [
            ("truncated", Array(good(2).prefix(20).utf8)),
            ("nul", [0]),
            ("deep", Array(String(repeating: "[", count: 600).utf8)),
            ("number", Array(#"{"n":1e999}"#.utf8)),
            ("utf8", Array(#"{"n":""#.utf8) + [0xFF] + Array(#""}"#.utf8)),
        ]
        let work = try TempDir()
        for (name, fault) in faults {
            try work.write("\(name).ndjson", bytes: Array((good(1) + "\n").utf8) + fault + [10] + Array((good(3) + "\n").utf8))
            for tool in Self.tools {
                let result = try ToolRunner.run(tool, ["--strict"] + arguments(tool, "\(name).ndjson"), directory: work.url)
                XCTAssertEqual(result.status, 1, "\(tool) \(name)")
                XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "\(tool) \(name): \(result.stderr)")
                XCTAssertTrue(result.stderr.hasPrefix("\(tool): \(name).ndjson:2:"), "\(tool) \(name): \(result.stderr)")
                XCTAssertEqual(try vms(tool, result), [1], "\(tool) \(name)")
            }
        }
    }
}
