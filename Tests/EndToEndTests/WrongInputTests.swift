import Foundation
import XCTest
import _AcctTestSupport

/// Input of the wrong kind, compressed input, and the tools' own usage
/// messages: each case gives one clear line and the documented status.
final class WrongInputTests: XCTestCase {
    private static let recordTools = ["acct-filter", "acct-slice", "acct-fmt"]

    /// An export meant for acct-import, given to a record tool: one hint
    /// naming acct-import, ten messages about bad lines, then the count.
    func testCSVGetsOneHintAndTenMessages() throws {
        let csv = "examples/cloudstack/cloud_usage.csv"
        let lines = try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent(csv)).filter { $0 == 10 }.count
        XCTAssertGreaterThan(lines, 10, "the example must have more bad lines than are shown")
        for tool in Self.recordTools {
            let result = try ToolRunner.run(tool, [csv])
            XCTAssertEqual(result.status, 1, result.describe([tool, csv]))
            XCTAssertEqual(result.stdoutText, "", tool)
            let errors = result.stderr.split(separator: "\n").map(String.init)
            XCTAssertEqual(errors.count, 12, result.stderr)
            XCTAssertTrue(errors[0].hasPrefix("\(tool): \(csv):1:1: unexpected character"), errors[0])
            XCTAssertEqual(errors[1], "\(tool): \(csv): this looks like CSV or TSV: acct-import reads CloudStack, Abiquo and SlapOS exports")
            XCTAssertEqual(errors.filter { $0.hasPrefix("\(tool): \(csv):") && !$0.contains("this looks like") }.count, 10)
            XCTAssertEqual(errors.last, "\(tool): \(lines) bad lines in all; the first 10 are shown")
        }
    }

    func testXMLAndBinaryHints() throws {
        let xml = "examples/opennebula/modern-basic.history_records.xml"
        let result = try ToolRunner.run("acct-filter", [xml])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains(
            "acct-filter: \(xml): this looks like XML: acct-import --from opennebula reads OpenNebula's oneacct -x documents\n"),
            result.stderr)
        let capnp = "examples/ovc/1/2018/10/1/0/account_capnp.bin"
        let binary = try ToolRunner.run("acct-slice", [capnp])
        XCTAssertEqual(binary.status, 1)
        XCTAssertTrue(binary.stderr.contains(
            "acct-slice: \(capnp): this looks like binary data: capnp-cat decodes Cap'n Proto accounting files\n"),
            binary.stderr)
        XCTAssertEqual(binary.stderr.components(separatedBy: "this looks like").count, 2, "one hint only")
    }

    /// Broken JSON is broken JSON: no hint about other tools.
    func testBrokenJSONGetsNoHint() throws {
        let result = try ToolRunner.run("acct-filter", [], stdin: Data("{\"vm\":1,\n{\"vm\":2}\n".utf8))
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "acct-filter: <stdin>:1:9: unexpected end of line\n")
        XCTAssertEqual(result.stdoutText, "{\"vm\":2}\n")
    }

    /// gzip input, on a pipe and in a capnp-cat tree, read as it stands.
    func testGzipInput() throws {
        let work = try TempDir()
        let plain = try ToolRunner.shell("capnp-cat examples/ovc/1 | acct-filter -c")
        let zipped = try ToolRunner.shell("capnp-cat examples/ovc/1 | gzip -c | acct-filter -c")
        XCTAssertEqual(zipped.status, 0, zipped.stderr)
        XCTAssertEqual(zipped.stdoutText, plain.stdoutText)
        XCTAssertNotEqual(plain.stdoutText, "0\n")
        let copied = try ToolRunner.shell(
            "cp -r \(ToolRunner.repositoryRoot.path)/examples/ovc/1 t && find t -name account_capnp.bin -exec gzip {} \\; && capnp-cat t | wc -l && capnp-cat \(ToolRunner.repositoryRoot.path)/examples/ovc/1 | wc -l",
            directory: work.url)
        XCTAssertEqual(copied.status, 0, copied.stderr)
        let counts = copied.lines
        XCTAssertEqual(counts.count, 2)
        XCTAssertEqual(counts[0], counts[1], "a .bin.gz tree decodes as the plain one")
    }

    /// Usage errors in the tools' one-line style, pointing to the tool
    /// that has the option; --version names the tool.
    func testUsageMessages() throws {
        let cases: [(String, [String], String)] = [
            ("acct-fmt", ["--bogus"], "acct-fmt: unknown option '--bogus'\n"),
            ("acct-fmt", ["-u", "alice"], "acct-fmt: unknown option '-u': selecting by user is acct-filter -u\n"),
            ("acct-filter", ["--by", "account"], "acct-filter: unknown option '--by': rolling records up by keys is acct-slice --by\n"),
            ("acct-slice", ["--csv"], "acct-slice: unknown option '--csv': choosing the output format is acct-fmt --csv\n"),
            ("capnp-cat", ["--from", "slapos"], "capnp-cat: unknown option '--from': reading other clouds' exports is acct-import --from\n"),
            ("acct-import", ["--from", "cloudstack", "--raw"], "acct-import: unknown option '--raw': decoding Cap'n Proto files is capnp-cat --raw\n"),
            ("acct-fmt", ["--jsn"], "acct-fmt: unknown option '--jsn'; did you mean '--json'?\n"),
            ("acct-import", [], "acct-import: missing expected argument '--from <format>'\n"),
            ("acct-slice", ["--by"], "acct-slice: missing value for '--by <keys>'\n"),
        ]
        for (tool, arguments, expected) in cases {
            let result = try ToolRunner.run(tool, arguments, stdin: Data())
            XCTAssertEqual(result.status, 64, result.describe([tool] + arguments))
            XCTAssertEqual(result.stderr, expected)
            XCTAssertEqual(result.stdoutText, "")
        }
        for tool in ["capnp-cat", "acct-filter", "acct-slice", "acct-fmt", "acct-import"] {
            let result = try ToolRunner.run(tool, ["--version"])
            XCTAssertEqual(result.status, 0)
            XCTAssertEqual(result.stdoutText, "\(tool) 0.1.0\n")
        }
    }

    /// The table's header is bold on a terminal, unless NO_COLOR is set
    /// (as swift test sets it for the tests, hence the env -u).
    func testNoColor() throws {
        let records = "examples/acct-fmt/records.ndjson"
        let bold = try ToolRunner.shell("env -u NO_COLOR script -qec 'acct-fmt \(records)' /dev/null", directory: ToolRunner.repositoryRoot)
        XCTAssertEqual(bold.status, 0, bold.stderr)
        XCTAssertTrue(bold.stdout.starts(with: Array("\u{1B}[1m".utf8)), Array(bold.stdout.prefix(20)).description)
        let plain = try ToolRunner.shell("NO_COLOR=1 script -qec 'acct-fmt \(records)' /dev/null", directory: ToolRunner.repositoryRoot)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertFalse(plain.stdout.contains(0x1B), plain.stdoutText)
    }
}
