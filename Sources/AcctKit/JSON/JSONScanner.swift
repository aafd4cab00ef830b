import CNumbers

/// A string token: its contents between the quotes, checked (valid UTF-8,
/// no raw control characters, well-formed escapes) but not decoded.
struct JSONStringToken {
    /// The bytes between the quotes.
    var content: UnsafeBufferPointer<UInt8>
    /// Whether `content` holds a backslash escape.
    var hasEscape: Bool
}

/// A scalar value as the scanner reads it.
enum JSONScalar {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(JSONStringToken)
}

/// What a document scan reports, in document order: JSONParser builds a
/// tree from it, JSONTape a flat tape.
protocol JSONScanSink {
    /// An object member's key; its value follows.
    mutating func key(_ key: JSONStringToken)
    /// An array or object opens at `open` (its bracket).
    mutating func beginContainer(isObject: Bool, at open: UnsafePointer<UInt8>)
    /// The innermost open container closes at `close` (its bracket).
    mutating func endContainer(at close: UnsafePointer<UInt8>)
    /// A scalar value written from `start` to just before `end`.
    mutating func scalar(_ value: JSONScalar, from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>)
}

/// The strict RFC 8259 reader shared by JSONParser and JSONTape: tokens,
/// structure, nesting limit and error messages, so both accept and reject
/// exactly the same lines with the same errors.
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>
    var p: UnsafePointer<UInt8>

    init(_ bytes: UnsafeRawBufferPointer) {
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
    mutating func scanDocument<Sink: JSONScanSink>(into sink: inout Sink) throws(JSONParseError) {
        var depth = 0
        var objects = DepthBits()
        parsing: while true {
            skipWhitespace()
            guard p < end else { throw unexpected(at: p) }
            let start = p
            let b = p.pointee
            if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                if depth == JSONParser.maximumDepth {
                    throw error(at: p, "nesting deeper than \(JSONParser.maximumDepth)")
                }
                let isObject = b == UInt8(ascii: "{")
                p += 1
                skipWhitespace()
                sink.beginContainer(isObject: isObject, at: start)
                if p < end && p.pointee == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    sink.endContainer(at: p)
                    p += 1
                } else {
                    objects[depth] = isObject
                    depth += 1
                    if isObject { sink.key(try scanKey()) }
                    continue parsing
                }
            } else {
                try scanScalar(into: &sink)
            }
            // The value is complete: close every container that ends right
            // after it.
            while depth > 0 {
                let isObject = objects[depth - 1]
                skipWhitespace()
                guard p < end else { throw unexpected(at: p) }
                let c = p.pointee
                if c == UInt8(ascii: ",") {
                    p += 1
                    skipWhitespace()
                    if p < end && p.pointee == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        throw error(at: p, "trailing comma")
                    }
                    if isObject { sink.key(try scanKey()) }
                    continue parsing
                }
                guard c == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw error(at: p, isObject ? "expected ',' or '}'" : "expected ',' or ']'")
                }
                sink.endContainer(at: p)
                p += 1
                depth -= 1
            }
            break parsing
        }
        skipWhitespace()
        if p < end { throw error(at: p, "trailing characters after the value") }
    }

    /// One bit per open level: whether it is an object.
    private struct DepthBits {
        private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

        init() {
            precondition(JSONParser.maximumDepth <= 8 * 64)
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
    private mutating func scanKey() throws(JSONParseError) -> JSONStringToken {
        guard p < end else { throw unexpected(at: p) }
        guard p.pointee == UInt8(ascii: "\"") else { throw error(at: p, "expected a string key") }
        let key = try scanString()
        skipWhitespace()
        guard p < end else { throw unexpected(at: p) }
        guard p.pointee == UInt8(ascii: ":") else { throw error(at: p, "expected ':'") }
        p += 1
        return key
    }

    /// Reads a scalar and reports it; the sink's call is specialized per
    /// kind, with no JSONScalar passed through memory.
    private mutating func scanScalar<Sink: JSONScanSink>(into sink: inout Sink) throws(JSONParseError) {
        let start = p
        switch p.pointee {
        case UInt8(ascii: "\""):
            let string = try scanString()
            sink.scalar(.string(string), from: start, to: p)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let number = try scanNumber()
            sink.scalar(number, from: start, to: p)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            sink.scalar(.bool(true), from: start, to: p)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            sink.scalar(.bool(false), from: start, to: p)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            sink.scalar(.null, from: start, to: p)
        default:
            throw unexpected(at: p)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let text = literal.utf8Start
        for i in 0..<literal.utf8CodeUnitCount {
            guard p < end, p.pointee == text[i] else { throw unexpected(at: p) }
            p += 1
        }
    }

    // MARK: strings

    /// Reads a string at the opening quote: finds its end and checks it.
    /// Only a string with escapes needs a second pass, `unescape`, to decode.
    @inline(__always)
    private mutating func scanString() throws(JSONParseError) -> JSONStringToken {
        let open = p
        // A local cursor, kept in a register: `p` is synced only around escapes and at the end.
        var q = p + 1
        let contentStart = q
        var hasEscape = false
        while true {
            while end - q >= 8 && !JSONStringBytes.anySpecial(UnsafeRawPointer(q).loadUnaligned(as: UInt64.self)) {
                q += 8
            }
            while q < end && !JSONStringBytes.isSpecial(q.pointee) { q += 1 }
            guard q < end else { throw error(at: open, "unterminated string") }
            let b = q.pointee
            if b == UInt8(ascii: "\"") {
                break
            } else if b == UInt8(ascii: "\\") {
                p = q
                try checkEscape(inStringAt: open)
                q = p
                hasEscape = true
            } else if b < 0x20 {
                throw error(at: q, "unescaped control character in string")
            } else {
                let n = UTF8Sequence.length(at: q, end: end)
                if n < 0 { throw error(at: q, "invalid UTF-8") }
                q += n
            }
        }
        p = q + 1
        return JSONStringToken(content: UnsafeBufferPointer(start: contentStart, count: q - contentStart), hasEscape: hasEscape)
    }

    /// Checks the escape at `p` (a backslash) and steps over it.
    private mutating func checkEscape(inStringAt open: UnsafePointer<UInt8>) throws(JSONParseError) {
        guard end - p >= 2 else { throw error(at: open, "unterminated string") }
        switch p[1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            p += 2
        case UInt8(ascii: "u"):
            for i in 2..<6 {
                guard p + i < end else { throw error(at: open, "unterminated string") }
                guard Self.hexValue(p[i]) != nil else { throw error(at: p + i, "invalid \\u escape: expected 4 hex digits") }
            }
            p += 6
        default:
            let n = p[1] >= 0x80 ? max(1, UTF8Sequence.length(at: p + 1, end: end)) : 1
            let shown = String(decoding: UnsafeBufferPointer(start: p + 1, count: n), as: UTF8.self)
            throw error(at: p, "invalid escape '\\\(shown)'")
        }
    }

    /// The decoded text of a checked string token. A lone surrogate in a
    /// `\u` escape becomes U+FFFD, since a Swift String cannot hold it.
    static func decode(_ token: JSONStringToken) -> String {
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
    /// (exact, never through Double), else `.float`.
    private mutating func scanNumber() throws(JSONParseError) -> JSONScalar {
        let start = p
        let negative = p.pointee == UInt8(ascii: "-")
        if negative { p += 1 }
        guard p < end, Self.isDigit(p.pointee) else { throw digitExpected(at: p) }
        var magnitude: UInt64 = 0
        var overflow = false
        if p.pointee == UInt8(ascii: "0") {
            p += 1
            if p < end && Self.isDigit(p.pointee) { throw error(at: start, "leading zero in number") }
        } else {
            while p < end, Self.isDigit(p.pointee) {
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(p.pointee - UInt8(ascii: "0")))
                magnitude = sum
                overflow = overflow || o1 || o2
                p += 1
            }
        }
        var isFloat = false
        if p < end && p.pointee == UInt8(ascii: ".") {
            isFloat = true
            p += 1
            guard p < end, Self.isDigit(p.pointee) else { throw digitExpected(at: p) }
            while p < end, Self.isDigit(p.pointee) { p += 1 }
        }
        if p < end && (p.pointee == UInt8(ascii: "e") || p.pointee == UInt8(ascii: "E")) {
            isFloat = true
            p += 1
            if p < end && (p.pointee == UInt8(ascii: "+") || p.pointee == UInt8(ascii: "-")) { p += 1 }
            guard p < end, Self.isDigit(p.pointee) else { throw digitExpected(at: p) }
            while p < end, Self.isDigit(p.pointee) { p += 1 }
        }
        if !isFloat {
            let limit = negative ? UInt64(1) << 63 : UInt64(Int64.max)
            if overflow || magnitude > limit { throw error(at: start, "integer out of 64-bit range") }
            return .int(negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude))
        }
        var value = 0.0
        let status = start.withMemoryRebound(to: CChar.self, capacity: p - start) {
            acct_parse_f64($0, p - start, &value)
        }
        switch status {
        case 0:
            return .float(value)
        case 2 where Self.decimalExponent(UnsafeBufferPointer(start: start, count: p - start)) < 0:
            // from_chars calls underflow out of range too; it is a zero.
            return .float(negative ? -0.0 : 0.0)
        case 2:
            throw error(at: start, "number out of range")
        default:
            throw error(at: start, "invalid number")
        }
    }

    /// The power of ten of the leading digit of a checked, non-zero number
    /// text: 2 for `123.4`, -3 for `0.00123`, 296 for `1e296`. Saturates,
    /// since only its sign matters to the caller.
    private static func decimalExponent(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        if text[i] == UInt8(ascii: "-") { i += 1 }
        var integerDigits = 0
        var leading: Int?
        while i < text.count, isDigit(text[i]) {
            if leading == nil && text[i] != UInt8(ascii: "0") { leading = integerDigits }
            integerDigits += 1
            i += 1
        }
        var position = leading.map { integerDigits - 1 - $0 }
        if i < text.count && text[i] == UInt8(ascii: ".") {
            i += 1
            var fractionDigits = 0
            while i < text.count, isDigit(text[i]) {
                fractionDigits += 1
                if position == nil && text[i] != UInt8(ascii: "0") { position = -fractionDigits }
                i += 1
            }
        }
        var exponent = 0
        if i < text.count {
            i += 1
            var negative = false
            if text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
                negative = text[i] == UInt8(ascii: "-")
                i += 1
            }
            while i < text.count {
                exponent = min(exponent * 10 + Int(text[i] - UInt8(ascii: "0")), 1 << 40)
                i += 1
            }
            if negative { exponent = -exponent }
        }
        return (position ?? 0) + exponent
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool {
        b &- UInt8(ascii: "0") < 10
    }

    // MARK: helpers

    @inline(__always)
    mutating func skipWhitespace() {
        while p < end {
            switch p.pointee {
            case 0x20, 0x09, 0x0A, 0x0D: p += 1
            default: return
            }
        }
    }

    func error(at position: UnsafePointer<UInt8>, _ message: String) -> JSONParseError {
        JSONParseError(column: position - base + 1, message: message)
    }

    private func digitExpected(at position: UnsafePointer<UInt8>) -> JSONParseError {
        position < end ? error(at: position, "invalid number: expected a digit") : unexpected(at: position)
    }

    /// "unexpected end of line", or the character found, shown readably.
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
