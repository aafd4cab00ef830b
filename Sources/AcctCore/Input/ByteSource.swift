import Glibc

/// Bytes from a file or standard input, decompressed when the data starts
/// with the zstd or gzip magic number (so `zstd -c x | tool` and
/// `gzip -c x | tool` work too), or when the path ends in `.zst` or `.gz`.
public final class ByteSource {
    /// The name standard input goes by in messages.
    public static let standardInputName = "<stdin>"

    /// The read size: large reads keep the syscall count low on GB inputs.
    public static let chunkSize = 1 << 20

    private enum Mode: Equatable {
        /// Not known yet: the first bytes decide.
        case sniffing
        case plain
        case compressed(CompressionFormat)
    }

    /// The input's name in messages: the path, or `<stdin>`.
    public let name: String

    private var fileDescriptor: Int32
    private let ownsDescriptor: Bool
    /// Where the bytes come from instead of a descriptor (a member of an
    /// archive), when set.
    private var pull: ((UnsafeMutableRawBufferPointer) throws(InputError) -> Int)?
    private var mode: Mode
    private var atEnd = false
    /// Bytes read while sniffing, handed out before reading more (plain mode).
    private var sniffed: [UInt8] = []
    /// Compressed input not yet decompressed.
    private var input: UnsafeMutablePointer<UInt8>?
    private var inputStart = 0
    private var inputEnd = 0
    /// All bytes read from the descriptor, for error offsets.
    private var bytesRead = 0
    private var decompressor: Decompressor?
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
        self.mode = path.hasSuffix(".zst") ? .compressed(.zstd) : path.hasSuffix(".gz") ? .compressed(.gzip) : .sniffing
    }

    /// Reads the bytes `pull` hands out (up to the buffer's size; 0 at
    /// their end), decompressed as a file's are: by their magic number, or
    /// by a name ending in `.zst` or `.gz`. So a compressed file inside an
    /// archive reads like one on disk.
    public init(name: String, pull: @escaping (UnsafeMutableRawBufferPointer) throws(InputError) -> Int) {
        self.name = name
        self.fileDescriptor = -1
        self.ownsDescriptor = false
        self.pull = pull
        self.mode = name.hasSuffix(".zst") ? .compressed(.zstd) : name.hasSuffix(".gz") ? .compressed(.gzip) : .sniffing
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

    /// The input's compression, known after the first read.
    public var compression: CompressionFormat? {
        if case .compressed(let format) = mode { return format }
        return nil
    }

    /// Reads up to `buffer.count` bytes (decompressed) into `buffer`, which
    /// must not be empty.
    /// - Returns: the number of bytes read; 0 only at the end of the input.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        precondition(buffer.count > 0, "ByteSource.read needs room to read into")
        if mode == .sniffing { try sniff() }
        if case .compressed(let format) = mode { return try decompress(format, into: buffer) }
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
    /// More than `limit` bytes throw `fileTooLarge`, with no more than that
    /// read into memory; a regular file larger than `limit` (even a sparse
    /// or compressed one, which decompresses to more still) is refused
    /// before any read.
    public func readAll(into buffer: AlignedBuffer, limit: Int = .max) throws(InputError) {
        buffer.removeAll()
        var status = stat()
        var size = regularFileSize
        if size == nil && compression == nil && fstat(fileDescriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG {
            size = Int(status.st_size)
        }
        if let size, size > limit { throw .fileTooLarge(path: name, limit: limit) }
        if let size {
            // One more byte than the size, so the final read finds the end
            // without growing the buffer.
            buffer.reserveCapacity(additional: size + 1)
        }
        while true {
            // Room for one byte past the limit, to see that it is passed.
            let allowed = limit == .max ? Int.max : limit + 1 - buffer.count
            if buffer.unusedCapacity.count == 0 {
                buffer.reserveCapacity(additional: min(max(buffer.capacity, Self.chunkSize), allowed))
            }
            let room = buffer.unusedCapacity
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: room[..<min(room.count, allowed)]))
            if n == 0 { return }
            buffer.didAppend(n)
            if buffer.count > limit { throw .fileTooLarge(path: name, limit: limit) }
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
        pull = nil
        atEnd = true
        sniffed = []
        inputStart = inputEnd
        decompressor = nil
        input?.deallocate()
        input = nil
    }

    /// Reads the first four bytes (or all there is) to look for a magic number.
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
        if let format = CompressionFormat.sniff(bytes) {
            mode = .compressed(format)
            try startDecompression(format)
            UnsafeMutableRawPointer(input!).copyMemory(from: head, byteCount: have)
            inputEnd = have
        } else {
            mode = .plain
            sniffed = Array(bytes)
        }
    }

    private func startDecompression(_ format: CompressionFormat) throws(InputError) {
        do {
            decompressor = try format.makeDecompressor()
        } catch {
            throw .corruptCompressedData(path: name, format: format, offset: 0, reason: error.reason)
        }
        input = .allocate(capacity: Self.chunkSize)
    }

    private func decompress(_ format: CompressionFormat, into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if decompressor == nil { try startDecompression(format) }
        guard let decompressor, let input else { return 0 }
        while true {
            if inputStart == inputEnd && !atEnd {
                inputStart = 0
                inputEnd = try readDescriptor(input, Self.chunkSize)
                if inputEnd == 0 { atEnd = true }
            }
            let noInput = inputStart == inputEnd
            if noInput && !decompressor.isInsideFrame { return 0 }
            // With no input left this call still drains what the library holds.
            let used: (consumed: Int, produced: Int)
            do {
                used = try decompressor.decode(UnsafeRawBufferPointer(start: input + inputStart, count: inputEnd - inputStart),
                                               into: buffer)
            } catch {
                let offset = bytesRead - (inputEnd - inputStart) + error.consumed
                throw .corruptCompressedData(path: name, format: format, offset: offset, reason: error.reason)
            }
            inputStart += used.consumed
            if used.produced > 0 { return used.produced }
            if noInput && used.consumed == 0 {
                if decompressor.isInsideFrame {
                    throw .truncatedCompressedData(path: name, format: format, offset: bytesRead)
                }
                return 0
            }
        }
    }

    /// One read(2) (Descriptor's retry loop), counted for error offsets.
    private func readDescriptor(_ start: UnsafeMutableRawPointer, _ count: Int) throws(InputError) -> Int {
        if let pull {
            let n = try pull(UnsafeMutableRawBufferPointer(start: start, count: count))
            bytesRead += n
            return n
        }
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
