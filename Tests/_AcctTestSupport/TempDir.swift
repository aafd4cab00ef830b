import Foundation

/// A fresh directory under the system temporary directory, removed when the
/// value goes away (or by `remove()`).
public final class TempDir {
    /// The directory's absolute path.
    public let path: String

    /// Creates the directory (`PREFIX.XXXXXX` under `base`, else $TMPDIR
    /// or /tmp).
    public init(prefix: String = "acct-test", in base: String? = nil) throws {
        let base = base ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/\(prefix).XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: base])
        }
        path = String(cString: made)
    }

    deinit {
        remove()
    }

    /// The directory as a URL (a working directory for tool runs).
    public var url: URL { URL(fileURLWithPath: path) }

    /// Copies a file or folder to `name` inside the directory.
    public func copy(_ source: URL, to name: String) throws {
        let target = path(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source.path, toPath: target)
    }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String {
        "\(path)/\(name)"
    }

    /// Writes `bytes` to `name` (creating folders on the way); returns the file's path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = path(name)
        let folder = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Writes `text` as UTF-8 to `name`; returns the file's path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    /// The bytes of the file `name`.
    public func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// Removes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
