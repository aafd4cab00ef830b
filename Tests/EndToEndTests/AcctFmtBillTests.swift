import Foundation
import XCTest
import _AcctTestSupport

/// Priced bills as a user writes them: computed columns, --sort, --limit,
/// --total and --precision, in every format, the figures worked out here
/// on their own. The prices are binary fractions (1/8 a vCPU-hour, 1/16 a
/// GiB-hour), so every cost is an exact double, a whole number of 1/256,
/// and its rounding half away from zero is integer arithmetic here.
final class AcctFmtBillTests: XCTestCase {
    /// One account's month: its vCPU-hours and MiB-hours (a multiple of
    /// 64, so the memory costs a whole number of 1/256).
    private struct Line {
        let account: Int
        let hours: Int
        let mebibyteHours: Int
        /// The cost in 1/256: 32 per vCPU-hour, 1 per 64 MiB-hours.
        var cost256: Int { hours * 32 + mebibyteHours / 64 }
    }

    /// Ties included: accounts 12, 3 and 40 cost the same, as do 9 and 21.
    /// A cost on a half cent rounds away from zero: 60's 2.125 is 2.13, and
    /// 9's 0.125 is 0.13.
    private let lines: [Line] = [
        Line(account: 12, hours: 17, mebibyteHours: 64 * 4),
        Line(account: 7, hours: 338, mebibyteHours: 64 * 8_481),
        Line(account: 3, hours: 17, mebibyteHours: 64 * 4),
        Line(account: 9, hours: 1, mebibyteHours: 0),
        Line(account: 100, hours: 0, mebibyteHours: 0),
        Line(account: 40, hours: 16, mebibyteHours: 64 * 36),
        Line(account: 21, hours: 0, mebibyteHours: 64 * 32),
        Line(account: 2, hours: 76, mebibyteHours: 64 * 2_120),
        Line(account: 5, hours: 5, mebibyteHours: 64 * 32),
        Line(account: 60, hours: 17, mebibyteHours: 0),
    ]

    private let columns = "account,vcpus_hours,cost=vcpus_hours * 0.125 + mem_mb_hours div 1024 * 0.0625"

    private var input: Data {
        Data(lines.map { line in
            #"{"start":"2024-03-01T00:00:00Z","end":"2024-04-01T00:00:00Z","account":\#(line.account),"records":1,"# +
                #""vcpus_hours":\#(line.hours).0,"mem_mb_hours":\#(line.mebibyteHours).0}"# + "\n"
        }.joined().utf8)
    }

    /// `units` (of 1/256) with two decimals, rounded half away from zero.
    private func cents(_ units: Int) -> String {
        let cents = (units * 100 + 128) / 256
        return "\(cents / 100)." + String(cents % 100 + 100).dropFirst()
    }

    /// The rows of the bill, dearest first, ties in input order, the first
    /// `limit`; then the total row of those.
    private func expectedRows(limit: Int) -> [[String]] {
        let order = lines.indices.sorted { a, b in
            lines[a].cost256 != lines[b].cost256 ? lines[a].cost256 > lines[b].cost256 : a < b
        }
        let kept = order.prefix(limit).map { lines[$0] }
        var rows = kept.map { ["\($0.account)", "\($0.hours).00", cents($0.cost256)] }
        rows.append(["total", "\(kept.map(\.hours).reduce(0, +)).00", cents(kept.map(\.cost256).reduce(0, +))])
        return rows
    }

    private func fmt(_ arguments: [String], stdin: Data? = nil) throws -> ToolResult {
        try ToolRunner.run("acct-fmt", arguments, stdin: stdin ?? input)
    }

