import AcctCore
import CZlib
import Glibc

/// Changes the uncompressed bytes of one zip entry as they stream through.
protocol ZipEntryEditor: AnyObject {
    /// Takes the next chunk of the entry (`final` with the last, which may
    /// be empty) and passes the edited bytes on through `emit`.
    func edit(_ chunk: UnsafeRawBufferPointer, final: Bool, emit: (UnsafeRawBufferPointer) throws -> Void) throws
}

/// Rewrites a finished zip file with some entries edited: the workbook
/// libxlsxwriter wrote, whose worksheets need their number text put right.
///
/// The file is mapped, its name unlinked and a new file written under the
/// same name: entries not edited are copied byte for byte (local header,
/// data, any data descriptor), edited ones are inflated, edited and
/// deflated again with their CRC and sizes in a ZIP64 extra field, as
/// minizip writes them for libxlsxwriter with `use_zip64`; the central
/// directory follows, ZIP64 records only where a size or an offset needs
/// them (APPNOTE 4.3.9, 4.4, 4.5.3).
enum ZipRewriter {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// One central directory record, as read.
    private struct Entry {
        var record: Range<Int>
        var name: [UInt8]
        var versionMadeBy: UInt16
        var versionNeeded: UInt16
        var flags: UInt16
        var method: UInt16
        var time: UInt16
        var date: UInt16
        var crc: UInt32
        var compressedSize: UInt64
        var size: UInt64
        var localOffset: UInt64
        var internalAttributes: UInt16
        var externalAttributes: UInt32
        /// Extra fields other than ZIP64's, kept as they are.
        var otherExtra: [UInt8]
        var comment: [UInt8]
        /// Where the entry's bytes end in the file: the next entry's local
        /// header, or the central directory.
        var end: UInt64 = 0
    }

