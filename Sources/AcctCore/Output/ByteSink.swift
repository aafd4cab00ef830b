import CZstd
import Glibc

/// Buffered (and optionally zstd-compressed) output to a file descriptor.
///
/// Callers encode whole records into `buffer` and call `endRecord()` after
/// each. Bytes reach the descriptor only at record boundaries, so a tool that
/// stops on a fatal error never leaves half a line behind. Call `finish()`
/// at the end: unflushed bytes are lost otherwise.
public final class ByteSink {
    /// The name standard output goes by in messages.
    public static let standardOutputName = "<stdout>"

    /// The default flush threshold: large writes are what make pipes fast.
    public static let defaultThreshold = 1 << 20

    /// The buffer callers encode records into.
    public let buffer: OutputBuffer

    /// The output's name in messages: the path, or `<stdout>`.
    public let name: String

    private let fileDescriptor: Int32
    private let ownsDescriptor: Bool
    private let threshold: Int
    /// Bytes of `buffer` that form whole records. Unchecked: the runtime
    /// exclusivity check would be paid once per record.
    @exclusivity(unchecked) private var committed = 0
    private var compressor: OpaquePointer?
    private var compressed: UnsafeMutablePointer<UInt8>?
    private var compressedCapacity = 0
    private var failure: OutputError?
    private var finished = false

    /// Creates a sink on an open descriptor (standard output by default),
    /// which the sink does not close.
    ///
    /// On a terminal each record is written as it ends, so interactive use
    /// shows output at once; elsewhere writes wait for `threshold` bytes.
    public init(fileDescriptor: Int32 = 1, name: String = ByteSink.standardOutputName,
                compress: Bool = false, threshold: Int? = nil) throws(OutputError) {
        self.fileDescriptor = fileDescriptor
        self.ownsDescriptor = false
        self.name = name
        self.threshold = threshold ?? (isatty(fileDescriptor) == 1 ? 0 : Self.defaultThreshold)
        self.buffer = OutputBuffer(capacity: max(self.threshold, 4096) + 4096)
        Self.widenPipe(fileDescriptor)
        if compress { try startCompression() }
    }

    /// A 64 KiB pipe makes each 1 MiB write sixteen trips through the
    /// scheduler on a 2-core box; a pipe as large as the write buffer lets
    /// the reader take it in one (`capnp-cat | cat` was a third slower).
    /// Best effort: the kernel may cap the size, and a non-pipe ignores it.
    private static func widenPipe(_ fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFIFO else { return }
        _ = fcntl(fd, 1031 /* F_SETPIPE_SZ */, Int32(defaultThreshold))
    }

    /// A sink that only collects: a worker of a parallel run (`-j`)
    /// encodes a chunk's records into it, and the run's own sink writes
    /// them (`write(recordsOf:)`) in input order.
    public init(collectingCapacity capacity: Int) {
        fileDescriptor = -1
        ownsDescriptor = false
        name = Self.standardOutputName
        threshold = Int.max
        buffer = OutputBuffer(capacity: capacity)
    }

    /// Writes the whole records another sink collected, after this one's.
    public func write(recordsOf collected: ByteSink) throws(OutputError) {
        if let failure { throw failure }
        let records = collected.buffer
        guard records.count > 0 else { return }
        if compressor == nil && records.count >= threshold {
            // A chunk's worth goes out as it stands, without a copy.
            if committed > 0 { try writeCommitted(ZSTD_e_continue) }
            try writeAll(records.base, records.count)
            return
        }
        records.withUnsafeBytes { buffer.append($0) }
        try endRecord()
    }

    /// Creates (or truncates) the file at `path` and writes into it,
    /// zstd-compressed when `path` ends in `.zst`.
    public init(path: String, threshold: Int = ByteSink.defaultThreshold) throws(OutputError) {
        let fd: Int32
        switch Descriptor.open(path, O_WRONLY | O_CREAT | O_TRUNC) {
        case .success(let opened): fd = opened
        case .failure(let error): throw .openFailed(path: path, errno: error.code)
        }
        self.fileDescriptor = fd
        self.ownsDescriptor = true
        self.name = path
        self.threshold = threshold
        self.buffer = OutputBuffer(capacity: max(threshold, 4096) + 4096)
        if path.hasSuffix(".zst") { try startCompression() }
    }

