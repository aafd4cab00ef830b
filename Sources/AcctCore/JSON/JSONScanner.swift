/// A string token: its contents between the quotes, checked (valid UTF-8,
/// no raw control characters, well-formed escapes) but not decoded.
package struct JSONStringToken {
    /// The bytes between the quotes.
    package var content: UnsafeBufferPointer<UInt8>
    /// Whether `content` holds a backslash escape.
    package var hasEscape: Bool
}

/// A scalar value as the scanner reads it.
package enum JSONScalar {
    case null
    case bool(Bool)
    case int(Int64)
    /// A number with a fraction or an exponent. It is checked to be in
    /// range but not converted: its value is `NumberText.jsonFloat` of the
    /// text reported with it, worked out only by those who ask for it.
    /// `decimal` is the short common one (`51.661835`) as its digits,
    /// packed (`PackedDecimal`), when the sink asks for that
    /// (`packsDecimals`): reading its value then costs no second pass over
    /// the text. 0 for any other, and when the sink does not ask.
    case float(decimal: Int64)
    case string(JSONStringToken)
}

/// What a document scan reports, in document order: JSONTape builds a flat
/// tape from it (and the tests' tree parser a tree).
package protocol JSONScanSink {
    /// An object member's key; its value follows.
    mutating func key(_ key: JSONStringToken)
    /// An array or object opens at `open` (its bracket).
    mutating func beginContainer(isObject: Bool, at open: UnsafePointer<UInt8>)
    /// The innermost open container closes at `close` (its bracket).
    mutating func endContainer(at close: UnsafePointer<UInt8>)
    /// A scalar value written from `start` to just before `end`.
    mutating func scalar(_ value: JSONScalar, from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>)
    /// An integer beyond Int64 that fits in Int128, written from `start` to
    /// just before `end`: rare, so its value is not worked out here but
    /// read from the text by those who ask (`NumberText.int128`). Kept
    /// apart from `scalar` so that the common values' path stays as it is.
    mutating func wideInteger(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>)
    /// Whether short decimals come with their digits packed (a few
    /// multiplies per number, for a reader that will add them up).
    var packsDecimals: Bool { get }
}

extension JSONScanSink {
    package var packsDecimals: Bool { false }
}

