import AcctCore

/// What an expression evaluates to, as in XPath 1.0: a node set (tape
/// indices in document order), a string, a number or a boolean.
enum ExprValue {
    case nodes([Int])
    /// A string; `time` is set for literals in a command-line time form.
    case string([UInt8], time: Int64?)
    case number(Double, exact: Int128?)
    case boolean(Bool)
}

/// One side of a comparison after the node set is taken apart: XPath
/// compares node sets one node at a time ("true if any pair is true").
enum ExprAtom {
    case number(Double, exact: Int128?)
    case string(UnsafeRawBufferPointer, time: Int64?)
    case boolean(Bool)
}

enum ExprText {
    /// A string read as a number the way `number()` does: optional `-`,
    /// digits, fraction, exponent, surrounding blanks; anything else NaN.
    static func number(_ bytes: UnsafeRawBufferPointer) -> (Double, exact: Int128?) {
        var start = 0
        var end = bytes.count
        while start < end && isBlank(bytes[start]) { start += 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        // XPath's numbers take no `+`, which NumberText accepts.
        guard start < end, bytes[start] != UInt8(ascii: "+"),
              let number = NumberText.decimal(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        else { return (.nan, nil) }
        return (number.value, number.exact)
    }

    /// Shortest text of a computed number: `3` for whole values, else the
    /// shortest round-trip text.
    static func bytes(of value: Double, exact: Int128?) -> [UInt8] {
        if let exact { return Array(String(exact).utf8) }
        if value.isNaN { return Array("NaN".utf8) }
        if value.isInfinite { return Array((value < 0 ? "-Infinity" : "Infinity").utf8) }
        if value == value.rounded(), abs(value) < 1e15 { return Array(String(Int64(value)).utf8) }
        return [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            count = NumberText.shortest(value, into: buffer.baseAddress!)
        }
    }

    private static func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
}
