import Glibc

/// One input line, without its line end.
public struct Line {
    /// The line's bytes: no `\n`, no `\r` before it, no leading BOM. Valid
    /// only until the reader's next call.
    public let bytes: UnsafeRawBufferPointer
    /// The 1-based line number.
    public let number: Int
    /// The input's name in messages (`<stdin>` for standard input).
    public let sourceName: String
}

/// Splits a `ByteSource` into lines in place: a line is handed out as a
/// pointer into the read buffer, so reading allocates nothing per line.
///
/// Accepts `\n` and `\r\n` line ends, a missing final newline and a UTF-8
/// byte order mark at the start of the input. A line longer than the buffer
/// grows it, up to `maxLineLength`: a longer line is reported (thrown as
/// `InputError.lineTooLong`) as soon as that many bytes are read without a
/// newline, and the rest of it is read and dropped without being kept, so a
/// few kilobytes of zstd holding a 4 GiB line cost no more than the limit.
public final class LineReader {
    /// The most bytes a line may take, its line end included: 64 MiB (a
    /// power of two, which the buffer's doubling reaches without a last
    /// step past it), far above a real
    /// record (an OpenVCloud account-hour is under a kilobyte, the largest
    /// raw Cap'n Proto dumps a few megabytes) and far below what a
    /// decompression bomb would otherwise make the buffer grow to.
    public static let defaultMaxLineLength = 64 << 20

    /// The most bytes a line may take, its line end included.
    public let maxLineLength: Int

    /// The source the lines come from; nil for lines held in memory.
    public let source: ByteSource?
    /// The input's name in messages.
    private let sourceName: String
    /// Whether `storage` is the reader's own to free (not a chunk's).
    private let ownsStorage: Bool

    // Runtime exclusivity checks on these class properties would cost more
    // per line than finding the line; no access to them can overlap.
    @exclusivity(unchecked) private var storage: GrowableStorage<UInt8>
    private var buffer: UnsafeMutableRawPointer { UnsafeMutableRawPointer(storage.base) }
    private var capacity: Int { storage.capacity }
    /// Unread bytes are buffer[start..<end]; buffer[start..<scanned] holds no newline.
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var scanned = 0
    @exclusivity(unchecked) private var atEnd = false
    @exclusivity(unchecked) private var lineNumber = 0
    /// The line in the buffer was too long: drop bytes up to its newline.
    @exclusivity(unchecked) private var skipping = false

    /// Reads lines from `source`, `bufferSize` bytes at a time, each at
    /// most `maxLineLength` bytes long.
    public init(source: ByteSource, bufferSize: Int = ByteSource.chunkSize,
                maxLineLength: Int = LineReader.defaultMaxLineLength) {
        self.source = source
        sourceName = source.name
        ownsStorage = true
        self.maxLineLength = max(maxLineLength, 1)
        storage = GrowableStorage(capacity: max(min(bufferSize, self.maxLineLength), 16))
    }

    /// Reads the lines of a chunk of an input (`-j`), numbered from its
    /// first line's number; the chunk stays the owner of its bytes and
    /// must outlive the reader.
    public init(chunk: InputChunk) {
        source = nil
        maxLineLength = LineReader.defaultMaxLineLength
        // A copy with storage of its own: every line hands out the name,
        // and retaining one name shared by every worker's reader is an
        // atomic on a cache line the cores take from each other per line.
        sourceName = String(decoding: Array(chunk.sourceName.utf8), as: UTF8.self)
        ownsStorage = false
        storage = chunk.storage
        end = chunk.count
        atEnd = true
        lineNumber = chunk.firstLine - 1
    }

    deinit {
        if ownsStorage { storage.free() }
    }

    /// The next line, or nil at the end of the input. A line longer than
    /// `maxLineLength` throws `lineTooLong`; the next call goes on after it.
    public func next() throws(InputError) -> Line? {
        if skipping { try skipRestOfLine() }
        while true {
            if let newline = memchr(buffer + scanned, 0x0A, end - scanned) {
                let lineEnd = buffer.distance(to: newline)
                let lineStart = start
                start = lineEnd + 1
                scanned = start
                return makeLine(from: lineStart, to: lineEnd)
            }
            scanned = end
            if atEnd {
                guard start < end else { return nil }
                let lineStart = start
                start = end
                return makeLine(from: lineStart, to: end)
            }
            try fill()
        }
    }

    /// Moves the partial line to the front (growing the buffer when the
    /// line fills it) and reads more after it.
    private func fill() throws(InputError) {
        if start > 0 {
            memmove(buffer, buffer + start, end - start)
            end -= start
            scanned -= start
            start = 0
        }
        guard let source else {
            atEnd = true
            return
        }
        if end == capacity {
            // The buffer holds one partial line: with the limit's bytes and
            // no line end yet, the line is longer.
            if end >= maxLineLength { throw tooLong() }
            storage.reserve(capacity + 1, keeping: end, atMost: maxLineLength)
        }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if n == 0 {
            atEnd = true
        } else {
            end += n
        }
    }

    /// Drops the partial line, counts it, and says where it was.
    private func tooLong() -> InputError {
        start = 0
        end = 0
        scanned = 0
        skipping = true
        lineNumber += 1
        return .lineTooLong(path: sourceName, line: lineNumber, limit: maxLineLength)
    }

    /// Reads on to the end of the line that was too long, keeping nothing.
    private func skipRestOfLine() throws(InputError) {
        while true {
            if let newline = memchr(buffer + start, 0x0A, end - start) {
                start = buffer.distance(to: newline) + 1
                scanned = start
                skipping = false
                return
            }
            start = 0
            end = 0
            scanned = 0
            if atEnd {
                skipping = false
                return
            }
            try fill()
        }
    }

    private func makeLine(from lineStart: Int, to lineEnd: Int) -> Line {
        var first = lineStart
        var last = lineEnd
        if last > first && buffer.load(fromByteOffset: last - 1, as: UInt8.self) == 0x0D {
            last -= 1
        }
        lineNumber += 1
        if lineNumber == 1 && last - first >= 3
            && buffer.load(fromByteOffset: first, as: UInt8.self) == 0xEF
            && buffer.load(fromByteOffset: first + 1, as: UInt8.self) == 0xBB
            && buffer.load(fromByteOffset: first + 2, as: UInt8.self) == 0xBF {
            first += 3
        }
        return Line(bytes: UnsafeRawBufferPointer(start: buffer + first, count: last - first),
                    number: lineNumber, sourceName: sourceName)
    }
}
