import AcctCore
import Foundation
import XCTest
import _AcctTestSupport

@testable import FormatKit

/// Where --xlsx may write: a name ending in .xlsx that is none of the
/// inputs, by device and inode; `-` unless standard output is a terminal.
final class WorkbookTargetTests: XCTestCase {
    private func refusal(_ path: String, _ inputs: [String], terminal: Bool = false) -> String? {
        do {
            try WorkbookTarget.check(path, inputs: inputs, standardOutputIsTerminal: terminal)
            return nil
        } catch {
            return error.message
        }
    }

    func testNameMustEndInXlsx() {
        XCTAssertNil(refusal("/nonexistent/out.xlsx", []))
        XCTAssertNil(refusal("OUT.Xlsx", []))
        XCTAssertEqual(refusal("copy.ndjson", []), "--xlsx: 'copy.ndjson' does not end in .xlsx (a workbook's name does; - writes to standard output)")
        XCTAssertNotNil(refusal("out.xlsx.bak", []))
        XCTAssertNotNil(refusal("out", []))
    }

    func testAnInputUnderAnySpellingIsRefused() throws {
        let dir = try TempDir()
        let input = try dir.write("in.xlsx", "{}\n")
        try FileManager.default.linkItem(atPath: input, toPath: dir.path("hard.xlsx"))
        try FileManager.default.createSymbolicLink(atPath: dir.path("link.xlsx"), withDestinationPath: input)
        try dir.write("other.xlsx", "{}\n")
        XCTAssertEqual(refusal(input, [dir.path("x.ndjson"), input]), "--xlsx: '\(input)' is the input '\(input)': it would be replaced by the workbook")
        XCTAssertNotNil(refusal(dir.path("./in.xlsx"), [input]))
        XCTAssertNotNil(refusal(dir.path("hard.xlsx"), [input]))
        XCTAssertNotNil(refusal(dir.path("link.xlsx"), [input]))
        XCTAssertNotNil(refusal(input, [dir.path("link.xlsx")]))
        // Another existing file, or a new one, is fine.
        XCTAssertNil(refusal(dir.path("other.xlsx"), [input]))
        XCTAssertNil(refusal(dir.path("new.xlsx"), [input, dir.path("new.xlsx")]))
    }

    func testOnlyARegularFileWithOneNameIsReplaced() throws {
        let dir = try TempDir()
        let file = try dir.write("file.xlsx", "{}\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path("link.xlsx"), withDestinationPath: file)
        XCTAssertNil(WorkbookTarget.unsuitableKind(of: file))
        XCTAssertNil(WorkbookTarget.unsuitableKind(of: dir.path("absent.xlsx")))
        XCTAssertEqual(refusal(dir.path("link.xlsx"), []),
                       "--xlsx: '\(dir.path("link.xlsx"))' is a symbolic link: only a regular file is replaced by the workbook")
        XCTAssertEqual(WorkbookTarget.unsuitableKind(of: "/dev/null"), "a device")
        try FileManager.default.linkItem(atPath: file, toPath: dir.path("other.xlsx"))
        XCTAssertEqual(WorkbookTarget.unsuitableKind(of: file), "a file with other hard links (2 names)")
        XCTAssertEqual(mkfifo(dir.path("pipe.xlsx"), 0o600), 0)
        XCTAssertEqual(WorkbookTarget.unsuitableKind(of: dir.path("pipe.xlsx")), "a named pipe")
    }

    func testStandardOutputButNotATerminal() {
        XCTAssertNil(refusal("-", ["-"], terminal: false))
        XCTAssertEqual(refusal("-", [], terminal: true), "--xlsx -: standard output is a terminal (redirect it to a file or a pipe)")
    }

    func testOptionsTakeTheInputsFromCommon() throws {
        let dir = try TempDir()
        let input = try dir.write("in.xlsx", "{}\n")
        var options = FormatOptions()
        options.common = CommonOptions(paths: [input])
        XCTAssertThrowsError(try options.setWorkbook(input, standardOutputIsTerminal: false))
        XCTAssertEqual(options.style, .table)
        try options.setWorkbook(dir.path("out.xlsx"), standardOutputIsTerminal: false)
        XCTAssertEqual(options.style, .xlsx(path: dir.path("out.xlsx")))
    }
}
