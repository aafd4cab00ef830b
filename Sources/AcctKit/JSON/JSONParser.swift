import CNumbers

/// A strict RFC 8259 parser for one line of JSON.
///
/// The whole input must be one value with optional whitespace around it; no
/// comments, trailing commas, NaN or leading zeros. Integers are read
/// exactly into Int64 (never through Double). A lone surrogate in a `\u`
/// escape becomes U+FFFD, since a Swift String cannot hold it; invalid
/// UTF-8 in the input is an error. Nesting is limited to `maximumDepth`
/// and checked before each level opens; the parser keeps its own stack, so
/// no input can exhaust the thread's.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 512

    private let base: UnsafePointer<UInt8>
    private let end: UnsafePointer<UInt8>
    private var p: UnsafePointer<UInt8>

    private init(_ bytes: UnsafeRawBufferPointer) {
        // An empty buffer may have no address; any non-null pointer does,
        // since nothing is read from it.
        let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
            ?? UnsafePointer(bitPattern: 1)!
        base = start
        end = start + bytes.count
        p = start
    }

    /// Parses `bytes` as one JSON value.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes)
        return try parser.parseDocument()
    }

    /// Parses `text` as one JSON value.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { utf8 -> Result<JSONValue, JSONParseError> in
            do throws(JSONParseError) {
                return .success(try parse(UnsafeRawBufferPointer(utf8)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses `bytes` as one JSON object (a record): any other value is an
    /// error, "expected a JSON object".
    public static func parseObject(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONObject {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        if parser.p < parser.end && parser.p.pointee != UInt8(ascii: "{") {
            throw parser.error(at: parser.p, "expected a JSON object")
        }
        parser.p = parser.base
        guard case let .object(object) = try parser.parseDocument() else {
            throw JSONParseError(column: 1, message: "expected a JSON object")
        }
        return object
    }

    /// An array or object being filled.
    private struct Container {
        var isObject: Bool
        var elements: [JSONValue] = []
        var object = JSONObject()
        /// The key whose value is being parsed.
        var key = ""
    }

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        var stack: [Container] = []
        var value = JSONValue.null
        parsing: while true {
            skipWhitespace()
            guard p < end else { throw unexpected(at: p) }
            let b = p.pointee
            if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                if stack.count == Self.maximumDepth {
                    throw error(at: p, "nesting deeper than \(Self.maximumDepth)")
                }
                let isObject = b == UInt8(ascii: "{")
                p += 1
                skipWhitespace()
                if p < end && p.pointee == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    p += 1
                    value = isObject ? .object(JSONObject()) : .array([])
                } else {
                    var container = Container(isObject: isObject)
                    if isObject {
                        // One allocation for a typical record instead of
                        // growing 1, 2, 4, 8, 16.
                        container.object.reserveCapacity(16)
                        container.key = try parseKey()
                    }
                    stack.append(container)
                    continue parsing
                }
            } else {
                value = try parseScalar()
            }
            // Put the finished value into its container, closing every
            // container that ends right after it.
            while let top = stack.indices.last {
                let isObject = stack[top].isObject
                if isObject {
                    stack[top].object[stack[top].key] = value
                } else {
                    stack[top].elements.append(value)
                }
                skipWhitespace()
                guard p < end else { throw unexpected(at: p) }
                let c = p.pointee
                if c == UInt8(ascii: ",") {
                    p += 1
                    skipWhitespace()
                    if p < end && p.pointee == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        throw error(at: p, "trailing comma")
                    }
                    if isObject { stack[top].key = try parseKey() }
                    continue parsing
                }
                guard c == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw error(at: p, isObject ? "expected ',' or '}'" : "expected ',' or ']'")
                }
                p += 1
                let closed = stack.removeLast()
                value = closed.isObject ? .object(closed.object) : .array(closed.elements)
            }
            break parsing
        }
        skipWhitespace()
        if p < end { throw error(at: p, "trailing characters after the value") }
        return value
    }

    /// Parses `"key"` and the `:` after it.
    private mutating func parseKey() throws(JSONParseError) -> String {
        guard p < end else { throw unexpected(at: p) }
        guard p.pointee == UInt8(ascii: "\"") else { throw error(at: p, "expected a string key") }
        let key = try parseString()
        skipWhitespace()
        guard p < end else { throw unexpected(at: p) }
        guard p.pointee == UInt8(ascii: ":") else { throw error(at: p, "expected ':'") }
        p += 1
        return key
    }

    private mutating func parseScalar() throws(JSONParseError) -> JSONValue {
        switch p.pointee {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
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

    /// Parses a string at the opening quote. A first pass finds its end and
    /// checks it; only a string with escapes needs a second pass to decode.
    private mutating func parseString() throws(JSONParseError) -> String {
        let open = p
        p += 1
        let contentStart = p
        var hasEscape = false
        while true {
            while end - p >= 8 && !JSONStringBytes.anySpecial(UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) {
                p += 8
            }
            guard p < end else { throw error(at: open, "unterminated string") }
            let b = p.pointee
            if !JSONStringBytes.isSpecial(b) {
                p += 1
            } else if b == UInt8(ascii: "\"") {
                break
            } else if b == UInt8(ascii: "\\") {
                try checkEscape(inStringAt: open)
                hasEscape = true
            } else if b < 0x20 {
                throw error(at: p, "unescaped control character in string")
            } else {
                let n = UTF8Sequence.length(at: p, end: end)
                if n < 0 { throw error(at: p, "invalid UTF-8") }
                p += n
            }
        }
        let content = UnsafeBufferPointer(start: contentStart, count: p - contentStart)
        p += 1
        if !hasEscape { return String(decoding: content, as: UTF8.self) }
        // Unescaped text is never longer than escaped text (`\uXXXX` is six
        // bytes for at most three, a surrogate pair twelve for four).
        return String(unsafeUninitializedCapacity: content.count) { Self.unescape(content, into: $0) }
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

    /// Decodes checked string contents with escapes; returns the byte count.
    private static func unescape(_ content: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var r = content.baseAddress!
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

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
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
    private mutating func skipWhitespace() {
        while p < end {
            switch p.pointee {
            case 0x20, 0x09, 0x0A, 0x0D: p += 1
            default: return
            }
        }
    }

    private func error(at position: UnsafePointer<UInt8>, _ message: String) -> JSONParseError {
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
