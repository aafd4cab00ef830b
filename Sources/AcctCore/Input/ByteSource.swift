import CZstd
import Glibc

/// Bytes from a file or standard input, zstd-decompressed when the path
/// ends in `.zst` or the data starts with the zstd magic number (so
/// `zstd -c x | tool` works too).
public final class ByteSource {
    /// The name standard input goes by in messages.
    public static let standardInputName = "<stdin>"

    /// The read size: large reads keep the syscall count low on GB inputs.
    public static let chunkSize = 1 << 20

    private static let zstdMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    private enum Mode {
        /// Not known yet: the first bytes decide.
        case sniffing
        case plain
        case zstd
    }

    /// The input's name in messages: the path, or `<stdin>`.
    public let name: String

    private var fileDescriptor: Int32
    private let ownsDescriptor: Bool
    private var mode: Mode
    private var atEnd = false
    /// Bytes read while sniffing, handed out before reading more (plain mode).
    private var sniffed: [UInt8] = []
    /// Compressed input not yet decompressed (zstd mode).
    private var input: UnsafeMutablePointer<UInt8>?
    private var inputStart = 0
    private var inputEnd = 0
    /// All bytes read from the descriptor, for error offsets.
    private var bytesRead = 0
    private var decompressor: OpaquePointer?
    /// Whether the last zstd call left a frame unfinished.
    private var insideFrame = false
    /// The size of a regular file opened by path, from the fstat(2) at open.
    private var regularFileSize: Int?

