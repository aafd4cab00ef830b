import Glibc

/// The exit status rule shared by every tool.
public enum ExitStatus: Int32, Sendable {
    /// Everything was processed.
    case success = 0
    /// Some input was bad: reported, skipped, the rest processed.
    case badInput = 1
    /// Output could not be written, or an internal error.
    case fatal = 2
    /// A bad flag, expression, time or zone; nothing was processed (EX_USAGE).
    case usage = 64
}

/// Prints `TOOL: message` lines on standard error and remembers what they
/// mean for the exit status.
///
/// Each line goes out in a single write(2), so lines from tools sharing a
/// terminal or a pipe (`a | b`) never interleave mid-line.
public final class Diagnostics {
    /// The program name each line starts with.
    public let tool: String
    private let fileDescriptor: Int32

    /// How many bad-input errors were reported.
    public private(set) var errorCount = 0

    /// Whether a fatal error was reported.
    public private(set) var hadFatalError = false

    /// Creates a printer for `tool`; `fileDescriptor` is 2 (stderr) except in tests.
    public init(tool: String, fileDescriptor: Int32 = 2) {
        self.tool = tool
        self.fileDescriptor = fileDescriptor
    }

    /// Whether any error (bad input or fatal) was reported.
    public var hadErrors: Bool { errorCount > 0 || hadFatalError }

    /// The status to exit with: fatal beats bad input beats success.
    public var exitStatus: ExitStatus {
        if hadFatalError { return .fatal }
        return errorCount > 0 ? .badInput : .success
    }

    /// Reports bad input (exit status 1): `TOOL: message`.
    public func error(_ message: String) {
        errorCount += 1
        emit(message)
    }

    /// Reports bad input at a place in a file: `TOOL: FILE:LINE[:COLUMN]: message`.
    public func error(_ message: String, file: String, line: Int, column: Int? = nil) {
        errorCount += 1
        if let column {
            emit("\(file):\(line):\(column): \(message)")
        } else {
            emit("\(file):\(line): \(message)")
        }
    }

    /// Reports a fatal error (exit status 2): `TOOL: message`.
    public func fatal(_ message: String) {
        hadFatalError = true
        emit(message)
    }

    /// Prints a note that leaves the exit status alone: `TOOL: message`.
    public func note(_ message: String) {
        emit(message)
    }

    private func emit(_ message: String) {
        var line = "\(tool): \(message)\n"
        line.withUTF8 { bytes in
            var p = UnsafeRawPointer(bytes.baseAddress!)
            var left = bytes.count
            while left > 0 {
                let n = write(fileDescriptor, p, left)
                if n > 0 {
                    p += n
                    left -= n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    // Nowhere left to report a failing stderr; the exit
                    // status still tells.
                    return
                }
            }
        }
    }
}
