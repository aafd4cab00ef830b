/// Why input could not be read.
public enum InputError: Error, Equatable, CustomStringConvertible {
    /// open(2) failed, or the path is a directory.
    case openFailed(path: String, errno: Int32)
    /// read(2) failed.
    case readFailed(path: String, errno: Int32)
    /// libzstd or zlib rejected the data; `offset` is the compressed byte
    /// it had reached.
    case corruptCompressedData(path: String, format: CompressionFormat, offset: Int, reason: String)
    /// The input ended inside a zstd frame or gzip member.
    case truncatedCompressedData(path: String, format: CompressionFormat, offset: Int)
    /// What a source's `pull` could not read, in the words of the reader
    /// below it ("day.tar.gz: truncated archive").
    case pullFailed(message: String)

    /// The message, naming the input first: "x.ndjson: no such file or directory".
    public var description: String {
        switch self {
        case let .openFailed(path, code):
            return "\(path): \(SystemError.message(code))"
        case let .readFailed(path, code):
            return "\(path): read error: \(SystemError.message(code))"
        case let .corruptCompressedData(path, format, offset, reason):
            return "\(path): corrupt \(format) data at byte \(offset): \(reason)"
        case let .truncatedCompressedData(path, format, offset):
            return "\(path): truncated \(format) data: input ends inside a \(format.unitName) at byte \(offset)"
        case let .pullFailed(message):
            return message
        }
    }
}
