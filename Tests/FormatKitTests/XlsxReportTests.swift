import AcctCore
import XCTest
import _AcctTestSupport

@testable import FormatKit

final class XlsxReportTests: XCTestCase {
    static let columns = ["account", "vm", "vcpus", "cpu_minutes", "start", "running", "tags", "note"]

    /// Writes two rows for `acme` and one for `Beta/Co`.
    static func fill(_ report: XlsxReport) throws {
        let start = CivilTime(year: 2024, month: 3, day: 1, hour: 12, minute: 34, second: 56).epochSeconds
        try report.begin(columns: columns)
        try report.add([.string("acme"), .string("vm-1"), .integer(4), .float(12.5), .time(start),
                        .bool(true), .json("[\"a\",\"b\"]"), .empty], sheet: "acme")
        try report.add([.string("Beta/Co"), .string("vm-2"), .integer(2), .float(0.25), .time(start + 3600),
                        .bool(false), .json("{}"), .string(String(repeating: "long ", count: 30))], sheet: "Beta/Co")
        try report.add([.string("acme"), .string("vm-3"), .integer(9_000_000_000), .float(1), .time(0),
                        .bool(false), .empty, .string("x")], sheet: "acme")
    }

    private func entries(_ dir: TempDir) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    func testTwoSheetsAppearOnlyAfterFinish() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let path = dir.path("report.xlsx")
        let report = try XlsxReport(path: path)
        try Self.fill(report)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual((report.temporaryPath as NSString).deletingLastPathComponent, dir.path)
        XCTAssertTrue((report.temporaryPath as NSString).lastPathComponent.hasPrefix(".report.xlsx."))
        XCTAssertTrue(FileManager.default.fileExists(atPath: report.temporaryPath))
        try report.finish()
        XCTAssertEqual(try entries(dir), ["report.xlsx"])
        let bytes = try dir.read("report.xlsx")
        XCTAssertGreaterThan(bytes.count, 1000)
        XCTAssertEqual(Array(bytes.prefix(2)), Array("PK".utf8))
        // A second finish changes nothing; adding after it is an error.
        try report.finish()
        XCTAssertThrowsError(try report.add([.integer(1)], sheet: "acme"))
    }

    func testFileGetsTheUsualPermissions() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let report = try XlsxReport(path: dir.path("mode.xlsx"))
        try Self.fill(report)
        try report.finish()
        let mask = umask(0o022)
        umask(mask)
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.path("mode.xlsx"))
        let mode = try XCTUnwrap(attributes[.posixPermissions] as? Int)
        XCTAssertEqual(mode, 0o666 & ~Int(mask))
    }

    func testMissingFolderFailsInInit() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let path = dir.path("missing/out.xlsx")
        XCTAssertThrowsError(try XlsxReport(path: path)) { error in
            let error = error as? XlsxError
            XCTAssertEqual(error?.path, path)
            XCTAssertEqual(error?.description, "\(path): cannot create the workbook in the folder '\(dir.path("missing"))': no such file or directory")
        }
        XCTAssertEqual(try entries(dir), [])
    }

    func testDirectoryAsPathFailsInInit() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        XCTAssertThrowsError(try XlsxReport(path: dir.path)) { error in
            XCTAssertEqual((error as? XlsxError)?.reason, "cannot create the workbook: is a directory")
        }
        XCTAssertThrowsError(try XlsxReport(path: dir.path + "/"))
        XCTAssertEqual(try entries(dir), [])
    }

    func testReadOnlyFolderFailsInInit() throws {
        if geteuid() == 0 { throw XCTSkip("root can write to a read-only folder") }
        let dir = try TempDir(prefix: "xlsx-test")
        try FileManager.default.createDirectory(atPath: dir.path("ro"), withIntermediateDirectories: false)
        chmod(dir.path("ro"), 0o555)
        defer { chmod(dir.path("ro"), 0o755) }
        XCTAssertThrowsError(try XlsxReport(path: dir.path("ro/out.xlsx"))) { error in
            XCTAssertEqual((error as? XlsxError)?.reason, "cannot create the workbook in the folder '\(dir.path("ro"))': permission denied")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path("ro")), [])
    }

    func testAbandonRemovesTheTemporaryFile() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let report = try XlsxReport(path: dir.path("out.xlsx"))
        try Self.fill(report)
        XCTAssertEqual(try entries(dir).count, 1)
        report.abandon()
        XCTAssertEqual(try entries(dir), [])
        XCTAssertThrowsError(try report.finish())
        XCTAssertThrowsError(try report.add([], sheet: "acme"))
        report.abandon()
        XCTAssertEqual(try entries(dir), [])
    }

    func testAbandonKeepsTheOldFile() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let path = try dir.write("out.xlsx", "old contents")
        let report = try XlsxReport(path: path)
        try Self.fill(report)
        report.abandon()
        XCTAssertEqual(try entries(dir), ["out.xlsx"])
        XCTAssertEqual(try dir.read("out.xlsx"), Array("old contents".utf8))
        // Finishing replaces it.
        let second = try XlsxReport(path: path)
        try Self.fill(second)
        XCTAssertEqual(try dir.read("out.xlsx"), Array("old contents".utf8))
        try second.finish()
        XCTAssertEqual(Array(try dir.read("out.xlsx").prefix(2)), Array("PK".utf8))
        XCTAssertEqual(try entries(dir), ["out.xlsx"])
    }

    func testDroppingAnUnfinishedReportRemovesTheTemporaryFile() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        do {
            let report = try XlsxReport(path: dir.path("out.xlsx"))
            try Self.fill(report)
            XCTAssertEqual(try entries(dir).count, 1)
        }
        XCTAssertEqual(try entries(dir), [])
    }

    /// A workbook for standard output is built in $TMPDIR and reaches the
    /// output whole at finish, or not at all; the temporary file goes.
    func testStandardOutputGetsTheWorkbookOnlyAtFinish() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let scratch = dir.path("tmp")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        let saved = getenv("TMPDIR").map { String(cString: $0) }
        setenv("TMPDIR", scratch, 1)
        defer { if let saved { setenv("TMPDIR", saved, 1) } else { unsetenv("TMPDIR") } }
        for finishing in [true, false] {
            let sink = try ByteSink(path: dir.path("out"))
            let report = try XlsxReport(output: sink)
            XCTAssertEqual(report.path, dir.path("out"))
            XCTAssertTrue(report.temporaryPath.hasPrefix(scratch + "/.acct-fmt.xlsx."), report.temporaryPath)
            // Others may read the temporary folder: the file is the owner's alone.
            let attributes = try FileManager.default.attributesOfItem(atPath: report.temporaryPath)
            XCTAssertEqual(attributes[.posixPermissions] as? Int, 0o600)
            try Self.fill(report)
            try sink.flush()
            XCTAssertEqual(try dir.read("out"), [])
            if finishing { try report.finish() } else { report.abandon() }
            try sink.finish()
            let bytes = try dir.read("out")
            XCTAssertEqual(Array(bytes.prefix(4)), finishing ? [0x50, 0x4B, 3, 4] : [], "finishing: \(finishing)")
            if finishing { XCTAssertGreaterThan(bytes.count, 1000) }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch), [])
        }
    }

    func testEmptyReportHasOneSheet() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let report = try XlsxReport(path: dir.path("empty.xlsx"))
        try report.begin(columns: ["a", "b"])
        try report.finish()
        XCTAssertEqual(try entries(dir), ["empty.xlsx"])
    }

    func testMisuseIsAnError() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let report = try XlsxReport(path: dir.path("out.xlsx"))
        XCTAssertThrowsError(try report.add([.integer(1)], sheet: "a")) { error in
            XCTAssertEqual((error as? XlsxError)?.reason, "a row came before the columns")
        }
        try report.begin(columns: ["a"])
        XCTAssertThrowsError(try report.begin(columns: ["a"]))
        XCTAssertThrowsError(try report.add([.integer(1), .integer(2)], sheet: "a"))
        XCTAssertThrowsError(try report.begin(columns: Array(repeating: "c", count: 16_385)))
        try report.add([], sheet: "a")
        report.abandon()
    }

    // MARK: - Signals

    private func currentHandler(_ signal: Int32) -> Int {
        var action = sigaction()
        sigaction(signal, nil, &action)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    }

    func testHandlersInstalledOnlyWhileOpen() throws {
        let dir = try TempDir(prefix: "xlsx-test")
        let before = currentHandler(SIGTERM)
        let first = try XlsxReport(path: dir.path("one.xlsx"))
        XCTAssertNotEqual(currentHandler(SIGTERM), before)
        XCTAssertNotEqual(currentHandler(SIGINT), unsafeBitCast(SIG_DFL, to: Int.self))
        XCTAssertTrue(InterruptCleanup.isWatched(first.temporaryPath))
        let second = try XlsxReport(path: dir.path("two.xlsx"))
        XCTAssertTrue(InterruptCleanup.isWatched(second.temporaryPath))
        first.abandon()
        XCTAssertFalse(InterruptCleanup.isWatched(first.temporaryPath))
        XCTAssertNotEqual(currentHandler(SIGTERM), before)
        try second.begin(columns: ["a"])
        try second.finish()
        XCTAssertFalse(InterruptCleanup.isWatched(second.temporaryPath))
        XCTAssertEqual(currentHandler(SIGTERM), before)
    }

    func testSignalRemovesTheTemporaryFileAndKillsTheProcess() throws {
        typealias Fork = @convention(c) () -> pid_t
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "fork") else {
            throw XCTSkip("fork is not available")
        }
        let fork = unsafeBitCast(symbol, to: Fork.self)
        // Every terminating signal that can be caught, not only the usual three.
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2, SIGXFSZ, SIGXCPU, SIGVTALRM, __libc_current_sigrtmin(), SIGABRT] {
            let dir = try TempDir(prefix: "xlsx-test")
            let report = try XlsxReport(path: dir.path("out.xlsx"))
            try Self.fill(report)
            XCTAssertTrue(FileManager.default.fileExists(atPath: report.temporaryPath))
            let child = fork()
            if child == 0 {
                // Only async-signal-safe calls in the child; no core file
                // for the signals that dump one.
                var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
                setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
                raise(signal)
                _exit(99)
            }
            XCTAssertGreaterThan(child, 0)
            var status: Int32 = 0
            XCTAssertEqual(waitpid(child, &status, 0), child)
            // Killed by the signal itself (WIFSIGNALED, WTERMSIG), not exited.
            XCTAssertEqual(status & 0x7f, signal, "status \(status)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: report.temporaryPath))
            XCTAssertEqual(try entries(dir), [])
            report.abandon()
        }
    }
}
