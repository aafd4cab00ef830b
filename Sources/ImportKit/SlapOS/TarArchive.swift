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
        var longName: String?
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
            guard let size = Self.number(header[124..<136]) else {
                throw ReadFailure(description: "\(name): bad size in a tar header")
            }
            let padding = (512 - size % 512) % 512
            let type = header[156]
            var path = longName ?? Self.path(header)
            longName = nil
            switch type {
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):
                memberLeft = size
                paddingLeft = padding
                if path.hasPrefix("./") { path.removeFirst(2) }
                return TarMember(archive: self, name: "\(name):\(path)", path: path)
            case UInt8(ascii: "L"):
                // GNU long name: the data is the next member's name.
                guard size < 1 << 20 else { throw ReadFailure(description: "\(name): tar long name too long") }
                let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(size), alignment: 1)
                defer { bytes.deallocate() }
                if try readFully(bytes) < bytes.count { throw truncated() }
                try skip(padding)
                longName = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            default:
                // Folders, links, pax headers: nothing to import.
                try skip(size + padding)
            }
        }
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

    /// An octal field (NUL or space ended), or GNU's base-256 for big sizes.
    private static func number(_ field: ArraySlice<UInt8>) -> Int64? {
        if let first = field.first, first & 0x80 != 0 {
            var value: Int64 = Int64(first & 0x7F)
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
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "7") else { return nil }
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
