/// Prints `TOOL: message` lines on standard error, and holds the one rule
/// for bad input: each problem is reported, the run goes on with the next
/// line, row or file unless `--strict` asked to stop at the first, and the
/// exit status at the end says that something was bad.
///
/// Bad lines are shown up to `shownLines`; a stream of the wrong kind would
/// otherwise print a message per line, so the rest are counted and said in
/// one line at the end.
///
/// Each line goes out in a single write(2), so lines from tools sharing a
/// terminal or a pipe (`a | b`) never interleave mid-line. Messages quote
/// input (keys, CSV fields, member and file names), so every line is shown
/// through `TerminalText.printable`: no escape sequence from the input
/// reaches the terminal and no newline splits a message.
public final class Diagnostics {
    /// The program name each line starts with.
    public let tool: String
    /// `--strict`: the first problem stops the run.
    public let strict: Bool
    private let fileDescriptor: Int32

    /// How many problems with the input were reported.
    public private(set) var problemCount = 0

    /// Messages said once per run (an unknown code), by their text.
    private var said: Set<String> = []
    /// Whether the one hint about input of the wrong kind was given.
    private var hinted = false

    /// A worker's diagnostics (`-j`) keep what they are told, in order,
    /// for the run's own diagnostics to say in input order (`replay`).
    private var recorded: [DiagnosticEvent]?

    /// How many bad lines are shown before the rest are only counted.
    public static let shownLines = 10
    /// Problems reported at a line of a file, shown or not.
    private var lineProblems = 0

    /// Creates a printer for `tool`; `fileDescriptor` is 2 (stderr) except in tests.
    public init(tool: String, strict: Bool = false, fileDescriptor: Int32 = 2) {
        self.tool = tool
        self.strict = strict
        self.fileDescriptor = fileDescriptor
    }

    /// Diagnostics that record instead of printing, for one worker of a
    /// parallel run: problems answer as `strict` says, and nothing is
    /// counted or capped here; the run's diagnostics do that on replay.
    public static func recording(like main: Diagnostics) -> Diagnostics {
        let diagnostics = Diagnostics(tool: main.tool, strict: main.strict, fileDescriptor: -1)
        diagnostics.recorded = []
        return diagnostics
    }

    /// What a recording diagnostics was told since the last call, in order;
    /// the once-only rules start afresh for the next chunk.
    public func takeEvents() -> [DiagnosticEvent] {
        defer {
            recorded = []
            said = []
            hinted = false
        }
        return recorded ?? []
    }

    /// Says recorded events as if they had happened here, in order; false
    /// when one of them says stop (`--strict`), after which the rest are
    /// dropped as a serial run would never have reached them.
    public func replay(_ events: [DiagnosticEvent]) -> Bool {
        for event in events {
            switch event {
            case .problem(let message):
                guard problem(message) else { return false }
            case let .lineProblem(message, file, line, column):
                guard problem(message, file: file, line: line, column: column) else { return false }
            case let .problemOnce(message, file, line, tag):
                guard problemOnce(message, file: file, line: line, tag: tag) else { return false }
            case .note(let message):
                note(message)
            case let .noteOnce(message, file, line):
                noteOnce(message, file: file, line: line)
            case .hint(let message):
                hint(message)
            }
        }
        return true
    }

    /// Whether any problem with the input was reported.
    public var hadProblems: Bool { problemCount > 0 }

    /// Reports bad input, `TOOL: message` (a message that names its own
    /// file, or none); returns whether to go on, which is false under
    /// `--strict`.
    public func problem(_ message: String) -> Bool {
        if recorded != nil {
            recorded!.append(.problem(message))
            return !strict
        }
        problemCount += 1
        emit(message)
        return !strict
    }

    /// Reports bad input at a place in a file, `TOOL: FILE:LINE[:COLUMN]:
    /// message`; returns whether to go on.
    public func problem(_ message: String, file: String, line: Int, column: Int? = nil) -> Bool {
        if recorded != nil {
            recorded!.append(.lineProblem(message, file: file, line: line, column: column))
            return !strict
        }
        lineProblems += 1
        guard lineProblems <= Self.shownLines else {
            problemCount += 1
            return !strict
        }
        if let column {
            return problem("\(file):\(line):\(column): \(message)")
        }
        return problem("\(file):\(line): \(message)")
    }

    /// Reports bad input about a whole file, `TOOL: FILE: message`;
    /// returns whether to go on.
    public func problem(_ message: String, file: String) -> Bool {
        problem("\(file): \(message)")
    }

    /// Reports `message` at its first place only: an unknown code is
    /// reported at its first row, not at each of its thousands. Returns
    /// whether to go on. With `tag`, messages of one tag are said once
    /// between them (the first record without a usable time, whatever key).
    public func problemOnce(_ message: String, file: String, line: Int, tag: String? = nil) -> Bool {
        guard said.insert(tag ?? message).inserted else { return true }
        if recorded != nil {
            recorded!.append(.problemOnce(message, file: file, line: line, tag: tag))
            return !strict
        }
        return problem(message, file: file, line: line)
    }

    /// Whether a hint is still to be given: the caller works one out only then.
    public var wantsHint: Bool { !hinted }

    /// Says the one hint of a run about input of the wrong kind; later
    /// hints are dropped.
    public func hint(_ message: String) {
        guard !hinted else { return }
        hinted = true
        if recorded != nil { return recorded!.append(.hint(message)) }
        emit(message)
    }

    /// A note at a place in a file, said at its first place only (by its
    /// message); exit status untouched.
    public func noteOnce(_ message: String, file: String, line: Int) {
        guard said.insert(message).inserted else { return }
        if recorded != nil { return recorded!.append(.noteOnce(message, file: file, line: line)) }
        note(message, file: file, line: line)
    }

    /// Prints a note that leaves the exit status alone: `TOOL: message`.
    public func note(_ message: String) {
        if recorded != nil { return recorded!.append(.note(message)) }
        emit(message)
    }

    /// A note about normal data at a place in a file (a counter reset):
    /// `TOOL: FILE:LINE: message`, exit status untouched.
    public func note(_ message: String, file: String, line: Int) {
        note("\(file):\(line): \(message)")
    }

    /// Ends the run: reports what stopped it, if anything, and gives the
    /// exit status. A closed pipe (`| head`) is a quiet success; a usage
    /// error is 64; any other error (output that could not be written) is
    /// fatal, 2; otherwise 1 when some input was bad, else 0.
    public func finish(_ error: (any Error)?) -> ExitStatus {
        if lineProblems > Self.shownLines {
            emit("\(lineProblems) bad lines in all; the first \(Self.shownLines) are shown")
        }
        switch error {
        case nil:
            return hadProblems ? .badInput : .success
        case OutputError.brokenPipe?:
            return .success
        case let usage as UsageError:
            emit(usage.message)
            return .usage
        case let error?:
            emit("\(error)")
            return .fatal
        }
    }

    private func emit(_ message: String) {
        var line = TerminalText.printable("\(tool): \(message)") + "\n"
        line.withUTF8 { bytes in
            // Nowhere left to report a failing stderr; the exit status
            // still tells.
            _ = Descriptor.writeAll(fileDescriptor, UnsafeRawBufferPointer(bytes))
        }
    }
}
