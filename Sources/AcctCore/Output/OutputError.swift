/// Why output could not be written.
public enum OutputError: Error, Equatable, CustomStringConvertible {
    /// The reader went away (`| head`); tools end quietly with status 0.
    case brokenPipe
    /// The output file could not be created.
    case openFailed(path: String, errno: Int32)
    /// write(2) or close(2) failed, e.g. with ENOSPC.
    case writeFailed(path: String, errno: Int32)
    /// libzstd refused to compress (it names the reason).
    case compressionFailed(path: String, reason: String)
    /// A whole-table output (the xlsx workbook) failed; the reason names it.
    case tableFailed(reason: String)

    /// The message, e.g. "write error: no space left on device" for
    /// standard output or "out.zst: write error: ..." for a file.
    public var description: String {
        switch self {
        case .brokenPipe:
            return "broken pipe"
        case let .openFailed(path, code):
            return "\(path): \(SystemError.message(code))"
        case let .writeFailed(path, code):
            return Self.prefix(path) + "write error: \(SystemError.message(code))"
        case let .compressionFailed(path, reason):
            return Self.prefix(path) + "zstd compression failed: \(reason)"
        case let .tableFailed(reason):
            return reason
        }
    }

    private static func prefix(_ path: String) -> String {
        path == ByteSink.standardOutputName ? "" : "\(path): "
    }
}
