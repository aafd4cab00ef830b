import Foundation
import XCTest
import _AcctTestSupport

/// Integers past the signed 64-bit range, such as a UInt64 from capnp-cat
/// --schema, through every tool: records like any other, never dropped,
/// never rounded without a word.
final class WideIntegerTests: XCTestCase {
    private let records = "examples/records/wide-integers.ndjson"

    private func file(_ path: String) throws -> String {
        try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    }

    private func line(_ n: Int) throws -> String {
        String(try file(records).split(separator: "\n")[n - 1]) + "\n"
    }

    // MARK: acct-filter

    func testFilterPassesThemByteForByte() throws {
        let all = try ToolRunner.run("acct-filter", [records])
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertEqual(all.stdoutText, try file(records))
        let cases: [([String], [Int])] = [
            (["--vm", "18446744073709551615"], [1]),
            (["--vm", "18446744073709551614"], [2]),
            (["--vm", "18446744073709551616"], []),
            (["--vm=-9223372036854775809"], [3]),
            (["--vm", "18446744073709551615,-9223372036854775809"], [1, 3]),
            (["-a", "7"], [1, 2]),
            (["-x", "net_tx_bytes = 18446744073709551615"], [1, 2]),
            (["-x", "net_rx_bytes < -18446744073709551615"], [1, 2]),
            (["-x", "net_tx_bytes > 9223372036854775807 and net_tx_bytes < 9223372036854775809"], [3]),
            (["-x", "iops_read_max > 18446744073709551614"], [2, 3]),
            (["-x", "iops_read_max = 18446744073709551616"], [3]),
            (["-x", "vm = 18446744073709551615.0"], []),
            (["-v", "-x", "vm > 0"], [3]),
        ]
        for (arguments, expected) in cases {
            let result = try ToolRunner.run("acct-filter", arguments + [records])
            XCTAssertEqual(result.status, 0, result.describe(arguments))
            XCTAssertEqual(result.stdoutText, try expected.map(line).joined(), arguments.joined(separator: " "))
        }
        XCTAssertEqual(try ToolRunner.run("acct-filter", ["-c", "-x", "vm != 18446744073709551614", records]).stdoutText, "2\n")
        let literal = try ToolRunner.run("acct-filter", ["-x", "vm = 170141183460469231731687303715884105728", records])
        XCTAssertEqual(literal.status, 64)
        XCTAssertEqual(literal.stderr, "acct-filter: -x: 1:6: integer out of 128-bit range\n")
        XCTAssertEqual(literal.stdout.count, 0)
    }

    /// Beyond 128 bits an integer is bad input for its line in every tool,
    /// not a rounded float; the other lines go on.
    func testBeyond128BitsIsReported() throws {
        let work = try TempDir()
        let lines = [
            #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","vm":1,"net_tx_bytes":170141183460469231731687303715884105727}"#,
            #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","vm":2,"net_tx_bytes":170141183460469231731687303715884105728}"#,
            #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","vm":3,"net_tx_bytes":-170141183460469231731687303715884105729}"#,
        ]
        try work.write("big.ndjson", lines.map { $0 + "\n" }.joined())
        let column = #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","vm":2,"net_tx_bytes":"#.utf8.count + 1
        for tool in ["acct-filter", "acct-slice", "acct-fmt"] {
            let result = try ToolRunner.run(tool, tool == "acct-fmt" ? ["--csv", "-o", "vm,net_tx_bytes", "big.ndjson"] : ["big.ndjson"], directory: work.url)
            XCTAssertEqual(result.status, 1, tool)
            XCTAssertEqual(result.stderr, """
                \(tool): big.ndjson:2:\(column): integer out of 128-bit range
                \(tool): big.ndjson:3:\(column): integer out of 128-bit range

                """, tool)
        }
        XCTAssertEqual(try ToolRunner.run("acct-filter", ["big.ndjson"], directory: work.url).stdoutText, lines[0] + "\n")
        XCTAssertEqual(try ToolRunner.run("acct-fmt", ["--csv", "-o", "vm,net_tx_bytes", "big.ndjson"], directory: work.url).stdoutText,
                       "vm,net_tx_bytes\n1,170141183460469231731687303715884105727\n")
    }

    // MARK: acct-fmt