    static func rewrite(path: String, editors: [String: ZipEntryEditor]) throws(Failure) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw systemFailure("cannot reopen the workbook") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let failure = systemFailure("cannot read the workbook")
            close(fd)
            throw failure
        }
        let size = Int(info.st_size)
        guard size > 0, let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
            let failure = systemFailure("cannot read the workbook")
            close(fd)
            throw failure
        }
        close(fd)
        defer { munmap(map, size) }
        let bytes = UnsafeRawBufferPointer(start: map, count: size)
        var (entries, directoryStart) = try readDirectory(bytes)
        guard Set(editors.keys).isSubset(of: Set(entries.map { String(decoding: $0.name, as: UTF8.self) })) else {
            throw Failure(description: "an entry to edit is not in the workbook")
        }
        // The old file stays mapped while the new one takes its name.
        guard unlink(path) == 0 else { throw systemFailure("cannot replace the workbook") }
        let out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard out >= 0 else { throw systemFailure("cannot replace the workbook") }
        let writer = FileWriter(fd: out)
        defer { writer.close() }

        // Entries in file order, so each one's end is the next one's start.
        let order = entries.indices.sorted { entries[$0].localOffset < entries[$1].localOffset }
        for (n, i) in order.enumerated() {
            entries[i].end = n + 1 < order.count ? entries[order[n + 1]].localOffset : directoryStart
        }
        var newOffsets = [UInt64](repeating: 0, count: entries.count)
        for i in order {
            let entry = entries[i]
            newOffsets[i] = writer.position
            guard entry.localOffset <= entry.end, entry.end <= UInt64(size) else {
                throw Failure(description: "bad zip entry offsets")
            }
            if let editor = editors[String(decoding: entry.name, as: UTF8.self)] {
                let (crc, compressed, uncompressed) = try writeEdited(entry, from: bytes, editor: editor, to: writer)
                entries[i].crc = crc
                entries[i].compressedSize = compressed
                entries[i].size = uncompressed
                entries[i].method = 8
                entries[i].flags &= ~0x0008
                entries[i].versionNeeded = max(entries[i].versionNeeded, 45)
            } else {
                try writer.write(UnsafeRawBufferPointer(rebasing: bytes[Int(entry.localOffset)..<Int(entry.end)]))
            }
        }
        let newDirectoryStart = writer.position
        for (i, entry) in entries.enumerated() {
            try writeDirectoryRecord(entry, offset: newOffsets[i], to: writer)
        }
        let newDirectoryEnd = writer.position
        try writeEnd(entries: UInt64(entries.count), start: newDirectoryStart, size: newDirectoryEnd - newDirectoryStart, to: writer)
        try writer.finish()
    }

    // MARK: reading

    private static func readDirectory(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> ([Entry], UInt64) {
        // The end of central directory record: 22 bytes plus a comment of
        // up to 65535, searched from the end.
        var eocd = -1
        var i = bytes.count - 22
        while i >= max(0, bytes.count - 22 - 65535) {
            if u32(bytes, i) == 0x0605_4B50 {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else { throw Failure(description: "not a zip file") }
        var count = UInt64(u16(bytes, eocd + 10))
        var directorySize = UInt64(u32(bytes, eocd + 12))
        var directoryStart = UInt64(u32(bytes, eocd + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryStart == 0xFFFF_FFFF {
            let locator = eocd - 20
            guard locator >= 0, u32(bytes, locator) == 0x0706_4B50 else { throw Failure(description: "ZIP64 locator missing") }
            let record = Int(clamping: u64(bytes, locator + 8))
            guard record >= 0, record + 56 <= bytes.count, u32(bytes, record) == 0x0606_4B50 else {
                throw Failure(description: "ZIP64 end record missing")
            }
            count = u64(bytes, record + 32)
            directorySize = u64(bytes, record + 40)
            directoryStart = u64(bytes, record + 48)
        }
        guard directoryStart + directorySize <= UInt64(bytes.count) else { throw Failure(description: "bad central directory") }
        var entries: [Entry] = []
        var p = Int(directoryStart)
        for _ in 0..<count {
            guard p + 46 <= bytes.count, u32(bytes, p) == 0x0201_4B50 else { throw Failure(description: "bad central directory") }
            let nameLength = Int(u16(bytes, p + 28))
            let extraLength = Int(u16(bytes, p + 30))
            let commentLength = Int(u16(bytes, p + 32))
            let end = p + 46 + nameLength + extraLength + commentLength
            guard end <= bytes.count else { throw Failure(description: "bad central directory") }
            var entry = Entry(
                record: p..<end,
                name: Array(bytes[(p + 46)..<(p + 46 + nameLength)]),
                versionMadeBy: u16(bytes, p + 4), versionNeeded: u16(bytes, p + 6), flags: u16(bytes, p + 8),
                method: u16(bytes, p + 10), time: u16(bytes, p + 12), date: u16(bytes, p + 14), crc: u32(bytes, p + 16),
                compressedSize: UInt64(u32(bytes, p + 20)), size: UInt64(u32(bytes, p + 24)),
                localOffset: UInt64(u32(bytes, p + 42)), internalAttributes: u16(bytes, p + 36),
                externalAttributes: u32(bytes, p + 38), otherExtra: [],
                comment: Array(bytes[(end - commentLength)..<end]))
            // Extra fields: ZIP64's holds, in order, each value whose
            // 32-bit field is all ones.
            var x = p + 46 + nameLength
            let extraEnd = x + extraLength
            while x + 4 <= extraEnd {
                let id = u16(bytes, x)
                let length = Int(u16(bytes, x + 2))
                guard x + 4 + length <= extraEnd else { break }
                if id == 0x0001 {
                    var y = x + 4
                    func next() throws(Failure) -> UInt64 {
                        guard y + 8 <= x + 4 + length else { throw Failure(description: "bad ZIP64 field") }
                        defer { y += 8 }
                        return u64(bytes, y)
                    }
                    if entry.size == 0xFFFF_FFFF { entry.size = try next() }
                    if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
                    if entry.localOffset == 0xFFFF_FFFF { entry.localOffset = try next() }
                } else {
                    entry.otherExtra += bytes[x..<(x + 4 + length)]
                }
                x += 4 + length
            }
            entries.append(entry)
            p = end
        }
        return (entries, directoryStart)
    }

    // MARK: an edited entry

    /// Writes the entry with its data inflated, edited and deflated;
    /// returns its CRC-32 and sizes.
    private static func writeEdited(
        _ entry: Entry, from bytes: UnsafeRawBufferPointer, editor: ZipEntryEditor, to writer: FileWriter
    ) throws(Failure) -> (crc: UInt32, compressed: UInt64, size: UInt64) {
        let local = Int(entry.localOffset)
        guard local + 30 <= bytes.count, u32(bytes, local) == 0x0403_4B50 else { throw Failure(description: "bad local header") }
        let dataStart = local + 30 + Int(u16(bytes, local + 26)) + Int(u16(bytes, local + 28))
        guard dataStart <= Int(entry.end), entry.compressedSize <= entry.end - UInt64(dataStart) else {
            throw Failure(description: "bad local header")
        }
        let data = UnsafeRawBufferPointer(rebasing: bytes[dataStart..<(dataStart + Int(entry.compressedSize))])

        // The local header, its CRC and sizes filled in once known.
        let headerStart = writer.position
        var header = [UInt8]()
        put32(&header, 0x0403_4B50)
        put16(&header, 45)
        put16(&header, entry.flags & ~0x0008)
        put16(&header, 8)
        put16(&header, entry.time)
        put16(&header, entry.date)
        put32(&header, 0)
        put32(&header, 0)
        put32(&header, 0)
        put16(&header, UInt16(entry.name.count))
        put16(&header, 20)
        header += entry.name
        put16(&header, 0x0001)
        put16(&header, 16)
        put64(&header, 0)
        put64(&header, 0)
        try writer.write(header)
        let dataOffset = writer.position

        var crc: UInt = crc32(0, nil, 0)
        var size: UInt64 = 0
        let deflater = Deflater(writer: writer)
        try deflater.start()
        do {
            let sink: (UnsafeRawBufferPointer) throws -> Void = { edited in
                guard !edited.isEmpty else { return }
                crc = crc32(crc, edited.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(edited.count))
                size += UInt64(edited.count)
                try deflater.deflate(edited)
            }
            switch entry.method {
            case 0:
                try editor.edit(data, final: true, emit: sink)
            case 8:
                try Inflater.inflate(data) { chunk, final in try editor.edit(chunk, final: final, emit: sink) }
            default:
                throw Failure(description: "unknown zip compression method \(entry.method)")
            }
            try deflater.finish()
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "\(error)")
        }
        let compressed = writer.position - dataOffset

        var fields = [UInt8]()
        put32(&fields, UInt32(truncatingIfNeeded: crc))
        put32(&fields, UInt32(clamping: compressed))
        put32(&fields, UInt32(clamping: size))
        try writer.patch(fields, at: headerStart + 14)
        var sizes = [UInt8]()
        put64(&sizes, size)
        put64(&sizes, compressed)
        try writer.patch(sizes, at: headerStart + 30 + UInt64(entry.name.count) + 4)
        return (UInt32(truncatingIfNeeded: crc), compressed, size)
    }

    // MARK: the central directory

    private static func writeDirectoryRecord(_ entry: Entry, offset: UInt64, to writer: FileWriter) throws(Failure) {
        var wide = [UInt8]()
        if entry.size >= 0xFFFF_FFFF { put64(&wide, entry.size) }
        if entry.compressedSize >= 0xFFFF_FFFF { put64(&wide, entry.compressedSize) }
        if offset >= 0xFFFF_FFFF { put64(&wide, offset) }
        var extra = [UInt8]()
        if !wide.isEmpty {
            put16(&extra, 0x0001)
            put16(&extra, UInt16(wide.count))
            extra += wide
        }
        extra += entry.otherExtra
        var record = [UInt8]()
        put32(&record, 0x0201_4B50)
        put16(&record, entry.versionMadeBy)
        put16(&record, wide.isEmpty ? entry.versionNeeded : max(entry.versionNeeded, 45))
        put16(&record, entry.flags)
        put16(&record, entry.method)
        put16(&record, entry.time)
        put16(&record, entry.date)
        put32(&record, entry.crc)
        put32(&record, UInt32(clamping: entry.compressedSize))
        put32(&record, UInt32(clamping: entry.size))
        put16(&record, UInt16(entry.name.count))
        put16(&record, UInt16(extra.count))
        put16(&record, UInt16(entry.comment.count))
        put16(&record, 0)
        put16(&record, entry.internalAttributes)
        put32(&record, entry.externalAttributes)
        put32(&record, UInt32(clamping: offset))
        record += entry.name
        record += extra
        record += entry.comment
        try writer.write(record)
    }

    private static func writeEnd(entries: UInt64, start: UInt64, size: UInt64, to writer: FileWriter) throws(Failure) {
        var end = [UInt8]()
        if entries >= 0xFFFF || start >= 0xFFFF_FFFF || size >= 0xFFFF_FFFF {
            let record = writer.position
            put32(&end, 0x0606_4B50)
            put64(&end, 44)
            put16(&end, 45)
            put16(&end, 45)
            put32(&end, 0)
            put32(&end, 0)
            put64(&end, entries)
            put64(&end, entries)
            put64(&end, size)
            put64(&end, start)
            put32(&end, 0x0706_4B50)
            put32(&end, 0)
            put64(&end, record)
            put32(&end, 1)
        }
        put32(&end, 0x0605_4B50)
        put16(&end, 0)
        put16(&end, 0)
        put16(&end, UInt16(clamping: entries))
        put16(&end, UInt16(clamping: entries))
        put32(&end, UInt32(clamping: size))
        put32(&end, UInt32(clamping: start))
        put16(&end, 0)
        try writer.write(end)
    }

    // MARK: bytes

    private static func u16(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt16 {
        UInt16(littleEndian: b.loadUnaligned(fromByteOffset: at, as: UInt16.self))
    }

    private static func u32(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(littleEndian: b.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    private static func u64(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: b.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    private static func put16(_ out: inout [UInt8], _ v: UInt16) {
        withUnsafeBytes(of: v.littleEndian) { out += $0 }
    }

    private static func put32(_ out: inout [UInt8], _ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { out += $0 }
    }

    private static func put64(_ out: inout [UInt8], _ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { out += $0 }
    }

    static func systemFailure(_ what: String) -> Failure {
        Failure(description: "\(what): \(SystemError.message(errno))")
    }

    // MARK: streams

    /// Buffered writes to the new file, with its position, and patches
    /// to what was already written.
    private final class FileWriter {
        private let fd: Int32
        private var buffer: [UInt8] = []
        private var flushed: UInt64 = 0
        private var closed = false

        init(fd: Int32) {
            self.fd = fd
            buffer.reserveCapacity(1 << 20)
        }

        var position: UInt64 { flushed + UInt64(buffer.count) }

        func write(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
            if buffer.count + bytes.count > 1 << 20 { try flush() }
            if bytes.count >= 1 << 20 {
                try check(Descriptor.writeAll(fd, bytes))
                flushed += UInt64(bytes.count)
            } else {
                buffer += bytes
            }
        }

        /// A header or record made here: small.
        func write(_ bytes: [UInt8]) throws(Failure) {
            if buffer.count + bytes.count > 1 << 20 { try flush() }
            buffer += bytes
        }

        func patch(_ bytes: [UInt8], at offset: UInt64) throws(Failure) {
            try flush()
            let done = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
            guard done == bytes.count else { throw ZipRewriter.systemFailure("cannot write the workbook") }
        }

        func flush() throws(Failure) {
            guard !buffer.isEmpty else { return }
            try check(buffer.withUnsafeBytes { Descriptor.writeAll(fd, $0) })
            flushed += UInt64(buffer.count)
            buffer.removeAll(keepingCapacity: true)
        }

        func finish() throws(Failure) {
            try flush()
            closed = true
            guard Glibc.close(fd) == 0 else { throw ZipRewriter.systemFailure("cannot write the workbook") }
        }

        func close() {
            if !closed { _ = Glibc.close(fd) }
            closed = true
        }

        private func check(_ error: Errno?) throws(Failure) {
            if let error {
                throw Failure(description: "cannot write the workbook: \(SystemError.message(error.code))")
            }
        }
    }

    /// Raw deflate (no zlib header: zip's method 8) into the writer.
    private final class Deflater {
        private var stream = z_stream()
        private let writer: FileWriter
        private let output = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
        private var started = false

        init(writer: FileWriter) {
            self.writer = writer
        }

        deinit {
            if started { deflateEnd(&stream) }
            output.deallocate()
        }

        func start() throws(Failure) {
            guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                                ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw Failure(description: "cannot start deflate")
            }
            started = true
        }

        func deflate(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
            try run(bytes, flush: Z_NO_FLUSH)
        }

        func finish() throws(Failure) {
            try run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH)
        }

        private func run(_ bytes: UnsafeRawBufferPointer, flush: Int32) throws(Failure) {
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(bytes.count)
            while true {
                stream.next_out = output
                stream.avail_out = 1 << 16
                let result = CZlib.deflate(&stream, flush)
                guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
                    throw Failure(description: "deflate failed")
                }
                let produced = (1 << 16) - Int(stream.avail_out)
                if produced > 0 { try writer.write(UnsafeRawBufferPointer(start: output, count: produced)) }
                if flush == Z_FINISH ? result == Z_STREAM_END : (stream.avail_in == 0 && stream.avail_out != 0) { return }
            }
        }
    }

    /// Raw inflate of a whole entry, chunk by chunk.
    private enum Inflater {
        static func inflate(_ data: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
            var stream = z_stream()
            guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw Failure(description: "cannot start inflate")
            }
            defer { inflateEnd(&stream) }
            let capacity = 1 << 18
            let output = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            defer { output.deallocate() }
            // zlib counts input in 32 bits: a larger entry goes in by parts.
            var fed = 0
            while true {
                if stream.avail_in == 0 && fed < data.count {
                    let part = min(data.count - fed, 1 << 30)
                    stream.next_in = UnsafeMutablePointer(mutating: (data.baseAddress! + fed).assumingMemoryBound(to: Bytef.self))
                    stream.avail_in = uInt(part)
                    fed += part
                }
                stream.next_out = output
                stream.avail_out = uInt(capacity)
                let result = CZlib.inflate(&stream, Z_NO_FLUSH)
                guard result == Z_OK || result == Z_STREAM_END else { throw Failure(description: "corrupt zip entry") }
                let produced = capacity - Int(stream.avail_out)
                let ended = result == Z_STREAM_END
                try body(UnsafeRawBufferPointer(start: output, count: produced), ended)
                if ended { return }
                if stream.avail_in == 0 && fed == data.count && produced == 0 { throw Failure(description: "truncated zip entry") }
            }
        }
    }
}
