import AcctCore
import ArgumentParser

/// Runs a tool's job and maps its outcome to the exit status by the
/// diagnostics' one rule (0, 1 for bad input, 2 when output failed, 64 for
/// a usage error); a closed pipe (`| head`) ends the tool quietly with 0.
public enum Tool {
    /// Makes the job's options from the shared ones (a bad value throws a
    /// `UsageError`), then the job, and runs it on standard output.
    public static func run<J: Job>(
        _ job: J.Type, name: String, shared: SharedOptions, _ options: (CommonOptions) throws -> J.Options
    ) throws {
        try run(name: name, strict: shared.strict, compress: shared.zstd) { diagnostics, output in
            try J(options: options(shared.common()), output: output, diagnostics: diagnostics).run()
        }
    }

    /// The same for a tool without the shared options (ovc-gen).
    public static func run(
        name: String, strict: Bool = false, compress: Bool = false, _ body: (Diagnostics, ByteSink) throws -> Void
    ) throws {
        ByteSink.ignoreSIGPIPE()
        MemoryLimit.tool = name
        let diagnostics = Diagnostics(tool: name, strict: strict)
        var failure: (any Error)?
        do {
            let output = try ByteSink(fileDescriptor: 1, compress: compress)
            try body(diagnostics, output)
            try output.finish()
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            failure = error
        }
        let status = diagnostics.finish(failure)
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
