import AcctKit
import ArgumentParser
import Glibc

/// The one place that maps a tool's outcome to its exit status (DESIGN §8):
/// 0 success, 1 some input was bad, 2 output failed, 64 usage. A closed
/// pipe (`| head`) ends the tool quietly with 0.
public enum Tool {
    public static func run(
        _ name: String, compress: Bool = false, _ body: (Diagnostics, ByteSink) throws -> Void
    ) throws {
        ByteSink.ignoreSIGPIPE()
        let diagnostics = Diagnostics(tool: name)
        let sink = try ByteSink(fileDescriptor: 1, compress: compress)
        do {
            try body(diagnostics, sink)
            try sink.finish()
        } catch OutputError.brokenPipe {
            throw ExitCode.success
        } catch let error as OutputError {
            diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.fatal.rawValue)
        } catch let error as UsageError {
            diagnostics.error(error.message)
            throw ExitCode(ExitStatus.usage.rawValue)
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.fatal.rawValue)
        }
        if diagnostics.hadErrors { throw ExitCode(ExitStatus.badInput.rawValue) }
    }
}

/// A bad flag value found after parsing (a time, a zone, a schema): the
/// tool prints it as `TOOL: message` and exits 64 before any output.
public struct UsageError: Error {
    public let message: String
    public init(_ message: String) { self.message = message }
}
