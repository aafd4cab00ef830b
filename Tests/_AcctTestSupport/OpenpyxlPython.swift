import Foundation

/// A Python that can import openpyxl, to read workbooks back: `python3` on
/// PATH (a pyenv or virtualenv with `pip install openpyxl`), else Debian's
/// /usr/bin/python3 with python3-openpyxl, which `make deps` installs.
public enum OpenpyxlPython {
    public static let path: String? = {
        for candidate in ["/usr/bin/env python3", "/usr/bin/python3"] {
            let words = candidate.split(separator: " ").map(String.init)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: words[0])
            process.arguments = Array(words.dropFirst()) + ["-c", "import openpyxl"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            if process.terminationStatus == 0 { return words.count > 1 ? resolve(words[1]) : words[0] }
        }
        return nil
    }()

    /// The full path of a program on PATH.
    private static func resolve(_ name: String) -> String {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return name
    }
}
