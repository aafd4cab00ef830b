import Foundation

/// What a tool run gave: exit status and both streams, whole.
public struct ToolResult {
    public let status: Int32
    public let stdout: Data
    public let stderr: String

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var lines: [String] { stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }

    /// Printed with a failed assertion so the reader sees the whole run.
    public func describe(_ arguments: [String]) -> String {
        "\(arguments.joined(separator: " ")): status \(status)\nstderr:\n\(stderr)\nstdout (\(stdout.count) bytes):\n\(stdoutText.prefix(2000))"
    }
}

/// Runs the built executables (found beside the test bundle, or in
/// ACCT_BIN_DIR) the way a user would, draining both pipes before waiting
/// so a big output cannot deadlock the run.
public enum ToolRunner {
    public static var binaryFolder: URL {
        if let folder = ProcessInfo.processInfo.environment["ACCT_BIN_DIR"] {
            return URL(fileURLWithPath: folder)
        }
        var url = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("capnp-cat").path) {
                return url
            }
        }
        return URL(fileURLWithPath: repositoryRoot.path + "/.build/debug")
    }

    /// The checkout, from this file's place in it.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    public static func path(of tool: String) -> String { binaryFolder.appendingPathComponent(tool).path }

    /// Runs `tool` with `arguments` in `directory` (the checkout by default).
    public static func run(
        _ tool: String, _ arguments: [String], stdin: Data? = nil, directory: URL? = nil,
        environment: [String: String]? = nil
    ) throws -> ToolResult {
        try runExecutable(path(of: tool), arguments, stdin: stdin, directory: directory, environment: environment)
    }

    /// Runs a shell command line (for pipes such as `| head -1`).
    public static func shell(_ command: String, directory: URL? = nil) throws -> ToolResult {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = nil
        environment["PATH"] = binaryFolder.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        return try runExecutable("/bin/bash", ["-c", command], stdin: nil, directory: directory, environment: environment)
    }

    public static func runExecutable(
        _ executable: String, _ arguments: [String], stdin: Data?, directory: URL?,
        environment: [String: String]?
    ) throws -> ToolResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repositoryRoot
        // Tests in this process set TZ through the zone code; the tools
        // must see only what a test gives them.
        var inherited = ProcessInfo.processInfo.environment
        inherited["TZ"] = nil
        process.environment = environment ?? inherited
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // A tool that exits before reading its input must not kill the tests.
        signal(SIGPIPE, SIG_IGN)
        let group = DispatchGroup()
        let outData = Box()
        let errData = Box()
        DispatchQueue.global().async(group: group) { outData.data = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData.data = err.fileHandleForReading.readDataToEndOfFile() }
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: stdin) }
        try? input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return ToolResult(
            status: process.terminationStatus, stdout: outData.data,
            stderr: String(decoding: errData.data, as: UTF8.self))
    }
}

/// Filled by one reader thread, read after the group is done.
private final class Box: @unchecked Sendable {
    var data = Data()
}
