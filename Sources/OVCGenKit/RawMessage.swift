/// A one-segment Cap'n Proto message assembled word by word, for the fault
/// corpus: layouts the builder cannot make (another schema version, several
/// pointers to one list) and framing to break on purpose.
struct RawMessage {
    private(set) var words: [UInt64] = []

    /// Reserves `count` zero words; returns the index of the first.
    mutating func allocate(_ count: Int) -> Int {
        defer { words.append(contentsOf: repeatElement(0, count: count)) }
        return words.count
    }

    /// A struct pointer at word `at` to a struct at `target`.
    mutating func pointStruct(at: Int, to target: Int, dataWords: Int, pointers: Int) {
        let offset = UInt64(UInt32(bitPattern: Int32(target - at - 1))) << 2
        words[at] = (offset & 0xFFFF_FFFF) | UInt64(dataWords) << 32 | UInt64(pointers) << 48
    }

    /// A list pointer of `count` elements of size code `size` (2 = bytes,
    /// 7 = structs, where count is the words after the tag).
    mutating func pointList(at: Int, to target: Int, size: UInt64, count: Int) {
        let offset = UInt64(UInt32(bitPattern: Int32(target - at - 1))) << 2
        words[at] = (offset & 0xFFFF_FFFF) | 1 | size << 32 | UInt64(count) << 35
    }

    /// A list of `count` structs; returns the index of the first element.
    mutating func structList(at pointer: Int, count: Int, dataWords: Int, pointers: Int) -> Int {
        let each = dataWords + pointers
        let tag = allocate(1 + count * each)
        pointList(at: pointer, to: tag, size: 7, count: count * each)
        words[tag] = UInt64(count) << 2 | UInt64(dataWords) << 32 | UInt64(pointers) << 48
        return tag + 1
    }

    /// A Text (bytes plus NUL) pointed to from word `pointer`.
    mutating func text(at pointer: Int, _ bytes: [UInt8]) {
        let padded = bytes + [0]
        let start = allocate((padded.count + 7) / 8)
        pointList(at: pointer, to: start, size: 2, count: padded.count)
        for (i, byte) in padded.enumerated() {
            words[start + i / 8] |= UInt64(byte) << (8 * UInt64(i % 8))
        }
    }

    mutating func setData(word: Int, byteOffset: Int, _ value: UInt64, bits: Int) {
        let shift = UInt64(byteOffset * 8)
        let mask: UInt64 = bits == 64 ? ~0 : ((1 << UInt64(bits)) - 1)
        words[word] = (words[word] & ~(mask << shift)) | ((value & mask) << shift)
    }

    /// Standard stream framing: segment table, then the segment.
    var framed: [UInt8] {
        var out: [UInt8] = []
        let header = UInt64(words.count) << 32
        for word in [header] + words {
            for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(i)))) }
        }
        return out
    }
}