    func testFmtWritesEveryDigit() throws {
        let cases: [([String], String)] = [
            (["--fit"], "wide-integers.table"),
            (["--csv"], "wide-integers.csv"),
            (["--tsv"], "wide-integers.tsv"),
            (["--json"], "wide-integers.json"),
            (["--xml"], "wide-integers.xml"),
        ]
        for (arguments, name) in cases {
            let result = try ToolRunner.run("acct-fmt", arguments + [records])
            XCTAssertEqual(result.status, 0, result.describe(arguments))
            XCTAssertEqual(result.stdoutText, try file("examples/acct-fmt/\(name)"), arguments.joined(separator: " "))
        }
        // Units scale a size; the raw units keep its digits.
        let units = try ToolRunner.run("acct-fmt", ["-o", "net_tx_bytes", records])
        XCTAssertEqual(units.lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }, ["16E", "16E", "8E"])
        let raw = try ToolRunner.run("acct-fmt", ["--raw-units", "-o", "net_tx_bytes", records])
        XCTAssertEqual(raw.lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) },
                       ["18446744073709551615", "18446744073709551615", "9223372036854775808"])
    }

    func testWorkbookKeepsTheDigitsInANote() throws {
        let work = try TempDir()
        let result = try ToolRunner.run("acct-fmt", ["--xlsx", work.path("wide.xlsx"), "-o", "vm,net_tx_bytes,net_rx_bytes", records])
        XCTAssertEqual(result.status, 0, result.stderr)
        guard let python = OpenpyxlPython.path else { throw XCTSkip("openpyxl is not installed (make deps, or pip install openpyxl): the workbook was not read back") }
        let read = try ToolRunner.runExecutable(python, ["-c", """
            import json, openpyxl
            wb = openpyxl.load_workbook(\(String(reflecting: work.path("wide.xlsx"))))
            print(json.dumps([[ws.title] + [[repr(c.value), c.comment.text if c.comment else None] for row in ws.iter_rows(min_row=2) for c in row] for ws in wb.worksheets]))
            """], stdin: nil, directory: nil, environment: nil)
        XCTAssertEqual(read.status, 0, read.stderr)
        let sheets = try XCTUnwrap(JSONSerialization.jsonObject(with: read.stdout) as? [[Any]])
        XCTAssertEqual(sheets.map { $0[0] as? String }, ["7", "8"])
        let cells = sheets[0].dropFirst().map { $0 as! [Any] }
        // The nearest double, 2^64, written in full, so Python reads an int.
        XCTAssertEqual(cells.map { $0[0] as? String }, [
            "18446744073709551616", "18446744073709551616", "-18446744073709551616",
            "18446744073709551616", "18446744073709551616", "-18446744073709551616",
        ])
        XCTAssertEqual(cells.map { $0[1] as? String }, [
            "exact value 18446744073709551615", "exact value 18446744073709551615", "exact value -18446744073709551616",
            "exact value 18446744073709551614", "exact value 18446744073709551615", "exact value -18446744073709551616",
        ])
        let other = sheets[1].dropFirst().map { $0 as! [Any] }
        XCTAssertEqual(other.map { $0[1] as? String }, [
            "exact value -9223372036854775809", "exact value 9223372036854775808", "exact value -9223372036854775809",
        ])
    }

    // MARK: acct-slice

    func testSliceSharesThemExactly() throws {
        let result = try ToolRunner.run("acct-slice", ["--every", "hour", records])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        let u = "18446744073709551615"
        XCTAssertEqual(result.lines, [
            #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":7,"vm":\#(u),"vcpus":4,"net_tx_bytes":9223372036854775807,"net_rx_bytes":-9223372036854775808,"iops_read_max":18446744073709551614,"seconds":3600}"#,
            #"{"start":"2024-03-01T01:00:00Z","end":"2024-03-01T02:00:00Z","account":7,"vm":\#(u),"vcpus":4,"net_tx_bytes":9223372036854775808,"net_rx_bytes":-9223372036854775808,"iops_read_max":18446744073709551614,"seconds":3600}"#,
            #"{"start":"2024-03-01T01:00:00Z","end":"2024-03-01T02:00:00Z","account":7,"vm":18446744073709551614,"vcpus":2,"net_tx_bytes":9223372036854775807,"net_rx_bytes":-9223372036854775808,"iops_read_max":\#(u),"seconds":3600}"#,
            #"{"start":"2024-03-01T02:00:00Z","end":"2024-03-01T03:00:00Z","account":7,"vm":18446744073709551614,"vcpus":2,"net_tx_bytes":9223372036854775808,"net_rx_bytes":-9223372036854775808,"iops_read_max":\#(u),"seconds":3600}"#,
            #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":8,"vm":-9223372036854775809,"vcpus":1,"net_tx_bytes":9223372036854775808,"net_rx_bytes":-9223372036854775809,"iops_read_max":1.8446744073709552e19,"seconds":3600}"#,
        ])
    }

    func testRollUpSumsThemExactly() throws {
        let byAccount = [
            #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T03:00:00Z","account":7,"records":2,"seconds":14400,"iops_read_max":18446744073709551615,"net_rx_bytes":-36893488147419103232,"net_tx_bytes":36893488147419103230,"vcpus_hours":12.0}"#,
            #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":8,"records":1,"seconds":3600,"iops_read_max":1.8446744073709552e19,"net_rx_bytes":-9223372036854775809,"net_tx_bytes":9223372036854775808,"vcpus_hours":1.0}"#,
        ]
        let direct = try ToolRunner.run("acct-slice", ["--every", "total", "--by", "account", records])
        XCTAssertEqual(direct.status, 0, direct.stderr)
        XCTAssertEqual(direct.stderr, "")
        XCTAssertEqual(direct.lines, byAccount)
        // Cut by the hour first, or rolled up twice: the same totals.
        let cut = try ToolRunner.shell("acct-slice --every hour \(records) | acct-slice --every total --by account")
        XCTAssertEqual(cut.status, 0, cut.stderr)
        XCTAssertEqual(cut.lines.map { $0.replacingOccurrences(of: #""records":4,"#, with: #""records":2,"#) }, byAccount)
        let twice = try ToolRunner.shell("acct-slice --every hour --by account \(records) | acct-slice --every total --by account")
        XCTAssertEqual(twice.lines.map { $0.replacingOccurrences(of: #""records":4,"#, with: #""records":2,"#) }, byAccount)
        // Groups of wide values sort by value.
        let byVM = try ToolRunner.run("acct-slice", ["--every", "total", "--by", "vm", records])
        XCTAssertEqual(byVM.status, 0, byVM.stderr)
        XCTAssertEqual(byVM.lines.map { String($0.split(separator: ",")[2]) },
                       [#""vm":-9223372036854775809"#, #""vm":18446744073709551614"#, #""vm":18446744073709551615"#])
    }

    /// Where a total cannot be exact, acct-slice says so once, at the first
    /// record that makes it so.
    func testInexactTotalsAreNamed() throws {
        let work = try TempDir()
        let head = #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":7,"#
        try work.write("mixed.ndjson", [
            head + #""cpu_minutes":18446744073709551615,"vcpus":2}"#,
            head + #""cpu_minutes":0.5,"vcpus":18446744073709551615}"#,
            head + #""cpu_minutes":0.25,"vcpus":9007199254740993}"#,
        ].map { $0 + "\n" }.joined())
        let mixed = try ToolRunner.run("acct-slice", ["--every", "total", "--by", "account", "mixed.ndjson"], directory: work.url)
        XCTAssertEqual(mixed.status, 0)
        XCTAssertEqual(mixed.stderr, """
            acct-slice: mixed.ndjson:2: 'cpu_minutes': integers beyond 2^53 were added to floats; the total is the nearest double
            acct-slice: mixed.ndjson:2: 'vcpus': a gauge beyond 2^53; 'vcpus_hours' is the nearest double

            """)
        XCTAssertEqual(mixed.lines, [
            #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":7,"records":3,"seconds":10800,"cpu_minutes":18446744073709551616.0,"vcpus_hours":18455751272964292608.0}"#,
        ])
        try work.write("overflow.ndjson", [
            head + #""cpu_minutes":170141183460469231731687303715884105727}"#,
            head + #""cpu_minutes":1}"#,
            head + #""cpu_minutes":-170141183460469231731687303715884105727}"#,
        ].map { $0 + "\n" }.joined())
        let overflow = try ToolRunner.run("acct-slice", ["--every", "total", "--by", "account", "overflow.ndjson"], directory: work.url)
        XCTAssertEqual(overflow.status, 1)
        XCTAssertEqual(overflow.stderr,
                       "acct-slice: overflow.ndjson:2: 'cpu_minutes': the total passes the 128-bit integer range; it is written as the nearest double\n")
        XCTAssertEqual(overflow.lines, [
            #"{"start":"2024-03-01T00:00:00Z","end":"2024-03-01T01:00:00Z","account":7,"records":3,"seconds":10800,"cpu_minutes":1.0}"#,
        ])
        let strict = try ToolRunner.run("acct-slice", ["--strict", "--every", "total", "--by", "account", "overflow.ndjson"], directory: work.url)
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(strict.lines.count, 1)
        XCTAssertTrue(strict.lines[0].contains(#""records":2,"#), strict.stdoutText)
    }

    // MARK: capnp-cat

    /// A UInt64 field through the whole pipeline: capnp-cat --schema prints
    /// it exact, acct-filter matches it, acct-fmt writes it.
    func testUInt64FromASchema() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/capnp") else { throw XCTSkip("capnp is not installed (make deps)") }
        let work = try TempDir()
        try work.write("meter.capnp", """
            @0xd3b0c3a6f1e2a4b5;
            struct Meter {
              id @0 :UInt64;
              delta @1 :Int64;
              bytes @2 :UInt64;
            }

            """)
        try work.write("meter.txt", "(id = 18446744073709551615, delta = -9223372036854775808, bytes = 18446744073709551614)\n")
        let encode = try ToolRunner.shell("capnp encode meter.capnp Meter < meter.txt > meter.bin", directory: work.url)
        XCTAssertEqual(encode.status, 0, encode.stderr)
        let pipeline = try ToolRunner.shell(
            "capnp-cat --schema meter.capnp --root Meter meter.bin | acct-filter -x 'id = 18446744073709551615 and bytes < id' | acct-fmt --csv",
            directory: work.url)
        XCTAssertEqual(pipeline.status, 0, pipeline.stderr)
        XCTAssertEqual(pipeline.stdoutText, "id,delta,bytes\n18446744073709551615,-9223372036854775808,18446744073709551614\n")
    }
}
