/// Classifies UTF-8 sequences by the well-formedness table of Unicode §3.9
/// (Table 3-7), shared by the JSON parser (which rejects bad input) and the
/// JSON encoder (which repairs it).
enum UTF8Sequence {
    /// For the non-ASCII lead byte at `p`, the length of the well-formed
    /// sequence starting there, or the negated length of its maximal
    /// ill-formed subpart: the bytes one U+FFFD replaces under the
    /// "maximal subpart" practice (WHATWG Encoding, Unicode §3.9).
    @inline(__always)
    static func length(at p: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> Int {
        let lead = p[0]
        var trailing: Int
        // The second byte's range excludes overlongs (E0, F0), surrogates
        // (ED) and code points above U+10FFFF (F4).
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: trailing = 1
        case 0xE0: trailing = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: trailing = 2
        case 0xED: trailing = 2; high = 0x9F
        case 0xF0: trailing = 3; low = 0x90
        case 0xF1...0xF3: trailing = 3
        case 0xF4: trailing = 3; high = 0x8F
        default: return -1
        }
        let available = end - p
        if available < 2 { return -1 }
        let second = p[1]
        if second < low || second > high { return -1 }
        var i = 2
        while i <= trailing {
            if i >= available || p[i] & 0xC0 != 0x80 { return -i }
            i += 1
        }
        return trailing + 1
    }
}
