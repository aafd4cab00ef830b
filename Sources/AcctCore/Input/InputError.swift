/// Why input could not be read.
public enum InputError: Error, Equatable, CustomStringConvertible {
    /// open(2) failed, or the path is a directory.
    case openFailed(path: String, errno: Int32)
    /// read(2) failed.
    case readFailed(path: String, errno: Int32)
    /// libzstd rejected the data; `offset` is the compressed byte it had reached.
    case corruptCompressedData(path: String, offset: Int, reason: String)
    /// The input ended inside a zstd frame.
    case truncatedCompressedData(path: String, offset: Int)

    /// The message, naming the input first: "x.ndjson: no such file or directory".
    public var description: String {
        switch self {
        case let .openFailed(path, code):
            return "\(path): \(SystemError.message(code))"
        case let .readFailed(path, code):
            return "\(path): read error: \(SystemError.message(code))"
        case let .corruptCompressedData(path, offset, reason):
            return "\(path): corrupt zstd data at byte \(offset): \(reason)"
        case let .truncatedCompressedData(path, offset):
            return "\(path): truncated zstd data: input ends inside a frame at byte \(offset)"
        }
    }
}
