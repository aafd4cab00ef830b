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
    /// A line went on past `limit` bytes; the reader drops the rest of it
    /// and goes on with the next line.
    case lineTooLong(path: String, line: Int, limit: Int)
    /// A file read whole holds more than `limit` bytes (decompressed).
    case fileTooLarge(path: String, limit: Int)
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
        case let .lineTooLong(path, line, limit):
            return "\(path):\(line): " + Self.lineTooLongMessage(limit: limit)
        case let .fileTooLarge(path, limit):
            return "\(path): larger than \(Self.size(limit)) (--max-file-size); skipped"
        case let .pullFailed(message):
            return message
        }
    }

    /// "line longer than 64 MiB; skipped".
    public static func lineTooLongMessage(limit: Int) -> String {
        "line longer than \(size(limit)); skipped"
    }

    /// "64 MiB", "1 KiB", "100 bytes".
    public static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
