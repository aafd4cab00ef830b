import Foundation
import _AcctTestSupport

/// Runs the commands of a page as a reader would type them: in order, in a
/// scratch folder of their own where `examples/` and `Sources/` lead to the
/// checkout's, with the built tools first on PATH, TZ unset, under
/// `bash -o pipefail`.
enum DocExampleRunner {
    /// What a command may take before it counts as hung.
    static let timeoutSeconds = 120

    /// The checkout's text file at `path`.
    static func read(_ path: String) throws -> String {
        try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// One message for each command that did not do what its page shows.
    static func failures(of group: DocExampleGroup) throws -> [String] {
        let folder = try TempDir(prefix: "acct-doc")
        for name in ["examples", "Sources"] {
            try FileManager.default.createSymbolicLink(
                atPath: folder.path(name), withDestinationPath: ToolRunner.repositoryRoot.appendingPathComponent(name).path)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = nil
        environment["PATH"] = ToolRunner.binaryFolder.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        var failures: [String] = []
        for example in group.examples where !example.isTemplate {
            let result = try ToolRunner.runExecutable(
                "/usr/bin/timeout", ["\(timeoutSeconds)", "/bin/bash", "-o", "pipefail", "-c", example.command],
                stdin: nil, directory: folder.url, environment: environment)
            var wrong: [String] = []
            if result.status != 0 { wrong.append("exit status \(result.status)") }
            if !result.stderr.isEmpty { wrong.append("standard error:\n\(result.stderr)") }
            if let output = example.output, output != result.stdoutText {
                wrong.append("output differs; the page shows:\n\(output)the command wrote:\n\(result.stdoutText)")
            }
            if !wrong.isEmpty {
                failures.append("\(example.place): $ \(example.command)\n" + wrong.joined(separator: "\n"))
            }
        }
        return failures
    }
}
