/// The one test both the JSON parser and the encoder run over string
/// contents, eight bytes at a time: plain ASCII needs no escaping, no
/// unescaping and no UTF-8 check, and most record text is plain ASCII.
enum JSONStringBytes {
    /// True when any of the eight bytes in `word` is a control character,
    /// `"`, `\` or non-ASCII (SWAR "has byte less than / equal to" tests;
    /// false positives only in bytes after a true one, never a miss).
    @inline(__always)
    static func anySpecial(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- 0x20 &* ones) & ~word
        let q = word ^ (0x22 &* ones)
        let quote = (q &- ones) & ~q
        let b = word ^ (0x5C &* ones)
        let backslash = (b &- ones) & ~b
        return (word | control | quote | backslash) & highs != 0
    }

    /// Whether `byte` ends a plain run: a control character, `"`, `\` or non-ASCII.
    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
