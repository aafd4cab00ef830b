import Foundation

/// A MariaDB server of the tests' own (Debian's mariadb-server, which `make
/// deps` installs): a fresh data folder under the build folder, a private
/// socket, no network, no grant tables, and files written by `INTO OUTFILE`
/// allowed in one folder only. It is stopped by its pid (`stop()`); a
/// server a crashed run left behind is stopped by its pid file first.
public final class MariaDBServer {
    /// The folder that holds everything: data, socket, log, outfiles.
    public let folder: String
    /// Where `SELECT ... INTO OUTFILE` may write.
    public var outfiles: String { folder + "/out" }
    private var socket: String { folder + "/sock" }
    private var pidFile: String { folder + "/server.pid" }
    private var process: Process?

    /// Initialises a data folder under `.build/NAME` and starts a server on it.
    public init(name: String = "mariadb-test") throws {
        folder = ToolRunner.repositoryRoot.appendingPathComponent(".build/\(name)").path
        try stopLeftover()
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: outfiles, withIntermediateDirectories: true)
        let install = try Self.run(Self.program("mariadb-install-db"), [
            "--no-defaults", "--datadir=\(folder)/data", "--auth-root-authentication-method=normal", "--skip-test-db",
        ] + Self.runAs + Self.small)
        guard install.status == 0 else { throw Failure("mariadb-install-db failed:\n\(install.stderr)") }
        let server = Process()
        server.executableURL = URL(fileURLWithPath: try Self.program("mariadbd"))
        server.arguments = [
            "--no-defaults", "--datadir=\(folder)/data", "--socket=\(socket)", "--pid-file=\(pidFile)",
            "--skip-networking", "--skip-grant-tables", "--secure-file-priv=\(outfiles)",
            "--log-error=\(folder)/error.log", "--character-set-server=utf8mb4", "--default-time-zone=+00:00",
        ] + Self.runAs + Self.small
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        process = server
        let deadline = Date().addingTimeInterval(60)
        while (try? sql("SELECT 1").status) != 0 {
            guard server.isRunning, Date() < deadline else {
                let log = (try? String(contentsOfFile: folder + "/error.log", encoding: .utf8)) ?? ""
                stop()
                throw Failure("mariadbd did not start:\n\(log.suffix(2000))")
            }
            usleep(100_000)
        }
    }

    deinit {
        stop()
    }

    /// Runs SQL statements with the `mariadb` client in batch mode (`-B`:
    /// tab-separated, with a header unless `header` is false); the output
    /// is what `mysql -B` prints.
    public func sql(_ statements: String, database: String? = nil, header: Bool = true) throws -> ToolResult {
        var arguments = ["--no-defaults", "--socket=\(socket)", "--user=root", "--default-character-set=utf8mb4", "-B"]
        if !header { arguments.append("-N") }
        if let database { arguments.append(database) }
        return try Self.run(try Self.program("mariadb"), arguments + ["-e", statements])
    }

    /// Stops the server by its pid and waits for it to go.
    public func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
    }

    /// A server of this folder that a crashed run left running, by its pid
    /// file, only when that pid is a mariadbd.
    private func stopLeftover() throws {
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = Int32(text.filter(\.isNumber)),
              let command = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
              command.hasPrefix("mariadbd") || command.hasPrefix("mysqld")
        else { return }
        kill(pid, SIGTERM)
        for _ in 0..<300 where kill(pid, 0) == 0 { usleep(100_000) }
    }

    /// Running as root needs saying so; any other user runs as itself.
    private static var runAs: [String] { getuid() == 0 ? ["--user=root"] : [] }
    /// A small server: the tests hold a few hundred rows.
    private static let small = ["--innodb-buffer-pool-size=16M", "--innodb-log-file-size=4M"]

    /// A MariaDB program, on PATH or in /usr/sbin, /usr/bin.
    private static func program(_ name: String) throws -> String {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in folders + ["/usr/sbin", "/usr/bin"] where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return "\(folder)/\(name)"
        }
        throw Failure("\(name) not found: install mariadb-server and mariadb-client (make deps)")
    }

    private static func run(_ program: String, _ arguments: [String]) throws -> ToolResult {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        return try ToolRunner.runExecutable(program, arguments, stdin: nil, directory: nil, environment: environment)
    }

    /// Why the server could not be set up.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }
}
