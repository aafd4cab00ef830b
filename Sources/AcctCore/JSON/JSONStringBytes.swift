/// The one test both the JSON parser and the encoder run over string
/// contents, eight bytes at a time: plain ASCII needs no escaping, no
/// unescaping and no UTF-8 check, and most record text is plain ASCII.
enum JSONStringBytes {
    /// The high bit of each of the eight bytes in `word` (the first in the
    /// lowest byte) that is a control character, `"`, `\` or non-ASCII (SWAR
    /// "has byte less than / equal to" tests). Only the lowest set bit is
    /// exact, so `trailingZeroBitCount / 8` is the index of the first such
    /// byte: a subtraction borrows only out of a byte that is one of them,
    /// and sets a high bit without borrowing only in a byte of 0x80 or more,
    /// one of them too (which is why no `& ~word` is needed).
    @inline(__always)
    static func specialMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let control = word &- 0x20 &* ones
        let quote = (word ^ (0x22 &* ones)) &- ones
        let backslash = (word ^ (0x5C &* ones)) &- ones
        return (word | control | quote | backslash) & 0x8080_8080_8080_8080
    }

    /// True when any of the eight bytes in `word` is a control character,
    /// `"`, `\` or non-ASCII (false positives only in bytes after a true
    /// one, never a miss).
    @inline(__always)
    static func anySpecial(_ word: UInt64) -> Bool {
        specialMask(word) != 0
    }

    /// Whether `byte` ends a plain run: a control character, `"`, `\` or non-ASCII.
    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
