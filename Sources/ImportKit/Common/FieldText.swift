import CNumbers
import Glibc

/// Reading numbers and names out of field bytes without making Strings.
enum FieldText {
    /// Whether `bytes` equal the literal `text`.
    static func equals(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
        bytes.count == text.utf8CodeUnitCount && (bytes.count == 0 || memcmp(bytes.baseAddress!, text.utf8Start, bytes.count) == 0)
    }

    /// A decimal integer with an optional sign, nothing else; nil when it is
    /// not one or does not fit in 64 bits.
    static func int64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        let n = bytes.count
        var negative = false
        if n > 0 && (bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+")) {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < n else { return nil }
        var value: Int64 = 0
        while i < n {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = negative ? times.subtractingReportingOverflow(Int64(digit)) : times.addingReportingOverflow(Int64(digit))
            guard !o1 && !o2 else { return nil }
            value = plus
            i += 1
        }
        return value
    }

    /// An integer written as one or as a float with a zero fraction
    /// (`1234.0`: SQLite REAL columns as Python prints them).
    static func wholeNumber(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        if let value = int64(bytes) { return value }
        guard let value = double(bytes), value == value.rounded(), abs(value) < 9.007_199_254_740_992e15 else { return nil }
        return Int64(value)
    }

    /// A decimal number (`12`, `-0.5`, `1e15`, `.5`, `+3`); nil for
    /// anything else, `nan`, `inf` and hex included, and for a value
    /// beyond Double's range. A value too small for it is 0. Parsed by the
    /// stream's own number parser (CNumbers).
    static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var text = bytes
        // The parser takes JSON's signs: a leading `+` is dropped first.
        if text.first == UInt8(ascii: "+") {
            text = UnsafeRawBufferPointer(rebasing: text.dropFirst())
            if text.first == UInt8(ascii: "-") || text.first == UInt8(ascii: "+") { return nil }
        }
        guard !text.isEmpty, let base = text.baseAddress else { return nil }
        // Only number characters: the parser alone would take "inf" and "nan".
        for b in text {
            guard b &- UInt8(ascii: "0") < 10 || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
                || b == UInt8(ascii: "+") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
            else { return nil }
        }
        var value = 0.0
        switch acct_parse_f64(base.assumingMemoryBound(to: CChar.self), text.count, &value) {
        case 0:
            return value
        case 2:
            // Out of range: past the largest double is bad, below the
            // smallest is zero (as strtod reads it).
            let exponent = text.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
            guard let exponent, exponent + 1 < text.count, text[exponent + 1] == UInt8(ascii: "-") else { return nil }
            return text.first == UInt8(ascii: "-") ? -0.0 : 0.0
        default:
            return nil
        }
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
