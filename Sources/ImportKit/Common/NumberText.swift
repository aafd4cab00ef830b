/// Reading numbers out of text fields, without Foundation and without
/// going through Double for integers.
enum NumberText {
    /// `text` without leading and trailing ASCII white space.
    static func trimmed<C: RandomAccessCollection>(_ text: C) -> C.SubSequence where C.Element == UInt8 {
        var start = text.startIndex
        var end = text.endIndex
        while start < end && isSpace(text[start]) { start = text.index(after: start) }
        while end > start && isSpace(text[text.index(before: end)]) { end = text.index(before: end) }
        return text[start..<end]
    }

    /// A decimal integer with an optional sign, or nil (empty, other
    /// characters, or beyond Int64).
    static func integer<C: Collection>(_ text: C) -> Int64? where C.Element == UInt8 {
        var negative = false
        var index = text.startIndex
        if index < text.endIndex && (text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+")) {
            negative = text[index] == UInt8(ascii: "-")
            index = text.index(after: index)
        }
        guard index < text.endIndex else { return nil }
        var value: Int64 = 0
        while index < text.endIndex {
            let digit = Int64(text[index]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = sum
            index = text.index(after: index)
        }
        return value
    }

    /// Whether `text` is a number as JSON writes one (so it can be copied
    /// into a record as it stands).
    static func isJSONNumber<C: Collection>(_ text: C) -> Bool where C.Element == UInt8 {
        var bytes = text.makeIterator()
        var next = bytes.next()
        func digits() -> Int {
            var n = 0
            while let b = next, b >= 48 && b <= 57 { n += 1; next = bytes.next() }
            return n
        }
        if next == UInt8(ascii: "-") { next = bytes.next() }
        if next == UInt8(ascii: "0") {
            next = bytes.next()
        } else if digits() == 0 {
            return false
        }
        if next == UInt8(ascii: ".") {
            next = bytes.next()
            if digits() == 0 { return false }
        }
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            next = bytes.next()
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { next = bytes.next() }
            if digits() == 0 { return false }
        }
        return next == nil
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 32 || b == 9 || b == 10 || b == 13
    }
}
