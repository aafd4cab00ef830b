import AcctCore
import Glibc
import XCTest
import _AcctTestSupport

final class DiagnosticsTests: XCTestCase {
    private func run(strict: Bool = false, _ body: (Diagnostics) -> Void) -> (output: String, diagnostics: Diagnostics) {
        let (readEnd, writeEnd) = makePipe()
        let diagnostics = Diagnostics(tool: "acct-test", strict: strict, fileDescriptor: writeEnd)
        body(diagnostics)
        close(writeEnd)
        let output = String(decoding: readAll(readEnd), as: UTF8.self)
        close(readEnd)
        return (output, diagnostics)
    }

    func testNothingReported() {
        let (output, diagnostics) = run { _ in }
        XCTAssertEqual(output, "")
        XCTAssertFalse(diagnostics.hadProblems)
        XCTAssertEqual(diagnostics.finish(nil), .success)
    }

    func testNotesLeaveTheStatus() {
        let (output, diagnostics) = run { $0.note("key 'x' is not a metric; left out") }
        XCTAssertEqual(output, "acct-test: key 'x' is not a metric; left out\n")
        XCTAssertFalse(diagnostics.hadProblems)
        XCTAssertEqual(diagnostics.finish(nil), .success)
    }

    func testBadInput() {
        let (output, diagnostics) = run {
            XCTAssertTrue($0.problem("x.ndjson: no such file or directory"))
            XCTAssertTrue($0.problem("unexpected character 'x'", file: "usage.ndjson", line: 12, column: 3))
            XCTAssertTrue($0.problem("end before start", file: "<stdin>", line: 4))
            XCTAssertTrue($0.problem("not a Cap'n Proto message", file: "a.bin"))
        }
        XCTAssertEqual(output, """
            acct-test: x.ndjson: no such file or directory
            acct-test: usage.ndjson:12:3: unexpected character 'x'
            acct-test: <stdin>:4: end before start
            acct-test: a.bin: not a Cap'n Proto message

            """)
        XCTAssertEqual(diagnostics.problemCount, 4)
        XCTAssertTrue(diagnostics.hadProblems)
        XCTAssertEqual(diagnostics.finish(nil), .badInput)
    }

    /// --strict: the same report, and the answer is to stop.
    func testStrictSaysStop() {
        let (output, diagnostics) = run(strict: true) {
            XCTAssertFalse($0.problem("end before start", file: "<stdin>", line: 4))
        }
        XCTAssertEqual(output, "acct-test: <stdin>:4: end before start\n")
        XCTAssertEqual(diagnostics.finish(nil), .badInput)
    }

    /// An unknown code is said at its first row only.
    func testProblemOnce() {
        let (output, diagnostics) = run {
            XCTAssertTrue($0.problemOnce("unknown usage type 99", file: "u.csv", line: 2))
            XCTAssertTrue($0.problemOnce("unknown usage type 99", file: "u.csv", line: 5))
            XCTAssertTrue($0.problemOnce("unknown usage type 98", file: "u.csv", line: 6))
        }
        XCTAssertEqual(output, "acct-test: u.csv:2: unknown usage type 99\nacct-test: u.csv:6: unknown usage type 98\n")
        XCTAssertEqual(diagnostics.problemCount, 2)
    }

    /// What ends a run decides the status: a write error is fatal even
    /// after bad input, a usage error is 64, a closed pipe is quiet.
    func testFinish() {
        var (output, diagnostics) = run {
            _ = $0.problem("bad line")
            XCTAssertEqual($0.finish(OutputError.writeFailed(path: "<stdout>", errno: ENOSPC)), .fatal)
        }
        XCTAssertEqual(output, "acct-test: bad line\nacct-test: write error: no space left on device\n")
        (output, diagnostics) = run { XCTAssertEqual($0.finish(UsageError("--by: no key in ','")), .usage) }
        XCTAssertEqual(output, "acct-test: --by: no key in ','\n")
        (output, diagnostics) = run {
            _ = $0.problem("bad line")
            XCTAssertEqual($0.finish(OutputError.brokenPipe), .success)
        }
        XCTAssertEqual(output, "acct-test: bad line\n")
        _ = diagnostics
    }