    /// Opens `path`, or standard input when `path` is nil or `-`.
    public init(path: String?) throws(InputError) {
        guard let path, path != "-" else {
            self.name = Self.standardInputName
            self.fileDescriptor = 0
            self.ownsDescriptor = false
            self.mode = .sniffing
            return
        }
        let fd: Int32
        switch Descriptor.open(path, O_RDONLY) {
        case .success(let opened): fd = opened
        case .failure(let error): throw .openFailed(path: path, errno: error.code)
        }
        // open(2) accepts a directory; say so now rather than at read(2).
        var status = stat()
        if fstat(fd, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR {
            _ = Glibc.close(fd)
            throw .openFailed(path: path, errno: EISDIR)
        }
        if status.st_mode & S_IFMT == S_IFREG { regularFileSize = Int(status.st_size) }
        self.name = path
        self.fileDescriptor = fd
        self.ownsDescriptor = true
        self.mode = path.hasSuffix(".zst") ? .zstd : .sniffing
    }

    /// Reads from an open descriptor, which the source does not close.
    public init(fileDescriptor: Int32, name: String) {
        self.name = name
        self.fileDescriptor = fileDescriptor
        self.ownsDescriptor = false
        self.mode = .sniffing
    }

    deinit {
        close()
    }

    /// Whether the input is zstd-compressed (known after the first read).
    public var isCompressed: Bool { mode == .zstd }

    /// Reads up to `buffer.count` bytes (decompressed) into `buffer`, which
    /// must not be empty.
    /// - Returns: the number of bytes read; 0 only at the end of the input.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        precondition(buffer.count > 0, "ByteSource.read needs room to read into")
        if mode == .sniffing { try sniff() }
        if mode == .zstd { return try decompress(into: buffer) }
        if !sniffed.isEmpty {
            let n = min(sniffed.count, buffer.count)
            sniffed.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: n) }
            sniffed.removeFirst(n)
            return n
        }
        if atEnd { return 0 }
        let n = try readDescriptor(buffer.baseAddress!, buffer.count)
        if n == 0 { atEnd = true }
        return n
    }

    /// Replaces `buffer`'s contents with the whole (decompressed) input.
    public func readAll(into buffer: AlignedBuffer) throws(InputError) {
        buffer.removeAll()
        var status = stat()
        var size = regularFileSize
        if size == nil && mode != .zstd && fstat(fileDescriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG {
            size = Int(status.st_size)
        }
        if let size {
            // One more byte than the size, so the final read finds the end
            // without growing the buffer.
            buffer.reserveCapacity(additional: size + 1)
        }
        while true {
            if buffer.unusedCapacity.count == 0 {
                buffer.reserveCapacity(additional: max(buffer.capacity, Self.chunkSize))
            }
            let n = try read(into: buffer.unusedCapacity)
            if n == 0 { return }
            buffer.didAppend(n)
            // A plain file read to the size it had at open is whole: no
            // further read(2) just to see its end.
            if mode == .plain, let size, buffer.count == size, regularFileSize != nil { return }
        }
    }

    /// Closes a file the source opened; reads after it return the end.
    public func close() {
        if ownsDescriptor && fileDescriptor >= 0 {
            _ = Glibc.close(fileDescriptor)
        }
        fileDescriptor = -1
        atEnd = true
        sniffed = []
        inputStart = inputEnd
        insideFrame = false
        if let decompressor { ZSTD_freeDCtx(decompressor) }
        decompressor = nil
        input?.deallocate()
        input = nil
    }

    /// Reads the first four bytes (or all there is) to look for the magic.
    private func sniff() throws(InputError) {
        let head = UnsafeMutableRawPointer.allocate(byteCount: 4, alignment: 1)
        defer { head.deallocate() }
        var have = 0
        while have < 4 {
            let n = try readDescriptor(head + have, 4 - have)
            if n == 0 {
                atEnd = true
                break
            }
            have += n
        }
        let bytes = UnsafeRawBufferPointer(start: head, count: have)
        if bytes.elementsEqual(Self.zstdMagic) {
            mode = .zstd
            try startDecompression()
            UnsafeMutableRawPointer(input!).copyMemory(from: head, byteCount: have)
            inputEnd = have
        } else {
            mode = .plain
            sniffed = Array(bytes)
        }
    }

    private func startDecompression() throws(InputError) {
        guard let context = ZSTD_createDCtx() else {
            throw .corruptCompressedData(path: name, offset: 0, reason: "out of memory")
        }
        decompressor = context
        input = .allocate(capacity: Self.chunkSize)
    }

    private func decompress(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if decompressor == nil { try startDecompression() }
        guard let decompressor, let input else { return 0 }
        var output = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
        while true {
            if inputStart == inputEnd && !atEnd {
                inputStart = 0
                inputEnd = try readDescriptor(input, Self.chunkSize)
                if inputEnd == 0 { atEnd = true }
            }
            let noInput = inputStart == inputEnd
            if noInput && !insideFrame { return output.pos }
            // With no input left this call still drains what zstd holds.
            var chunk = ZSTD_inBuffer(src: input + inputStart, size: inputEnd - inputStart, pos: 0)
            let result = ZSTD_decompressStream(decompressor, &output, &chunk)
            let offset = bytesRead - (inputEnd - inputStart) + chunk.pos
            inputStart += chunk.pos
            if ZSTD_isError(result) != 0 {
                let reason = SystemError.lowercasingFirstWord(String(cString: ZSTD_getErrorName(result)))
                throw .corruptCompressedData(path: name, offset: offset, reason: reason)
            }
            insideFrame = result != 0
            if output.pos > 0 { return output.pos }
            if noInput {
                if insideFrame { throw .truncatedCompressedData(path: name, offset: bytesRead) }
                return 0
            }
        }
    }

    /// One read(2) (Descriptor's retry loop), counted for error offsets.
    private func readDescriptor(_ start: UnsafeMutableRawPointer, _ count: Int) throws(InputError) -> Int {
        if fileDescriptor < 0 { return 0 }
        switch Descriptor.read(fileDescriptor, into: UnsafeMutableRawBufferPointer(start: start, count: count)) {
        case .success(let n):
            bytesRead += n
            return n
        case .failure(let error):
            throw .readFailed(path: name, errno: error.code)
        }
    }
}