    deinit {
        if let compressor { ZSTD_freeCCtx(compressor) }
        compressed?.deallocate()
        if ownsDescriptor && !finished { close(fileDescriptor) }
    }

    /// Ignores SIGPIPE for the process, so a closed pipe shows up as
    /// `OutputError.brokenPipe` instead of killing the tool.
    public static func ignoreSIGPIPE() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Marks the end of a record; writes the buffer once it holds the
    /// threshold.
    @inline(__always)
    public func endRecord() throws(OutputError) {
        committed = buffer.count
        if committed >= threshold { try writeCommitted(ZSTD_e_continue) }
    }

    /// Drops what was appended since the last `endRecord()`, e.g. a record
    /// whose encoding failed half way.
    public func discardPartialRecord() {
        buffer.truncate(to: committed)
    }

    /// Writes every whole record now (and, compressed, flushes zstd's
    /// block), e.g. before waiting on slow input. A partial record stays.
    public func flush() throws(OutputError) {
        try writeCommitted(ZSTD_e_flush)
    }

    /// Writes everything in the buffer, ends the zstd frame and closes a
    /// file the sink opened. Calling it again does nothing.
    public func finish() throws(OutputError) {
        if finished { return }
        committed = buffer.count
        try writeCommitted(ZSTD_e_end)
        finished = true
        if ownsDescriptor && close(fileDescriptor) != 0 && errno != EINTR {
            throw remember(.writeFailed(path: name, errno: errno))
        }
    }

    private func startCompression() throws(OutputError) {
        guard let context = ZSTD_createCCtx() else {
            throw .compressionFailed(path: name, reason: "out of memory")
        }
        compressor = context
        let status = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, 3)
        if ZSTD_isError(status) != 0 {
            throw .compressionFailed(path: name, reason: Self.zstdError(status))
        }
        compressedCapacity = max(ZSTD_CStreamOutSize(), Self.defaultThreshold)
        compressed = .allocate(capacity: compressedCapacity)
    }

    private func writeCommitted(_ directive: ZSTD_EndDirective) throws(OutputError) {
        if let failure { throw failure }
        precondition(!finished, "ByteSink used after finish()")
        let count = committed
        if let compressor, let compressed {
            var input = ZSTD_inBuffer(src: buffer.base, size: count, pos: 0)
            var output = ZSTD_outBuffer(dst: compressed, size: compressedCapacity, pos: 0)
            while true {
                let remaining = ZSTD_compressStream2(compressor, &output, &input, directive)
                if ZSTD_isError(remaining) != 0 {
                    throw remember(.compressionFailed(path: name, reason: Self.zstdError(remaining)))
                }
                let done = input.pos == input.size && (directive == ZSTD_e_continue || remaining == 0)
                if output.pos == output.size || (done && output.pos > 0) {
                    try writeAll(UnsafeRawPointer(compressed), output.pos)
                    output.pos = 0
                }
                if done { break }
            }
        } else if count > 0 {
            try writeAll(buffer.base, count)
        }
        buffer.removeFirst(count)
        committed = 0
    }

    private func writeAll(_ start: UnsafeRawPointer, _ count: Int) throws(OutputError) {
        switch Descriptor.writeAll(fileDescriptor, UnsafeRawBufferPointer(start: start, count: count))?.code {
        case nil: return
        case EPIPE: throw remember(.brokenPipe)
        case let code?: throw remember(.writeFailed(path: name, errno: code))
        }
    }

    /// Later calls repeat the first failure instead of writing after a gap.
    private func remember(_ error: OutputError) -> OutputError {
        failure = error
        return error
    }

    private static func zstdError(_ code: Int) -> String {
        SystemError.lowercasingFirstWord(String(cString: ZSTD_getErrorName(code)))
    }
}