    func testTopNBillInCSVAndTSV() throws {
        for limit in [3, 4, 6, 20] {
            let expected = [["account", "vcpus_hours", "cost"]] + expectedRows(limit: limit)
            let arguments = ["-o", columns, "--sort=-cost", "--limit", "\(limit)", "--total", "--precision", "2"]
            let csv = try fmt(arguments + ["--csv"])
            XCTAssertEqual(csv.status, 0, csv.describe(arguments))
            XCTAssertEqual(csv.stdoutText, expected.map { $0.joined(separator: ",") + "\n" }.joined(), "limit \(limit)")
            let tsv = try fmt(arguments + ["--tsv"])
            XCTAssertEqual(tsv.stdoutText, expected.map { $0.joined(separator: "\t") + "\n" }.joined(), "limit \(limit)")
            let table = try fmt(arguments)
            XCTAssertEqual(table.status, 0, table.describe(arguments))
            XCTAssertEqual(table.lines.map { $0.split(separator: " ").map(String.init) }, expected, "limit \(limit)")
        }
    }

    /// JSON keeps every digit: the exact costs, and a last record of their
    /// sums with "total": true.
    func testBillInJSON() throws {
        let result = try fmt(["-o", columns, "--sort=-cost", "--limit", "4", "--total", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let records = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])
        let order = lines.indices.sorted { lines[$0].cost256 != lines[$1].cost256 ? lines[$0].cost256 > lines[$1].cost256 : $0 < $1 }
        let kept = order.prefix(4).map { lines[$0] }
        XCTAssertEqual(records.count, 5)
        for (record, line) in zip(records, kept) {
            XCTAssertEqual(record["account"] as? Int, line.account)
            XCTAssertEqual((record["cost"] as? NSNumber)?.doubleValue, Double(line.cost256) / 256)
            XCTAssertNil(record["total"])
        }
        let total = try XCTUnwrap(records.last)
        XCTAssertEqual(total["total"] as? Bool, true)
        XCTAssertNil(total["account"], "identity keys are not summed")
        XCTAssertEqual((total["cost"] as? NSNumber)?.doubleValue, Double(kept.map(\.cost256).reduce(0, +)) / 256)
        XCTAssertEqual((total["vcpus_hours"] as? NSNumber)?.doubleValue, Double(kept.map(\.hours).reduce(0, +)))
        XCTAssertEqual(result.lines.last, "]")
        XCTAssertTrue(result.lines[result.lines.count - 2].hasSuffix(#","total":true}"#), result.stdoutText)
    }

    func testBillInXML() throws {
        let result = try fmt(["-o", columns, "--sort=-cost", "--limit", "3", "--total", "--precision", "2", "--xml"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let expected = expectedRows(limit: 3)
        var records = expected.dropLast().map { row in
            "  <record>\n    <account>\(row[0])</account>\n    <vcpus_hours>\(row[1])</vcpus_hours>\n    <cost>\(row[2])</cost>\n  </record>\n"
        }
        let total = expected.last!
        records.append("  <record>\n    <vcpus_hours>\(total[1])</vcpus_hours>\n    <cost>\(total[2])</cost>\n    <total>true</total>\n  </record>\n")
        XCTAssertEqual(result.stdoutText, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n" + records.joined() + "</records>\n")
    }

    /// The workbook: a sheet per account in numeric order, each with its
    /// row and a bold total row, costs in a 0.00 format holding their exact
    /// values; the records without an account on a last sheet named
    /// `account`.
    func testBillInWorkbook() throws {
        guard let python = OpenpyxlPython.path else { throw XCTSkip("openpyxl is not installed (make deps): the workbook was not read back") }
        let work = try TempDir()
        var data = input
        data.append(Data(#"{"vcpus_hours":2.0,"mem_mb_hours":64.0}"# .utf8 + [UInt8(ascii: "\n")]))
        let result = try fmt(["-o", columns, "--total", "--precision", "2", "--xlsx", work.path("bill.xlsx")], stdin: data)
        XCTAssertEqual(result.status, 0, result.stderr)
        let read = try ToolRunner.runExecutable(python, ["-c", """
            import json, openpyxl
            wb = openpyxl.load_workbook(\(String(reflecting: work.path("bill.xlsx"))))
            print(json.dumps([[ws.title, [[[c.value, c.number_format, bool(c.font.b)] for c in row] for row in ws.iter_rows()]] for ws in wb.worksheets]))
            """], stdin: nil, directory: nil, environment: nil)
        XCTAssertEqual(read.status, 0, read.stderr)
        let sheets = try XCTUnwrap(JSONSerialization.jsonObject(with: read.stdout) as? [[Any]])
        let accounts = lines.map(\.account).sorted()
        XCTAssertEqual(sheets.map { $0[0] as? String }, accounts.map { "\($0)" } + ["account"])
        for (sheet, account) in zip(sheets, accounts) {
            let line = try XCTUnwrap(lines.first { $0.account == account })
            let rows = try XCTUnwrap(sheet[1] as? [[[Any]]])
            XCTAssertEqual(rows.count, 3, "header, the account's row, the total")
            XCTAssertEqual(rows[1][0][0] as? Int, account)
            XCTAssertEqual((rows[1][2][0] as? NSNumber)?.doubleValue, Double(line.cost256) / 256)
            XCTAssertEqual(rows[1][2][1] as? String, "0.00")
            XCTAssertEqual(rows[1][2][2] as? Bool, false)
            XCTAssertEqual(rows[2][0][0] as? String, "total")
            XCTAssertEqual((rows[2][2][0] as? NSNumber)?.doubleValue, Double(line.cost256) / 256)
            XCTAssertEqual(rows[2][2][1] as? String, "0.00")
            XCTAssertTrue(rows[2].allSatisfy { $0[2] as? Bool == true }, "the total row is bold")
        }
        let lacking = try XCTUnwrap(sheets.last?[1] as? [[[Any]]])
        XCTAssertEqual((lacking[1][2][0] as? NSNumber)?.doubleValue, 2 * 0.125 + 64.0 / 16384)
    }

    /// --limit without --sort keeps the first rows; with --split each
    /// section is sorted, limited and totalled on its own.
    func testLimitAndSections() throws {
        let first = try fmt(["-o", "account", "--limit", "2", "--csv"])
        XCTAssertEqual(first.stdoutText, "account\n12\n7\n")
        var data = Data()
        for (i, line) in lines.enumerated() {
            data.append(Data(#"{"team":"\#(i % 2 == 0 ? "even" : "odd")","account":\#(line.account),"records":\#(i + 1)}"# .utf8 + [10]))
        }
        let split = try fmt(["-o", "account,records", "--split", "team", "--sort", "-records", "--limit", "2", "--total", "--csv"], stdin: data)
        XCTAssertEqual(split.status, 0, split.stderr)
        XCTAssertEqual(split.stdoutText, """
            # team even
            account,records
            5,9
            21,7
            total,16

            # team odd
            account,records
            60,10
            2,8
            total,18

            """)
    }

    /// A rate card from a file, comments and blank lines in it, mixed with
    /// keys on the command line.
    func testColumnFile() throws {
        let work = try TempDir()
        let card = try work.write("rates", """
            # October prices
            vcpus_hours

            cpu = vcpus_hours * 0.125   # per vCPU-hour
            mem = mem_mb_hours div 1024 * 0.0625
            """)
        let result = try fmt(["-o", "account,@\(card)", "--sort", "account", "--limit", "2", "--total", "--precision", "3", "--csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let two = lines.sorted { $0.account < $1.account }.prefix(2)
        // No figure here lies on a half: printf's rounding is --precision's.
        func shown(_ x: Double) -> String { String(format: "%.3f", x) }
        var expected = "account,vcpus_hours,cpu,mem\n"
        for line in two {
            expected += "\(line.account),\(line.hours).000,\(shown(Double(line.hours) / 8)),\(shown(Double(line.mebibyteHours) / 16384))\n"
        }
        expected += "total,\(two.map(\.hours).reduce(0, +)).000,\(shown(Double(two.map(\.hours).reduce(0, +)) / 8)),"
        expected += "\(shown(Double(two.map(\.mebibyteHours).reduce(0, +)) / 16384))\n"
        XCTAssertEqual(result.stdoutText, expected)
    }

    /// A NaN or infinite cost is reported at its record, the cell left
    /// empty, exit 1; the rest of the bill is written.
    func testNaNCostIsReported() throws {
        let data = Data(#"""
            {"account":1,"vcpus_hours":8.0}
            {"account":2}
            {"account":3,"vcpus_hours":8.0,"hours":0}

            """#.utf8)
        let result = try fmt(["-o", "account,cost=vcpus_hours * 0.125,rate=vcpus_hours div hours", "--total", "--csv"], stdin: data)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdoutText, "account,cost,rate\n1,1.0,\n2,,\n3,1.0,\ntotal,2.0,\n")
        XCTAssertEqual(result.stderr, """
            acct-fmt: <stdin>:1: column 'rate' is NaN (a key it reads is missing or not a number, or 0 div 0): its cell is empty
            acct-fmt: <stdin>:2: column 'cost' is NaN (a key it reads is missing or not a number, or 0 div 0): its cell is empty
            acct-fmt: <stdin>:2: column 'rate' is NaN (a key it reads is missing or not a number, or 0 div 0): its cell is empty
            acct-fmt: <stdin>:3: column 'rate' is infinite (a division by zero, or past the largest double): its cell is empty

            """)
        let strict = try fmt(["-o", "account,cost=vcpus_hours * 0.125", "--strict", "--csv"], stdin: data)
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(strict.stdoutText, "account,cost\n1,1.0\n2,\n")
    }

    func testUsageErrors() throws {
        let cases: [([String], String)] = [
            (["-o", "account,cost=vcpus_hours *"], "acct-fmt: -o: cost: 1:14: unexpected end of expression\n"),
            (["-o", "account, =1"], "acct-fmt: -o: '=1': a computed column needs a name (NAME=EXPR)\n"),
            (["-o", "account,account=1"], "acct-fmt: -o: 'account' names two columns\n"),
            (["--sort", "cost,"], "acct-fmt: --sort: '' names no key (write KEY or -KEY, separated by commas)\n"),
        ]
        for (arguments, message) in cases {
            let result = try fmt(arguments + ["--csv"])
            XCTAssertEqual(result.status, 64, result.describe(arguments))
            XCTAssertEqual(result.stdout.count, 0)
            XCTAssertEqual(result.stderr, message, arguments.joined(separator: " "))
        }
        for arguments in [["--limit", "-1"], ["--precision", "31"], ["--precision", "-1"], ["--precision", "2", "--json"],
                          ["--oneacct", "--total"], ["--oneacct", "--sort", "vm"]] {
            let result = try fmt(arguments)
            XCTAssertEqual(result.status, 64, result.describe(arguments))
            XCTAssertEqual(result.stdout.count, 0)
        }
    }

    /// A sort key that no record has is the unknown-key error: named with
    /// the closest key, exit 1, the rows written in input order.
    func testSortKeyNamedNowhere() throws {
        let result = try fmt(["-o", "account", "--sort", "-acount", "--limit", "2", "--csv"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdoutText, "account\n12\n7\n")
        XCTAssertEqual(result.stderr, "acct-fmt: --sort: 'acount' names no key in the input; did you mean 'account'?\n")
    }

    /// acct-filter's -x computes too: the accounts whose cost passes 40,
    /// by the same prices.
    func testFilterOnComputedCost() throws {
        let result = try ToolRunner.run("acct-filter", ["-x", "vcpus_hours * 0.125 + mem_mb_hours div 1024 * 0.0625 > 40"], stdin: input)
        XCTAssertEqual(result.status, 0, result.stderr)
        let accounts = result.lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["account"] as? Int
        }
        XCTAssertEqual(accounts, lines.filter { $0.cost256 > 40 * 256 }.map(\.account))
        XCTAssertFalse(accounts.isEmpty)
    }
}
