import AcctCore

/// A strict RFC 8259 parser for one line of JSON.
///
/// The whole input must be one value with optional whitespace around it; no
/// comments, trailing commas, NaN or leading zeros. Integers are read
/// exactly into Int128 (never through Double). A lone surrogate in a `\u`
/// escape becomes U+FFFD, since a Swift String cannot hold it; invalid
/// UTF-8 in the input is an error. Nesting is limited to `maximumDepth`
/// and checked before each level opens; the parser keeps its own stack, so
/// no input can exhaust the thread's.
///
/// The reading itself is JSONScanner's, shared with JSONTape; this type
/// builds the tree.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = JSONTape.maximumDepth

    /// Parses `bytes` as one JSON value.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        var scanner = JSONScanner(bytes)
        var builder = TreeBuilder()
        try scanner.scanDocument(into: &builder)
        return builder.value
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
        var scanner = JSONScanner(bytes)
        scanner.skipWhitespace()
        if scanner.p < scanner.end && scanner.p.pointee != UInt8(ascii: "{") {
            throw scanner.error(at: scanner.p, "expected a JSON object")
        }
        guard case let .object(object) = try parse(bytes) else {
            throw JSONParseError(column: 1, message: "expected a JSON object")
        }
        return object
    }

    /// Builds the JSONValue tree from what the scanner reports (JSONTape
    /// replays its nodes into one too).
    struct TreeBuilder: JSONScanSink {
        /// An array or object being filled.
        struct Container {
            var isObject: Bool
            var elements: [JSONValue] = []
            var object = JSONObject()
            /// The key whose value is being parsed.
            var key = ""
        }

        private var stack: [Container] = []
        /// The finished top-level value.
        private(set) var value = JSONValue.null

        mutating func key(_ key: JSONStringToken) {
            let top = stack.count - 1
            // One allocation for a typical record instead of growing 1, 2,
            // 4, 8, 16.
            if stack[top].object.isEmpty { stack[top].object.reserveCapacity(16) }
            stack[top].key = JSONScanner.decode(key)
        }

        mutating func beginContainer(isObject: Bool, at open: UnsafePointer<UInt8>) {
            stack.append(Container(isObject: isObject))
        }

        mutating func endContainer(at close: UnsafePointer<UInt8>) {
            let closed = stack.removeLast()
            add(closed.isObject ? .object(closed.object) : .array(closed.elements))
        }

        mutating func scalar(_ value: JSONScalar, from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) {
            switch value {
            case .null: add(.null)
            case let .bool(b): add(.bool(b))
            case let .int(v): add(.int(Int128(v)))
            case .float: add(.float(NumberText.jsonFloat(UnsafeBufferPointer(start: start, count: end - start))))
            case let .string(token): add(.string(JSONScanner.decode(token)))
            }
        }

        mutating func wideInteger(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) {
            add(.int(NumberText.int128(UnsafeRawBufferPointer(start: start, count: end - start))!))
        }

        /// Puts a finished value into its container, or makes it the result.
        @inline(__always)
        private mutating func add(_ value: JSONValue) {
            guard let top = stack.indices.last else {
                self.value = value
                return
            }
            if stack[top].isObject {
                stack[top].object[stack[top].key] = value
            } else {
                stack[top].elements.append(value)
            }
        }
    }
}
