/// The compressed formats every tool reads transparently, known by their
/// magic bytes (in files and on standard input alike).
public enum CompressionFormat: String, Sendable {
    case zstd
    case gzip

    /// zstd frames start 28 B5 2F FD (RFC 8878); gzip members 1F 8B (RFC 1952).
    static func sniff(_ head: UnsafeRawBufferPointer) -> CompressionFormat? {
        if head.count >= 4 && head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD { return .zstd }
        if head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B { return .gzip }
        return nil
    }

    /// What the format calls one compressed unit, for messages.
    var unitName: String { self == .zstd ? "frame" : "member" }

    func makeDecompressor() throws(DecompressionFailure) -> Decompressor {
        switch self {
        case .zstd: return try ZstdDecompressor()
        case .gzip: return try GzipDecompressor()
        }
    }
}

/// Why the library refused the data, in its own words, and how far into
/// the input it had read.
struct DecompressionFailure: Error {
    let reason: String
    var consumed = 0
}

/// One streaming decompressor: fed compressed bytes as they are read, it
/// fills the output; frames (zstd) or members (gzip) may follow one
/// another, as `cat a.zst b.zst` makes them.
protocol Decompressor: AnyObject {
    /// Decodes from `input` into `output`; returns the bytes of each used.
    func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(DecompressionFailure) -> (consumed: Int, produced: Int)
    /// Whether a frame or member is begun and not finished: the input may
    /// not end here.
    var isInsideFrame: Bool { get }
}