/// The strict RFC 8259 reader behind JSONTape (and the tests' tree
/// parser): tokens, structure, nesting limit and error messages, so both
/// accept and reject exactly the same lines with the same errors.
///
/// The hot path (one record per line, mostly ASCII) is written for speed:
/// the cursor is a local kept in a register, strings and digit runs are
/// scanned eight bytes at a time (SWAR), integers are converted eight
/// digits at a time, floats are only checked (converted when asked for),
/// and everything rare (escapes, non-ASCII, errors) is out of line.
package struct JSONScanner {
    typealias Cursor = UnsafePointer<UInt8>

    package let base: UnsafePointer<UInt8>
    package let end: UnsafePointer<UInt8>
    package var p: UnsafePointer<UInt8>

    package init(_ bytes: UnsafeRawBufferPointer) {
        // An empty buffer may have no address; any non-null pointer does,
        // since nothing is read from it.
        let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
            ?? UnsafePointer(bitPattern: 1)!
        base = start
        end = start + bytes.count
        p = start
    }

    /// Reads the whole input as one value with optional whitespace around
    /// it, reporting it to `sink`. Nesting is checked before each level
    /// opens; no recursion, so no input can exhaust the thread's stack.
    @inline(__always)
    package mutating func scanDocument<Sink: JSONScanSink>(into sink: inout Sink) throws(JSONParseError) {
        var p = self.p
        var depth = 0
        var objects = DepthBits()
        // Whether the innermost open container is an object.
        var inObject = false
        parsing: while true {
            skipWhitespace(&p)
            guard p < end else { throw unexpected(at: p) }
            let start = p
            let b = p.pointee
            if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                if depth == JSONTape.maximumDepth { throw nestingTooDeep(at: p) }
                let isObject = b == UInt8(ascii: "{")
                p += 1
                skipWhitespace(&p)
                sink.beginContainer(isObject: isObject, at: start)
                if p < end && p.pointee == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    sink.endContainer(at: p)
                    p += 1
                } else {
                    objects[depth] = isObject
                    depth += 1
                    inObject = isObject
                    if isObject { sink.key(try scanKey(&p)) }
                    continue parsing
                }
            } else {
                try scanScalar(&p, into: &sink)
            }
            // The value is complete: close every container that ends right
            // after it.
            while depth > 0 {
                skipWhitespace(&p)
                guard p < end else { throw unexpected(at: p) }
                let c = p.pointee
                if c == UInt8(ascii: ",") {
                    p += 1
                    skipWhitespace(&p)
                    if p < end && p.pointee == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        throw error(at: p, "trailing comma")
                    }
                    if inObject { sink.key(try scanKey(&p)) }
                    continue parsing
                }
                guard c == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw error(at: p, inObject ? "expected ',' or '}'" : "expected ',' or ']'")
                }
                sink.endContainer(at: p)
                p += 1
                depth -= 1
                if depth > 0 { inObject = objects[depth - 1] }
            }
            break parsing
        }
        skipWhitespace(&p)
        self.p = p
        if p < end { throw error(at: p, "trailing characters after the value") }
    }

    /// The fast path for the common record line: one flat object with
    /// plain ASCII keys and scalar values (no nested containers, no escapes,
    /// no non-ASCII text, whitespace only between tokens), reported to
    /// `sink` as `scanDocument` would report it. Returns false, having
    /// reported any part of the line, as soon as the line is anything else,
    /// valid or not: the caller then starts over with `scanDocument`, which
    /// alone decides what is accepted and which error is given.
    @inline(__always)
    mutating func scanFlatObject<Sink: JSONScanSink>(into sink: inout Sink) -> Bool {
        // Each step tests for the byte expected in a compact record first
        // and skips whitespace only when it is not there.
        var p = base
        guard p < end, p.pointee == UInt8(ascii: "{") else { return false }
        sink.beginContainer(isObject: true, at: p)
        p += 1
        if !(p < end && p.pointee == UInt8(ascii: "\"")) {
            skipWhitespace(&p)
            guard p < end, p.pointee == UInt8(ascii: "\"") else { return false }
        }
        while true {
            // A key, at its opening quote.
            var q = p + 1
            skipPlain(&q)
            guard q < end, q.pointee == UInt8(ascii: "\"") else { return false }
            sink.key(JSONStringToken(content: UnsafeBufferPointer(start: p + 1, count: q - (p + 1)), hasEscape: false))
            p = q + 1
            if !(p < end && p.pointee == UInt8(ascii: ":")) {
                skipWhitespace(&p)
                guard p < end, p.pointee == UInt8(ascii: ":") else { return false }
            }
            p += 1
            // Its value.
            guard p < end else { return false }
            var b = p.pointee
            if b <= 0x20 {
                skipWhitespace(&p)
                guard p < end else { return false }
                b = p.pointee
            }
            let start = p
            if b == UInt8(ascii: "\"") {
                q = p + 1
                skipPlain(&q)
                guard q < end, q.pointee == UInt8(ascii: "\"") else { return false }
                p = q + 1
                sink.scalar(.string(JSONStringToken(content: UnsafeBufferPointer(start: start + 1, count: q - (start + 1)), hasEscape: false)),
                            from: start, to: p)
            } else if Self.isDigit(b) || b == UInt8(ascii: "-") {
                guard let number = scanNumber(&p, packing: sink.packsDecimals) else { return false }
                sink.scalar(number, from: start, to: p)
            } else if b == UInt8(ascii: "n") && end - p >= 4 && p[1] == UInt8(ascii: "u") && p[2] == UInt8(ascii: "l") && p[3] == UInt8(ascii: "l") {
                p += 4
                sink.scalar(.null, from: start, to: p)
            } else if b == UInt8(ascii: "t") && end - p >= 4 && p[1] == UInt8(ascii: "r") && p[2] == UInt8(ascii: "u") && p[3] == UInt8(ascii: "e") {
                p += 4
                sink.scalar(.bool(true), from: start, to: p)
            } else if b == UInt8(ascii: "f") && end - p >= 5 && p[1] == UInt8(ascii: "a") && p[2] == UInt8(ascii: "l") && p[3] == UInt8(ascii: "s") && p[4] == UInt8(ascii: "e") {
                p += 5
                sink.scalar(.bool(false), from: start, to: p)
            } else {
                return false
            }
            // A comma and the next key, or the end.
            guard p < end else { return false }
            var c = p.pointee
            if c <= 0x20 {
                skipWhitespace(&p)
                guard p < end else { return false }
                c = p.pointee
            }
            if c == UInt8(ascii: ",") {
                p += 1
                if !(p < end && p.pointee == UInt8(ascii: "\"")) {
                    skipWhitespace(&p)
                    guard p < end, p.pointee == UInt8(ascii: "\"") else { return false }
                }
                continue
            }
            guard c == UInt8(ascii: "}") else { return false }
            sink.endContainer(at: p)
            p += 1
            if p != end {
                skipWhitespace(&p)
                guard p == end else { return false }
            }
            self.p = p
            return true
        }
    }

    /// One bit per open level: whether it is an object.
    private struct DepthBits {
        private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

        init() {
            precondition(JSONTape.maximumDepth <= 8 * 64)
        }

        subscript(level: Int) -> Bool {
            @inline(__always) get {
                withUnsafeBytes(of: words) {
                    $0.load(fromByteOffset: (level >> 6) * 8, as: UInt64.self) >> (level & 63) & 1 != 0
                }
            }
            @inline(__always) set {
                withUnsafeMutableBytes(of: &words) {
                    let offset = (level >> 6) * 8
                    let bit = UInt64(1) << (level & 63)
                    let word = $0.load(fromByteOffset: offset, as: UInt64.self)
                    $0.storeBytes(of: newValue ? word | bit : word & ~bit, toByteOffset: offset, as: UInt64.self)
                }
            }
        }
    }

    /// Reads `"key"` and the `:` after it.
    @inline(__always)
    private func scanKey(_ p: inout Cursor) throws(JSONParseError) -> JSONStringToken {
        guard p < end else { throw unexpected(at: p) }
        guard p.pointee == UInt8(ascii: "\"") else { throw error(at: p, "expected a string key") }
        let key = try scanString(&p)
        if p < end && p.pointee == UInt8(ascii: ":") {
            p += 1
            return key
        }
        skipWhitespace(&p)
        guard p < end else { throw unexpected(at: p) }
        guard p.pointee == UInt8(ascii: ":") else { throw error(at: p, "expected ':'") }
        p += 1
        return key
    }

    /// Reads a scalar and reports it; the sink's call is specialized per
    /// kind, with no JSONScalar passed through memory.
    @inline(__always)
    private func scanScalar<Sink: JSONScanSink>(_ p: inout Cursor, into sink: inout Sink) throws(JSONParseError) {
        let start = p
        let b = p.pointee
        if b == UInt8(ascii: "\"") {
            let string = try scanString(&p)
            sink.scalar(.string(string), from: start, to: p)
        } else if Self.isDigit(b) || b == UInt8(ascii: "-") {
            guard let number = scanNumber(&p, packing: sink.packsDecimals) else {
                // Beyond Int64: valid within Int128, else the error.
                guard let stop = wideIntegerEnd(at: start) else { throw numberError(at: start) }
                p = stop
                sink.wideInteger(from: start, to: p)
                return
            }
            sink.scalar(number, from: start, to: p)
        } else if b == UInt8(ascii: "t") {
            try expectLiteral(&p, "true")
            sink.scalar(.bool(true), from: start, to: p)
        } else if b == UInt8(ascii: "f") {
            try expectLiteral(&p, "false")
            sink.scalar(.bool(false), from: start, to: p)
        } else if b == UInt8(ascii: "n") {
            try expectLiteral(&p, "null")
            sink.scalar(.null, from: start, to: p)
        } else {
            throw unexpected(at: p)
        }
    }

    @inline(__always)
    private func expectLiteral(_ p: inout Cursor, _ literal: StaticString) throws(JSONParseError) {
        let text = literal.utf8Start
        for i in 0..<literal.utf8CodeUnitCount {
            guard p < end, p.pointee == text[i] else { throw unexpected(at: p) }
            p += 1
        }
    }

    // MARK: eight bytes at a time

    /// The eight bytes at `q`, the first in the lowest byte; bytes at or
    /// past `end` read as 0 (a control character and a non-digit, so every
    /// scan stops there).
    @inline(__always)
    private func load8(_ q: Cursor) -> UInt64 {
        if end - q >= 8 { return UInt64(littleEndian: UnsafeRawPointer(q).loadUnaligned(as: UInt64.self)) }
        return loadTail(q)
    }

    /// `load8` for the last seven bytes or fewer of the input.
    private func loadTail(_ q: Cursor) -> UInt64 {
        let remaining = end - q
        if remaining <= 0 { return 0 }
        if end - base >= 8 {
            // The last eight bytes of the input, shifted so `q` comes first.
            let word = UInt64(littleEndian: UnsafeRawPointer(end - 8).loadUnaligned(as: UInt64.self))
            return word &>> UInt64(8 * (8 - remaining))
        }
        var word: UInt64 = 0
        for i in 0..<remaining { word |= UInt64(q[i]) &<< UInt64(8 * i) }
        return word
    }

    /// Steps `q` over plain string bytes, to the first `"`, `\`, control
    /// character or non-ASCII byte (or `end`).
    @inline(__always)
    private func skipPlain(_ q: inout Cursor) {
        var mask = JSONStringBytes.specialMask(load8(q))
        while mask == 0 {
            q += 8
            mask = JSONStringBytes.specialMask(load8(q))
        }
        q += mask.trailingZeroBitCount &>> 3
    }

    /// The high bit of each byte of `word` that is not an ASCII digit. Only
    /// the lowest set bit is exact (a carry may set bits above it), which is
    /// all the scans use.
    @inline(__always)
    private static func nonDigitMask(_ word: UInt64) -> UInt64 {
        let t = word ^ 0x3030_3030_3030_3030
        return ((t &+ 0x7676_7676_7676_7676) | t) & 0x8080_8080_8080_8080
    }

    /// The value of eight ASCII digits, the first (most significant) in the
    /// lowest byte; 0 bytes count as leading zeros.
    @inline(__always)
    private static func eightDigits(_ word: UInt64) -> UInt64 {
        var v = word & 0x0F0F_0F0F_0F0F_0F0F
        v = (v &* 2561) &>> 8
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) &>> 16
        return ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) &>> 32
    }

    /// Steps `q` over a run of digits; returns their value (wrapping: exact
    /// up to 19 digits).
    @inline(__always)
    private func scanDigits(_ q: inout Cursor) -> UInt64 {
        var value: UInt64 = 0
        while true {
            let word = load8(q)
            let mask = Self.nonDigitMask(word)
            if mask == 0 {
                value = value &* 100_000_000 &+ Self.eightDigits(word)
                q += 8
                continue
            }
            let n = mask.trailingZeroBitCount &>> 3
            if n > 0 {
                // Shift the n digits to the top; the zeros below lead.
                value = value &* Self.powerOfTen(n) &+ Self.eightDigits(word &<< UInt64(64 - 8 * n))
                q += n
            }
            return value
        }
    }

    /// Steps `q` over a run of digits; returns how many there were.
    @inline(__always)
    private func skipDigits(_ q: inout Cursor) -> Int {
        let start = q
        while true {
            let mask = Self.nonDigitMask(load8(q))
            if mask == 0 {
                q += 8
                continue
            }
            q += mask.trailingZeroBitCount &>> 3
            return q - start
        }
    }

    /// 10^n for n in 1...7.
    @inline(__always)
    private static func powerOfTen(_ n: Int) -> UInt64 {
        switch n {
        case 1: return 10
        case 2: return 100
        case 3: return 1000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        default: return 10_000_000
        }
    }

    // MARK: strings

    /// Reads a string at the opening quote: finds its end and checks it.
    /// Only a string with escapes needs a second pass, `unescape`, to decode.
    @inline(__always)
    private func scanString(_ p: inout Cursor) throws(JSONParseError) -> JSONStringToken {
        let open = p
        var q = p + 1
        skipPlain(&q)
        if q < end && q.pointee == UInt8(ascii: "\"") {
            p = q + 1
            return JSONStringToken(content: UnsafeBufferPointer(start: open + 1, count: q - (open + 1)), hasEscape: false)
        }
        return try scanStringRest(&p, open: open, at: q)
    }

    /// Finishes a string whose plain run stopped at `q` on something other
    /// than the closing quote: escapes, non-ASCII, errors.
    @inline(never)
    private func scanStringRest(_ p: inout Cursor, open: Cursor, at start: Cursor) throws(JSONParseError) -> JSONStringToken {
        var q = start
        var hasEscape = false
        while true {
            guard q < end else { throw error(at: open, "unterminated string") }
            let b = q.pointee
            if b == UInt8(ascii: "\"") {
                break
            } else if b == UInt8(ascii: "\\") {
                q = try checkEscape(at: q, inStringAt: open)
                hasEscape = true
            } else if b < 0x20 {
                throw error(at: q, "unescaped control character in string")
            } else {
                let n = UTF8Sequence.length(at: q, end: end)
                if n < 0 { throw error(at: q, "invalid UTF-8") }
                q += n
            }
            skipPlain(&q)
        }
        p = q + 1
        return JSONStringToken(content: UnsafeBufferPointer(start: open + 1, count: q - (open + 1)), hasEscape: hasEscape)
    }

    /// Checks the escape at `p` (a backslash); returns the position after it.
    private func checkEscape(at p: Cursor, inStringAt open: Cursor) throws(JSONParseError) -> Cursor {
        guard end - p >= 2 else { throw error(at: open, "unterminated string") }
        switch p[1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return p + 2
        case UInt8(ascii: "u"):
            for i in 2..<6 {
                guard p + i < end else { throw error(at: open, "unterminated string") }
                guard Self.hexValue(p[i]) != nil else { throw error(at: p + i, "invalid \\u escape: expected 4 hex digits") }
            }
            return p + 6
        default:
            let n = p[1] >= 0x80 ? max(1, UTF8Sequence.length(at: p + 1, end: end)) : 1
            let shown = String(decoding: UnsafeBufferPointer(start: p + 1, count: n), as: UTF8.self)
            throw error(at: p, "invalid escape '\\\(shown)'")
        }
    }


    /// The decoded text of a checked string token. A lone surrogate in a
    /// `\u` escape becomes U+FFFD, since a Swift String cannot hold it.
    package static func decode(_ token: JSONStringToken) -> String {
        if !token.hasEscape { return String(decoding: token.content, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: token.content.count) { unescape(token.content, into: $0) }
    }

    /// Decodes checked string contents with escapes into `out`, which must
    /// hold `content.count` bytes (unescaped text is never longer than
    /// escaped text: `\uXXXX` is six bytes for at most three, a surrogate
    /// pair twelve for four); returns the byte count. A lone surrogate
    /// becomes U+FFFD.
    static func unescape(_ content: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard var r = content.baseAddress else { return 0 }
        let end = r + content.count
        var w = 0
        while r < end {
            let b = r.pointee
            if b != UInt8(ascii: "\\") {
                out[w] = b
                w += 1
                r += 1
                continue
            }
            let c = r[1]
            r += 2
            switch c {
            case UInt8(ascii: "b"): out[w] = 0x08
            case UInt8(ascii: "f"): out[w] = 0x0C
            case UInt8(ascii: "n"): out[w] = 0x0A
            case UInt8(ascii: "r"): out[w] = 0x0D
            case UInt8(ascii: "t"): out[w] = 0x09
            case UInt8(ascii: "u"):
                var scalar = hex4(r)
                r += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    if end - r >= 6 && r[0] == UInt8(ascii: "\\") && r[1] == UInt8(ascii: "u"),
                       case let low = hex4(r + 2), (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                        r += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                w += encodeUTF8(scalar, into: out.baseAddress! + w)
                continue
            default: out[w] = c // " \ /
            }
            w += 1
        }
        return w
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func hex4(_ p: UnsafePointer<UInt8>) -> UInt32 {
        var v: UInt32 = 0
        for i in 0..<4 { v = v << 4 | (hexValue(p[i]) ?? 0) }
        return v
    }

    private static func encodeUTF8(_ scalar: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            out[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            out[0] = UInt8(0xC0 | scalar >> 6)
            out[1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            out[0] = UInt8(0xE0 | scalar >> 12)
            out[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            out[0] = UInt8(0xF0 | scalar >> 18)
            out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            out[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }

    // MARK: numbers

    /// Reads a number: `.int` when written without fraction or exponent
    /// (exact, never through Double), else `.float`, checked to be in
    /// range but not converted. Nil, with `p` unchanged, when the text at
    /// `p` is not a valid number (`numberError` tells why) or is an integer
    /// beyond Int64 (`wideIntegerEnd` reads those).
    ///
    /// The common short number (an integer part of at most seven digits,
    /// a fraction of at most fifteen, no exponent) is read a word at a
    /// time: the first non-digit of the integer part and of the fraction
    /// are found with no byte loop, and an integer's value is worked out
    /// from its word. Anything else goes to `scanLongNumber`.
    @_transparent
    private func scanNumber(_ p: inout Cursor, packing: Bool) -> JSONScalar? {
        let start = p
        let negative = start.pointee == UInt8(ascii: "-")
        let q = negative ? start + 1 : start
        let word = load8(q)
        let digits = Self.nonDigitMask(word).trailingZeroBitCount &>> 3
        // A leading zero must stand alone.
        if digits == 0 || digits == 8 || (UInt8(truncatingIfNeeded: word) == UInt8(ascii: "0") && digits > 1) {
            return scanLongNumber(&p)
        }
        // The byte after the digits (0 at the end of the input).
        let next = UInt8(truncatingIfNeeded: word &>> UInt64(8 &* digits))
        if next == UInt8(ascii: ".") {
            let fraction = q + digits + 1
            var fractionWord = load8(fraction)
            var count = Self.nonDigitMask(fractionWord).trailingZeroBitCount &>> 3
            if count == 8 {
                fractionWord = load8(fraction + 8)
                count = 8 &+ Self.nonDigitMask(fractionWord).trailingZeroBitCount &>> 3
            }
            // `next` is the byte after the fraction.
            let next = UInt8(truncatingIfNeeded: fractionWord &>> UInt64(8 &* (count & 7)))
            if count == 0 || count == 16 || next | 0x20 == UInt8(ascii: "e") { return scanLongNumber(&p) }
            // No exponent and at most seven integer digits: in range.
            p = fraction + count
            // At most seven digits on each side: read from the two words
            // already loaded, a few multiplies.
            guard packing && count < 8 else { return .float(decimal: 0) }
            let whole = Self.eightDigits(word &<< UInt64(64 &- 8 &* digits))
            let part = Self.eightDigits(fractionWord &<< UInt64(64 &- 8 &* count))
            return .float(decimal: PackedDecimal.pack(whole &* Self.powerOfTen(count) &+ part, fractionDigits: count, negative: negative))
        }
        if next | 0x20 == UInt8(ascii: "e") { return scanLongNumber(&p) }
        // At most seven digits: never out of range.
        let magnitude = Self.eightDigits(word &<< UInt64(64 &- 8 &* digits))
        p = q + digits
        return .int(negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(truncatingIfNeeded: magnitude))
    }

    /// `scanNumber` for the rest: exponents, long numbers, errors.
    @inline(never)
    private func scanLongNumber(_ p: inout Cursor) -> JSONScalar? {
        let start = p
        var q = p
        let negative = q.pointee == UInt8(ascii: "-")
        if negative { q += 1 }
        let integerStart = q
        var magnitude: UInt64 = 0
        if q < end && q.pointee == UInt8(ascii: "0") {
            q += 1
            if q < end && Self.isDigit(q.pointee) { return nil }
        } else {
            magnitude = scanDigits(&q)
            if q == integerStart { return nil }
        }
        let integerDigits = q - integerStart
        let c = q < end ? q.pointee : 0
        if c != UInt8(ascii: ".") && c | 0x20 != UInt8(ascii: "e") {
            // 19 digits never overflow UInt64; 20 or more (no leading
            // zeros) are always beyond Int64.
            let limit = negative ? UInt64(1) << 63 : UInt64(Int64.max)
            // Beyond Int64: nil here (the flat path gives the line up),
            // `wideIntegerEnd` for the full scan.
            if integerDigits > 19 || magnitude > limit { return nil }
            p = q
            return .int(negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(truncatingIfNeeded: magnitude))
        }
        if c == UInt8(ascii: ".") {
            q += 1
            if skipDigits(&q) == 0 { return nil }
        }
        var hasExponent = false
        if q < end && q.pointee | 0x20 == UInt8(ascii: "e") {
            hasExponent = true
            q += 1
            if q < end && (q.pointee == UInt8(ascii: "+") || q.pointee == UInt8(ascii: "-")) { q += 1 }
            if skipDigits(&q) == 0 { return nil }
        }
        // Without an exponent and with fewer than 300 integer digits the
        // magnitude is below 1e300: never out of range, nothing to check.
        if hasExponent || integerDigits >= 300 {
            if floatRangeError(from: start, to: q) != nil { return nil }
        }
        p = q
        return .float(decimal: 0)
    }

    /// Why the text at `start` is not a valid number: the checks
    /// `scanNumber` makes, one by one in reading order, each with its own
    /// message and column.
    @inline(never)
    private func numberError(at start: Cursor) -> JSONParseError {
        var q = start
        let negative = q.pointee == UInt8(ascii: "-")
        if negative { q += 1 }
        guard q < end, Self.isDigit(q.pointee) else { return digitExpected(at: q) }
        let integerStart = q
        if q.pointee == UInt8(ascii: "0") {
            q += 1
            if q < end && Self.isDigit(q.pointee) { return error(at: start, "leading zero in number") }
        } else {
            while q < end, Self.isDigit(q.pointee) { q += 1 }
        }
        let integerDigits = q - integerStart
        var isFloat = false
        if q < end && q.pointee == UInt8(ascii: ".") {
            isFloat = true
            q += 1
            guard q < end, Self.isDigit(q.pointee) else { return digitExpected(at: q) }
            while q < end, Self.isDigit(q.pointee) { q += 1 }
        }
        var hasExponent = false
        if q < end && (q.pointee == UInt8(ascii: "e") || q.pointee == UInt8(ascii: "E")) {
            isFloat = true
            hasExponent = true
            q += 1
            if q < end && (q.pointee == UInt8(ascii: "+") || q.pointee == UInt8(ascii: "-")) { q += 1 }
            guard q < end, Self.isDigit(q.pointee) else { return digitExpected(at: q) }
            while q < end, Self.isDigit(q.pointee) { q += 1 }
        }
        if !isFloat {
            if !Self.fitsInt128(from: start, to: q) { return error(at: start, "integer out of 128-bit range") }
        } else if hasExponent || integerDigits >= 300, let rangeError = floatRangeError(from: start, to: q) {
            return rangeError
        }
        preconditionFailure("JSONScanner: a valid number was refused")
    }

    /// The end of the integer written at `start` when it is beyond Int64
    /// but fits in Int128 (`scanNumber` refused it); nil for any other text.
    @inline(never)
    private func wideIntegerEnd(at start: Cursor) -> Cursor? {
        var q = start
        if q.pointee == UInt8(ascii: "-") { q += 1 }
        guard q < end, Self.isDigit(q.pointee), q.pointee != UInt8(ascii: "0") else { return nil }
        while q < end, Self.isDigit(q.pointee) { q += 1 }
        if q < end && (q.pointee == UInt8(ascii: ".") || q.pointee | 0x20 == UInt8(ascii: "e")) { return nil }
        return Self.fitsInt128(from: start, to: q) ? q : nil
    }

    /// Whether the integer text from `start` to `stop` (sign included)
    /// fits in Int128: 38 digits always do, 40 never.
    @inline(never)
    private static func fitsInt128(from start: Cursor, to stop: Cursor) -> Bool {
        let digits = stop - start - (start.pointee == UInt8(ascii: "-") ? 1 : 0)
        if digits <= 38 { return true }
        if digits > 39 { return false }
        return NumberText.int128(UnsafeRawBufferPointer(start: start, count: stop - start)) != nil
    }

    /// The error for a float text from `start` to `stop` out of Double's
    /// range (an underflow is a zero, not an error); nil when in range.
    @inline(never)
    private func floatRangeError(from start: Cursor, to stop: Cursor) -> JSONParseError? {
        switch NumberText.parseFloat(UnsafeBufferPointer(start: start, count: stop - start)) {
        case .value, .underflow: return nil
        case .overflow: return error(at: start, "number out of range")
        case .invalid: return error(at: start, "invalid number")
        }
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool {
        b &- UInt8(ascii: "0") < 10
    }

    // MARK: helpers

    /// Whether `b` is JSON whitespace: space, tab, line feed, carriage return.
    @inline(__always)
    private static func isWhitespace(_ b: UInt8) -> Bool {
        b <= 0x20 && (UInt64(0x1_0000_2600) &>> UInt64(b)) & 1 != 0
    }

    @inline(__always)
    private func skipWhitespace(_ p: inout Cursor) {
        while p < end && Self.isWhitespace(p.pointee) { p += 1 }
    }

    @inline(__always)
    package mutating func skipWhitespace() {
        skipWhitespace(&p)
    }

    @inline(never)
    package func error(at position: UnsafePointer<UInt8>, _ message: String) -> JSONParseError {
        JSONParseError(column: position - base + 1, message: message)
    }

    @inline(never)
    private func nestingTooDeep(at position: UnsafePointer<UInt8>) -> JSONParseError {
        error(at: position, "nesting deeper than \(JSONTape.maximumDepth)")
    }

    @inline(never)
    private func digitExpected(at position: UnsafePointer<UInt8>) -> JSONParseError {
        position < end ? error(at: position, "invalid number: expected a digit") : unexpected(at: position)
    }

    /// "unexpected end of line", or the character found, shown readably.
    @inline(never)
    private func unexpected(at position: UnsafePointer<UInt8>) -> JSONParseError {
        guard position < end else { return error(at: position, "unexpected end of line") }
        let b = position.pointee
        if b < 0x20 || b == 0x7F {
            let hex: StaticString = "0123456789ABCDEF"
            let code = String(decoding: [hex.utf8Start[Int(b >> 4)], hex.utf8Start[Int(b & 15)]], as: UTF8.self)
            return error(at: position, "unexpected control character 0x\(code)")
        }
        var length = 1
        if b >= 0x80 {
            length = UTF8Sequence.length(at: position, end: end)
            if length < 0 { return error(at: position, "invalid UTF-8") }
        }
        let shown = String(decoding: UnsafeBufferPointer(start: position, count: length), as: UTF8.self)
        return error(at: position, "unexpected character '\(shown)'")
    }
}
