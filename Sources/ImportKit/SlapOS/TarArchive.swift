import AcctCore

/// A tar archive read as a stream: the input (a `ByteSource`, which
/// inflates a `.tar.gz` as it is read) hands out the bytes and the ustar
/// headers (512-byte blocks) are parsed on the way, so a SlapOS day archive
/// is imported without being extracted and in memory that does not depend
/// on its size.
///
/// A member is read through `TarMember`, a `ByteInput`, until the next call
/// to `nextMember()`, which skips what is left of it.
final class TarArchive {
    /// The size of a header block, and what `startsArchive` looks at.
    static let blockSize = 512

    let name: String
    private let source: ByteInput
    /// One 512-byte header block.
    private let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 512, alignment: 8)
    /// Bytes of the current member not read yet, then its padding.
    fileprivate var memberLeft: Int64 = 0
    private var paddingLeft: Int64 = 0

    init(source: ByteInput) {
        self.source = source
        self.name = source.name
    }

    deinit {
        block.deallocate()
    }

    /// The next regular file in the archive, or nil after the last one.
    func nextMember() throws(ReadFailure) -> TarMember? {
        try skip(memberLeft + paddingLeft)
        memberLeft = 0
        paddingLeft = 0
        // What a GNU long name or a pax extended header says of the next
        // member, in place of its own header's fields.
        var longName: String?
        var extended = PaxAttributes()
        while true {
            let got = try readFully(block)
            let header = Array(block)
            // The end: two zero blocks, but a lone one or none is accepted
            // (some writers stop there).
            if got == 0 { return nil }
            if got < 512 { throw truncated() }
            if header.allSatisfy({ $0 == 0 }) {
                try drain()
                return nil
            }
            guard Self.checksumMatches(header) else {
                throw ReadFailure(description: "\(name): not a tar archive (bad header checksum)")
            }
            let type = header[156]
            let isFile = type == UInt8(ascii: "0") || type == 0 || type == UInt8(ascii: "7")
            guard let size = isFile ? extended.size ?? Self.number(header[124..<136]) : Self.number(header[124..<136]),
                  size >= 0, size <= Self.largestSize
            else {
                throw ReadFailure(description: "\(name): bad size in a tar header")
            }
            let padding = (512 - size % 512) % 512
            switch type {
            case _ where isFile:
                var path = extended.path ?? longName ?? Self.path(header)
                memberLeft = size
                paddingLeft = padding
                if path.hasPrefix("./") { path.removeFirst(2) }
                return TarMember(archive: self, name: "\(name):\(path)", path: path)
            case UInt8(ascii: "L"):
                // GNU long name: the data is the next member's name.
                longName = String(decoding: try readHeaderData(size, padding, what: "tar long name").prefix { $0 != 0 },
                                  as: UTF8.self)
            case UInt8(ascii: "x"):
                // pax (POSIX.1-2001) extended header: `path` and `size`
                // records for the next member, which GNU tar writes for
                // names over 100 bytes and members over 8 GiB.
                let records = try readHeaderData(size, padding, what: "pax header")
                guard let parsed = PaxAttributes(records) else {
                    throw ReadFailure(description: "\(name): bad pax header")
                }
                extended.update(with: parsed)
            default:
                // Folders, links, global pax headers: nothing to import.
                longName = nil
                extended = PaxAttributes()
                try skip(size + padding)
            }
        }
    }

    /// The largest member size whose data and padding an input can hold:
    /// file offsets are 63-bit, and the padding must fit too.
    static let largestSize = Int64.max - 511

    /// The data of a header member (a long name, pax records), bounded,
    /// and its padding skipped.
    private func readHeaderData(_ size: Int64, _ padding: Int64, what: String) throws(ReadFailure) -> [UInt8] {
        guard size < 1 << 20 else { throw ReadFailure(description: "\(name): \(what) too long") }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(size), alignment: 1)
        defer { buffer.deallocate() }
        if try readFully(buffer) < buffer.count { throw truncated() }
        try skip(padding)
        return Array(buffer)
    }

    /// Reads the current member's bytes (the member's side of `TarMember`).
    fileprivate func readMember(into buffer: UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int {
        guard memberLeft > 0 else { return 0 }
        let want = Int(min(Int64(buffer.count), memberLeft))
        let n = try read(into: buffer.baseAddress!, want)
        if n == 0 { throw truncated() }
        memberLeft -= Int64(n)
        return n
    }

    private func truncated() -> ReadFailure {
        ReadFailure(description: "\(name): truncated archive")
    }

    private func skip(_ count: Int64) throws(ReadFailure) {
        var left = count
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { scratch.deallocate() }
        while left > 0 {
            let n = try read(into: scratch, Int(min(left, 1 << 16)))
            if n == 0 { throw truncated() }
            left -= Int64(n)
        }
    }

    /// Reads the rest (the zero blocks writers pad archives with) so a cut
    /// anywhere in the file, its gzip trailer included, is noticed.
    private func drain() throws(ReadFailure) {
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { scratch.deallocate() }
        while try read(into: scratch, 1 << 16) > 0 {}
    }

    /// Fills `buffer` unless the data ends first; returns the bytes read.
    private func readFully(_ buffer: UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int {
        var have = 0
        while have < buffer.count {
            let n = try read(into: buffer.baseAddress! + have, buffer.count - have)
            if n == 0 { break }
            have += n
        }
        return have
    }

    /// Up to `count` bytes of the tar stream; 0 only at its end.
    private func read(into out: UnsafeMutableRawPointer, _ count: Int) throws(ReadFailure) -> Int {
        try source.readBytes(into: UnsafeMutableRawBufferPointer(start: out, count: count))
    }

    /// Whether `head`, an input's first bytes, begins a tar archive: a
    /// whole header block whose checksum holds (no text export has one),
    /// or the zero block of an empty archive. So a day archive is known by
    /// its bytes, whatever its name and on standard input too.
    static func startsArchive(_ head: UnsafeRawBufferPointer) -> Bool {
        guard head.count >= blockSize else { return false }
        let block = Array(head.prefix(blockSize))
        return block.allSatisfy { $0 == 0 } || checksumMatches(block)
    }

    // MARK: ustar headers

    /// `prefix/name` (ustar splits long paths in two).
    private static func path(_ h: [UInt8]) -> String {
        let name = String(decoding: h[0..<100].prefix { $0 != 0 }, as: UTF8.self)
        let isUstar = h[257..<262].elementsEqual("ustar".utf8)
        let prefix = isUstar ? String(decoding: h[345..<500].prefix { $0 != 0 }, as: UTF8.self) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// An octal field (NUL or space ended), or GNU's base-256 for big
    /// sizes (a first byte of 0x80; 0xFF starts a negative number, which
    /// is no size).
    private static func number(_ field: ArraySlice<UInt8>) -> Int64? {
        if let first = field.first, first & 0x80 != 0 {
            guard first == 0x80 else { return nil }
            var value: Int64 = 0
            for b in field.dropFirst() {
                guard value < (1 << 55) else { return nil }
                value = value << 8 | Int64(b)
            }
            return value
        }
        var value: Int64 = 0
        var seen = false
        for b in field {
            if b == 0 || b == UInt8(ascii: " ") {
                if seen { break } else { continue }
            }
            // 12 octal digits fit easily; more (a corrupt field) must not trap.
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "7"), value < 1 << 59 else { return nil }
            value = value * 8 + Int64(b - UInt8(ascii: "0"))
            seen = true
        }
        return value
    }

    /// The header sum, its own checksum field counted as spaces.
    private static func checksumMatches(_ h: [UInt8]) -> Bool {
        guard let stored = number(h[148..<156]) else { return false }
        var sum: Int64 = 0
        for i in 0..<512 { sum += Int64(i >= 148 && i < 156 ? UInt8(ascii: " ") : h[i]) }
        return sum == stored
    }
}

/// One file inside a `TarArchive`, read in place.
final class TarMember: ByteInput {
    /// `ARCHIVE:PATH`, the name messages use.
    let name: String
    /// The path inside the archive.
    let path: String
    private unowned let archive: TarArchive

    fileprivate init(archive: TarArchive, name: String, path: String) {
        self.archive = archive
        self.name = name
        self.path = path
    }

    func readBytes(into buffer: UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int {
        try archive.readMember(into: buffer)
    }
}
