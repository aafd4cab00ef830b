import Foundation
import XCTest
import _AcctTestSupport

/// examples/spark/rollup.py in Spark's local mode, the code that runs on a
/// cluster, against one `capnp-cat | acct-filter -x | acct-slice` process.
///
/// pyspark comes from PyPI into .build/spark-venv (`make spark-venv`, which
/// `make test` runs); Spark runs on Java 17 from PATH.
final class SparkRollupTests: XCTestCase {
    private static let root = ToolRunner.repositoryRoot
    private static let python = root.appendingPathComponent(".build/spark-venv/bin/python").path
    private static let script = root.appendingPathComponent("examples/spark/rollup.py").path

    private func environment(scratch: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = nil
        environment["PATH"] = ToolRunner.binaryFolder.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        // Spark's shuffle and block files stay in the test's folder.
        environment["SPARK_LOCAL_DIRS"] = scratch
        return environment
    }

    private func rollup(_ arguments: [String], in dir: TempDir) throws -> ToolResult {
        try ToolRunner.runExecutable(
            Self.python, [Self.script] + arguments, stdin: nil, directory: dir.url,
            environment: environment(scratch: dir.path("spark")))
    }

    /// A generated tree and a file of records with a bad line in the second
    /// of its two pieces, in two map tasks each, rolled up by Brussels days
    /// on two cores: the rows of one process,
    /// the bad line named by file and line, and status 1 for it.
    func testRollupMatchesOneProcess() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            throw XCTSkip("no \(Self.python): `make spark-venv` (which `make test` runs) installs pyspark there")
        }
        // Under .build, as the rest of the build's scratch.
        let buildFolder = Self.root.appendingPathComponent(".build").path
        let dir = try TempDir(prefix: "spark-test", in: buildFolder)
        let made = try ToolRunner.run(
            "ovc-gen", ["--out", dir.path("tree"), "--seed", "5", "--accounts", "4", "--cloudspaces", "3",
                        "--vms", "4", "--hours", "72"])
        XCTAssertEqual(made.status, 0, made.stderr)
        // One account's records, with a line that is no JSON at line 601.
        let decoded = try ToolRunner.run("capnp-cat", [dir.path("tree/10")])
        var lines = decoded.lines
        XCTAssertGreaterThan(lines.count, 700)
        lines.insert("{\"start\": bad", at: 600)
        _ = try dir.write("records.ndjson", bytes: Array((lines.joined(separator: "\n") + "\n").utf8))

        let filter = "type != \"routeros\""
        let result = try rollup(
            ["--master", "local[2]", "--tz", "Europe/Brussels", "--every", "day", "--by", "account,cloudspace",
             "--filter", filter, "tree", "records.ndjson"], in: dir)
        let one = try ToolRunner.shell(
            "(capnp-cat tree; cat records.ndjson) | acct-filter -x '\(filter)' |"
                + " acct-slice --tz Europe/Brussels --every day --by account,cloudspace",
            directory: dir.url)

        XCTAssertEqual(result.status, 1, result.describe(["rollup.py"]))
        XCTAssertEqual(result.stderr, """
            acct-filter: records.ndjson:601:11: unexpected character 'b'
            rollup.py: some input was bad; the tools' messages say which

            """)
        XCTAssertGreaterThanOrEqual(one.lines.count, 20)
        MergedRows.assertMatch(result.lines, one.lines, "rollup.py against one process")
    }

    /// A --by key that no record has: said once, as one process says it,
    /// though every map task saw it missing, with status 1; and --out, whose
    /// part files hold the rows of one process in order.
    func testKeyInNoRecordAndOut() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            throw XCTSkip("no \(Self.python): `make spark-venv` (which `make test` runs) installs pyspark there")
        }
        let dir = try TempDir(prefix: "spark-test", in: Self.root.appendingPathComponent(".build").path)
        let made = try ToolRunner.run(
            "ovc-gen", ["--out", dir.path("tree"), "--seed", "6", "--accounts", "3", "--vms", "3", "--hours", "48"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let result = try rollup(
            ["--master", "local[2]", "--every", "day", "--by", "account,acount", "--out", "rows", "tree"], in: dir)
        let one = try ToolRunner.shell("capnp-cat tree | acct-slice --every day --by account,acount", directory: dir.url)
        XCTAssertEqual(one.stderr, "acct-slice: --by: 'acount' names no key in the input; did you mean 'account'?\n")
        XCTAssertEqual(result.status, 1, result.describe(["rollup.py"]))
        XCTAssertEqual(result.stderr, one.stderr)
        XCTAssertTrue(result.stdout.isEmpty)
        let parts = try FileManager.default.contentsOfDirectory(atPath: dir.path("rows"))
            .filter { $0.hasPrefix("part-") }.sorted()
        XCTAssertEqual(parts.count, 2, "one part file for each reducer")
        let rows = try parts.map { try String(contentsOfFile: dir.path("rows/\($0)"), encoding: .utf8) }.joined()
        XCTAssertGreaterThanOrEqual(one.lines.count, 6)
        MergedRows.assertMatch(rows.split(separator: "\n").map(String.init), one.lines, "--out against one process")
    }

    /// No pyspark, or no Java: one line that says so, and status 2.
    func testSparkMissing() throws {
        let dir = try TempDir()
        var environment = self.environment(scratch: dir.path("spark"))
        // -S: no site-packages, so no pyspark, whatever is installed.
        let noPyspark = try ToolRunner.runExecutable(
            "/usr/bin/env", ["python3", "-S", Self.script, "--every", "day", "--by", "account", "."], stdin: nil,
            directory: dir.url, environment: environment)
        XCTAssertEqual(noPyspark.status, 2, noPyspark.stderr)
        XCTAssertTrue(noPyspark.stderr.hasPrefix("rollup.py: no pyspark for "), noPyspark.stderr)
        XCTAssertTrue(noPyspark.stderr.hasSuffix(" (pip install pyspark)\n"), noPyspark.stderr)

        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            throw XCTSkip("no \(Self.python): `make spark-venv` (which `make test` runs) installs pyspark there")
        }
        environment["JAVA_HOME"] = dir.path("no-java")
        let noJava = try ToolRunner.runExecutable(
            Self.python, [Self.script, "--every", "day", "--by", "account", "."], stdin: nil, directory: dir.url,
            environment: environment)
        XCTAssertEqual(noJava.status, 2, noJava.stderr)
        XCTAssertTrue(noJava.stderr.contains("no-java/bin/java"), noJava.stderr)
        XCTAssertTrue(noJava.stderr.hasSuffix(
            "rollup.py: Spark did not start: [JAVA_GATEWAY_EXITED] Java gateway process exited before sending its port number.\n"),
            noJava.stderr)
        XCTAssertTrue(noJava.stdout.isEmpty)
    }

    /// What needs no Spark (the order of keyed lines, the cutting of files of
    /// records, the tool pipelines, the messages held back from the tasks),
    /// with Python's unittest and the built tools: Tests/Spark/test_rollup.py.
    func testPartsWithoutSpark() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = nil
        environment["PATH"] = ToolRunner.binaryFolder.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["PYTHONPATH"] = Self.root.appendingPathComponent("examples/spark").path
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        let arguments = ["python3", "-W", "error::ResourceWarning", "-m", "unittest", "Tests/Spark/test_rollup.py"]
        let result = try ToolRunner.runExecutable(
            "/usr/bin/env", arguments, stdin: nil, directory: Self.root, environment: environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix("\nOK\n"), result.stderr)
    }

    /// Arguments are checked before Spark starts, the tools' by the tools:
    /// status 64 and one line.
    func testUsageErrors() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            throw XCTSkip("no \(Self.python): `make spark-venv` (which `make test` runs) installs pyspark there")
        }
        let dir = try TempDir()
        for (arguments, message) in [
            (["--every", "day", "tree"], "rollup.py: the following arguments are required: --by\n"),
            (["--every", "day", "--by", "account", "missing"], "rollup.py: missing: no such file or directory\n"),
            (["--every", "day", "--by", "account", "--partitions", "0", "."], "rollup.py: --partitions: must be at least 1\n"),
            (["--every", "day", "--by", "account", "--out", ".", "."], "rollup.py: --out: '.' already exists\n"),
        ] {
            let result = try rollup(arguments, in: dir)
            XCTAssertEqual(result.status, 64, result.describe(arguments))
            XCTAssertEqual(result.stderr, message)
            XCTAssertTrue(result.stdout.isEmpty)
        }
        // The tools' own refusals, in their words, before Spark starts.
        for (arguments, tool) in [
            (["--every", "fortnight", "--by", "account"], ["acct-slice", "--every", "fortnight"]),
            (["--every", "day", "--by", "account", "--filter", "(vcpus"], ["acct-filter", "-x", "(vcpus"]),
            (["--every", "day", "--by", "account", "--tz", "Mars/Base"], ["acct-slice", "--tz", "Mars/Base"]),
        ] {
            let refusal = try ToolRunner.run(tool[0], Array(tool.dropFirst()), stdin: Data())
            XCTAssertEqual(refusal.status, 64, refusal.describe(tool))
            XCTAssertFalse(refusal.stderr.isEmpty)
            let result = try rollup(arguments + ["."], in: dir)
            XCTAssertEqual(result.status, 64, result.describe(arguments))
            XCTAssertEqual(result.stderr, refusal.stderr)
            XCTAssertTrue(result.stdout.isEmpty)
        }
    }
}
