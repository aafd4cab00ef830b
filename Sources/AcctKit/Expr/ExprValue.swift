import CNumbers

/// What an expression evaluates to, as in XPath 1.0: a node set (tape
/// indices in document order), a string, a number or a boolean.
enum ExprValue {
    case nodes([Int])
    /// A string; `time` is set for literals in a command-line time form.
    case string([UInt8], time: Int64?)
    case number(Double, exact: Int64?)
    case boolean(Bool)
}

/// One side of a comparison after the node set is taken apart: XPath
/// compares node sets one node at a time ("true if any pair is true").
enum ExprAtom {
    case number(Double, exact: Int64?)
    case string(UnsafeRawBufferPointer, time: Int64?)
    case boolean(Bool)
}

enum ExprText {
    /// A string read as a number the way `number()` does: optional sign,
    /// digits, fraction, exponent, surrounding blanks; anything else NaN.
    static func number(_ bytes: UnsafeRawBufferPointer) -> (Double, exact: Int64?) {
        var start = 0
        var end = bytes.count
        while start < end && isBlank(bytes[start]) { start += 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        guard start < end else { return (.nan, nil) }
        var i = start
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        var plain = true
        while i < end {
            let c = bytes[i]
            if c >= 48 && c <= 57 {
                digits += 1
            } else if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
                || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
            {
                plain = false
            } else {
                return (.nan, nil)
            }
            i += 1
        }
        guard digits > 0 else { return (.nan, nil) }
        let text = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        if plain, let exact = Int64(String(decoding: text, as: UTF8.self)) { return (Double(exact), exact) }
        var value = 0.0
        let status = text.withMemoryRebound(to: CChar.self) { acct_parse_f64($0.baseAddress, $0.count, &value) }
        return status == 0 ? (value, nil) : (.nan, nil)
    }

    /// Shortest text of a computed number: `3` for whole values, else the
    /// shortest round-trip text.
    static func bytes(of value: Double, exact: Int64?) -> [UInt8] {
        if let exact { return Array(String(exact).utf8) }
        if value.isNaN { return Array("NaN".utf8) }
        if value.isInfinite { return Array((value < 0 ? "-Infinity" : "Infinity").utf8) }
        if value == value.rounded(), abs(value) < 1e15 { return Array(String(Int64(value)).utf8) }
        var buffer = [CChar](repeating: 0, count: 32)
        let n = acct_format_f64(&buffer, value)
        return buffer[0..<n].map { UInt8(bitPattern: $0) }
    }

    private static func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
}
