import AcctCore
import Glibc

/// Reading numbers and names out of field bytes without making Strings.
enum FieldText {
    /// Whether `bytes` equal the literal `text`.
    static func equals(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
        bytes.count == text.utf8CodeUnitCount && (bytes.count == 0 || memcmp(bytes.baseAddress!, text.utf8Start, bytes.count) == 0)
    }

    /// An integer written as one or as a float with a zero fraction
    /// (`1234.0`: SQLite REAL columns as Python prints them).
    static func wholeNumber(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        if let value = NumberText.int64(bytes) { return value }
        guard let value = NumberText.decimal(bytes)?.value, value == value.rounded(), abs(value) < 9.007_199_254_740_992e15 else { return nil }
        return Int64(value)
    }

    /// Whether `bytes` are ASCII digits and nothing else (an id where a
    /// name should be).
    static func isDigits(_ bytes: UnsafeRawBufferPointer) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
    }

    /// Whether `bytes` is JSON integer text (no `+`, no leading zeros), so
    /// it can be copied into a record as it stands.
    static func isJSONInteger(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        if n > 0 && bytes[0] == UInt8(ascii: "-") { i = 1 }
        guard i < n, n - i <= 18 else { return false }
        if bytes[i] == UInt8(ascii: "0") && n - i > 1 { return false }
        while i < n {
            guard bytes[i] &- UInt8(ascii: "0") < 10 else { return false }
            i += 1
        }
        return true
    }

    /// Whether `bytes` is a number as JSON writes one, fraction and
    /// exponent allowed (so a source's `0.25` is copied as it stands).
    static func isJSONNumber(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        func digits() -> Int {
            let first = i
            while i < n && bytes[i] &- UInt8(ascii: "0") < 10 { i += 1 }
            return i - first
        }
        if i < n && bytes[i] == UInt8(ascii: "-") { i += 1 }
        if i < n && bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else if digits() == 0 {
            return false
        }
        if i < n && bytes[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return false }
        }
        if i < n && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            if digits() == 0 { return false }
        }
        return i == n
    }

    /// `bytes` without leading and trailing ASCII white space (XML text
    /// around a value).
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = bytes.count
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 32 || b == 9 || b == 10 || b == 13
    }
}