    /// Ten bad lines are shown; the rest are counted and said at the end.
    func testBadLinesAreCappedAtTen() {
        let (output, diagnostics) = run {
            for line in 1...25 { XCTAssertTrue($0.problem("bad", file: "x.ndjson", line: line)) }
            _ = $0.problem("x.ndjson: read error: input/output error")
            XCTAssertEqual($0.finish(nil), .badInput)
        }
        let lines = output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 12)
        XCTAssertEqual(lines[9], "acct-test: x.ndjson:10: bad")
        XCTAssertEqual(lines[10], "acct-test: x.ndjson: read error: input/output error", "a whole-file problem is always shown")
        XCTAssertEqual(lines[11], "acct-test: 25 bad lines in all; the first 10 are shown")
        XCTAssertEqual(diagnostics.problemCount, 26)
    }

    func testNotesAtAPlace() {
        let (output, diagnostics) = run { $0.note("counted as a reset", file: "d.csv", line: 3) }
        XCTAssertEqual(output, "acct-test: d.csv:3: counted as a reset\n")
        XCTAssertEqual(diagnostics.finish(nil), .success)
    }

    func testStatusCodes() {
        XCTAssertEqual(ExitStatus.success.rawValue, 0)
        XCTAssertEqual(ExitStatus.badInput.rawValue, 1)
        XCTAssertEqual(ExitStatus.fatal.rawValue, 2)
        XCTAssertEqual(ExitStatus.usage.rawValue, 64)
    }
}

/// A worker's diagnostics record; replayed in order they print what the
/// run's own diagnostics would have printed, caps and --strict included.
final class DiagnosticsReplayTests: XCTestCase {
    private func printed(strict: Bool = false, _ body: (Diagnostics) -> Void) -> (String, ExitStatus) {
        let (readEnd, writeEnd) = makePipe()
        let diagnostics = Diagnostics(tool: "acct-test", strict: strict, fileDescriptor: writeEnd)
        body(diagnostics)
        let status = diagnostics.finish(nil)
        close(writeEnd)
        let output = String(decoding: readAll(readEnd), as: UTF8.self)
        close(readEnd)
        return (output, status)
    }

    /// Twelve bad lines over two "chunks", a hint twice, a once-only
    /// problem twice, and notes.
    private func tell(_ d: Diagnostics, lines: ClosedRange<Int>) -> Bool {
        var goOn = true
        for line in lines {
            goOn = d.problem("bad", file: "f", line: line) && goOn
            if line % 5 == 0 { d.hint("f: a hint") }
            if line % 4 == 0 { goOn = d.problemOnce("no time", file: "f", line: line, tag: "time") && goOn }
            if line == 3 { d.note("a note") }
            if line % 6 == 0 { d.noteOnce("rounded", file: "f", line: line) }
        }
        return goOn
    }

    func testReplayPrintsWhatASerialRunPrints() {
        let serial = printed { d in _ = tell(d, lines: 1...12) }
        let replayed = printed { main in
            let worker = Diagnostics.recording(like: main)
            _ = tell(worker, lines: 7...12)
            let second = worker.takeEvents()
            _ = tell(worker, lines: 1...6)
            let first = worker.takeEvents()
            XCTAssertTrue(main.replay(first))
            XCTAssertTrue(main.replay(second))
        }
        XCTAssertEqual(replayed.0, serial.0)
        XCTAssertEqual(replayed.1, serial.1)
        XCTAssertTrue(serial.0.contains("13 bad lines in all; the first 10 are shown"), serial.0)
    }

    func testStrictReplayStopsAtTheFirstProblem() {
        let replayed = printed(strict: true) { main in
            let worker = Diagnostics.recording(like: main)
            worker.note("before")
            XCTAssertFalse(worker.problem("bad", file: "f", line: 4))
            worker.note("after")
            XCTAssertFalse(main.replay(worker.takeEvents()))
        }
        XCTAssertEqual(replayed.0, "acct-test: before\nacct-test: f:4: bad\n")
        XCTAssertEqual(replayed.1, .badInput)
    }
}
