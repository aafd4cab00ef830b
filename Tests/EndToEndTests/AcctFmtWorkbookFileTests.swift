import Foundation
import XCTest
import _AcctTestSupport

/// The file --xlsx replaces: only a regular file with one name, or none,
/// its permissions kept; and sheet names Excel opens.
final class AcctFmtWorkbookFileTests: XCTestCase {
    private let records = "examples/acct-fmt/records.ndjson"

    private func mode(_ path: String) throws -> Int {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// A link, a pipe or a device is refused with 64 before anything is
    /// read, and left as it was: the rename would have replaced the name
    /// with a plain file.
    func testOnlyARegularFileIsReplaced() throws {
        let work = try TempDir()
        let root = ToolRunner.repositoryRoot.path
        try work.write("target.xlsx", "old\n")
        try FileManager.default.createSymbolicLink(atPath: work.path("link.xlsx"), withDestinationPath: "target.xlsx")
        try FileManager.default.linkItem(atPath: work.path("target.xlsx"), toPath: work.path("second.xlsx"))
        let fifo = try ToolRunner.shell("mkfifo \(work.path("pipe.xlsx")) && ln -s /dev/null \(work.path("null-link.xlsx"))")
        XCTAssertEqual(fifo.status, 0, fifo.stderr)
        let cases: [(String, String)] = [
            ("link.xlsx", "a symbolic link"),
            ("null-link.xlsx", "a symbolic link"),
            ("target.xlsx", "a file with other hard links (2 names)"),
            ("second.xlsx", "a file with other hard links (2 names)"),
            ("pipe.xlsx", "a named pipe"),
        ]
        for (name, kind) in cases {
            let result = try ToolRunner.shell("acct-fmt --xlsx \(name) \(root)/\(records)", directory: work.url)
            XCTAssertEqual(result.status, 64, name)
            XCTAssertEqual(result.stderr, "acct-fmt: --xlsx: '\(name)' is \(kind): only a regular file is replaced by the workbook\n", name)
        }
        XCTAssertEqual(try work.read("target.xlsx"), Array("old\n".utf8))
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: work.path("link.xlsx")), "target.xlsx")
        let pipe = try ToolRunner.shell("test -p \(work.path("pipe.xlsx"))")
        XCTAssertEqual(pipe.status, 0, "the named pipe is still one")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted(),
                       ["link.xlsx", "null-link.xlsx", "pipe.xlsx", "second.xlsx", "target.xlsx"], "no temporary file is left")
        // A device node can be made only by root.
        if let device = try? ToolRunner.shell("mknod \(work.path("dev.xlsx")) c 1 3 2>/dev/null"), device.status == 0 {
            let result = try ToolRunner.shell("acct-fmt --xlsx dev.xlsx \(root)/\(records)", directory: work.url)
            XCTAssertEqual(result.status, 64)
            XCTAssertEqual(result.stderr, "acct-fmt: --xlsx: 'dev.xlsx' is a device: only a regular file is replaced by the workbook\n")
        }
    }

    /// A private workbook stays private when it is written again; a new
    /// one gets 0666 less the umask.
    func testTheReplacedFileKeepsItsMode() throws {
        let work = try TempDir()
        let root = ToolRunner.repositoryRoot.path
        try work.write("private.xlsx", "old\n")
        XCTAssertEqual(chmod(work.path("private.xlsx"), 0o600), 0)
        let again = try ToolRunner.shell("umask 022 && acct-fmt --xlsx private.xlsx \(root)/\(records)", directory: work.url)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try work.read("private.xlsx").prefix(4), [0x50, 0x4B, 3, 4])
        XCTAssertEqual(try mode(work.path("private.xlsx")), 0o600)
        try work.write("shared.xlsx", "old\n")
        XCTAssertEqual(chmod(work.path("shared.xlsx"), 0o664), 0)
        let shared = try ToolRunner.shell("umask 077 && acct-fmt --xlsx shared.xlsx \(root)/\(records)", directory: work.url)
        XCTAssertEqual(shared.status, 0, shared.stderr)
        XCTAssertEqual(try mode(work.path("shared.xlsx")), 0o664)
        let new = try ToolRunner.shell("umask 027 && acct-fmt --xlsx new.xlsx \(root)/\(records)", directory: work.url)
        XCTAssertEqual(new.status, 0, new.stderr)
        XCTAssertEqual(try mode(work.path("new.xlsx")), 0o640)
    }

    /// The workbook is first made beside its target: a failure there is
    /// the folder's, and the message names it.
    func testAFolderThatFailsIsNamed() throws {
        let work = try TempDir()
        let result = try ToolRunner.run("acct-fmt", ["--xlsx", work.path("none/report.xlsx"), records])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "acct-fmt: \(work.path("none/report.xlsx")): cannot create the workbook in the folder '\(work.path("none"))': no such file or directory\n")
    }

    /// Excel keeps the sheet name History for itself: a value History, in
    /// any case, gets another name. Sheets come in the order of their
    /// values (code points: HISTORY before History), and take names in that
    /// order.
    func testHistoryIsRenamed() throws {
        let work = try TempDir()
        try work.write("in.ndjson", """
            {"account":"History","vm":1}
            {"account":"HISTORY","vm":2}
            {"account":"History~2","vm":3}

            """)
        let read = try ToolRunner.shell(
            "acct-fmt --xlsx - in.ndjson | python3 -c 'import io,re,sys,zipfile; z=zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())); print(re.findall(r\"<sheet name=\\\"([^\\\"]*)\\\"\", z.read(\"xl/workbook.xml\").decode()))'",
            directory: work.url)
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertEqual(read.stdoutText, "['HISTORY~2', 'History~3', 'History~2~2']\n")
    }
}
