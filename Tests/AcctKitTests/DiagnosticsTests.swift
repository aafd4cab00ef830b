import AcctKit
import Glibc
import XCTest

final class DiagnosticsTests: XCTestCase {
    private func run(_ body: (Diagnostics) -> Void) -> (output: String, diagnostics: Diagnostics) {
        let (readEnd, writeEnd) = makePipe()
        let diagnostics = Diagnostics(tool: "acct-test", fileDescriptor: writeEnd)
        body(diagnostics)
        close(writeEnd)
        let output = String(decoding: readAll(readEnd), as: UTF8.self)
        close(readEnd)
        return (output, diagnostics)
    }

    func testNothingReported() {
        let (output, diagnostics) = run { _ in }
        XCTAssertEqual(output, "")
        XCTAssertFalse(diagnostics.hadErrors)
        XCTAssertEqual(diagnostics.exitStatus, .success)
    }

    func testNotesLeaveTheStatus() {
        let (output, diagnostics) = run { $0.note("key 'x' is not a metric; left out") }
        XCTAssertEqual(output, "acct-test: key 'x' is not a metric; left out\n")
        XCTAssertFalse(diagnostics.hadErrors)
        XCTAssertEqual(diagnostics.exitStatus, .success)
    }

    func testBadInput() {
        let (output, diagnostics) = run {
            $0.error("x.ndjson: no such file or directory")
            $0.error("unexpected character 'x'", file: "usage.ndjson", line: 12, column: 3)
            $0.error("end before start", file: "<stdin>", line: 4)
        }
        XCTAssertEqual(output, """
            acct-test: x.ndjson: no such file or directory
            acct-test: usage.ndjson:12:3: unexpected character 'x'
            acct-test: <stdin>:4: end before start

            """)
        XCTAssertEqual(diagnostics.errorCount, 3)
        XCTAssertTrue(diagnostics.hadErrors)
        XCTAssertEqual(diagnostics.exitStatus, .badInput)
    }

    func testFatalWins() {
        let (output, diagnostics) = run {
            $0.error("bad line")
            $0.fatal("write error: no space left on device")
        }
        XCTAssertEqual(output, "acct-test: bad line\nacct-test: write error: no space left on device\n")
        XCTAssertTrue(diagnostics.hadFatalError)
        XCTAssertEqual(diagnostics.exitStatus, .fatal)
    }

    func testStatusCodes() {
        XCTAssertEqual(ExitStatus.success.rawValue, 0)
        XCTAssertEqual(ExitStatus.badInput.rawValue, 1)
        XCTAssertEqual(ExitStatus.fatal.rawValue, 2)
        XCTAssertEqual(ExitStatus.usage.rawValue, 64)
    }
}
