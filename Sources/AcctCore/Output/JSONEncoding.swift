import CNumbers

/// JSON text encoders that write straight into the buffer: no String or
/// Array is created per value, so a record costs no allocation.
extension OutputBuffer {
    /// Appends `bytes` as a quoted JSON string.
    ///
    /// `"`, `\` and control characters are escaped (`\n`, `\t`, `\r`, `\b`,
    /// `\f`, else `\u00XX`); valid UTF-8 passes through unchanged; each
    /// ill-formed UTF-8 sequence (maximal subpart) becomes U+FFFD.
    /// - Returns: false when something was replaced.
    @discardableResult
    public func appendJSONString(bytes: UnsafeRawBufferPointer) -> Bool {
        append(UInt8(ascii: "\""))
        guard let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            append(UInt8(ascii: "\""))
            return true
        }
        let end = start + bytes.count
        var p = start
        var clean = true
        while p < end {
            // A run of bytes that need no change is copied in one go; most
            // values are plain ASCII, checked eight bytes at a time.
            let run = p
            while p < end {
                if end - p >= 8 {
                    if !JSONStringBytes.anySpecial(UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) {
                        p += 8
                        continue
                    }
                }
                let b = p.pointee
                if b >= 0x80 {
                    let n = UTF8Sequence.length(at: p, end: end)
                    if n < 0 { break }
                    p += n
                } else if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                    break
                } else {
                    p += 1
                }
            }
            if p > run { append(UnsafeRawBufferPointer(start: run, count: p - run)) }
            if p == end { break }
            let b = p.pointee
            if b >= 0x80 {
                // EF BF BD is U+FFFD.
                let out = reserveTail(3)
                out[0] = 0xEF
                out[1] = 0xBF
                out[2] = 0xBD
                commit(3)
                p -= UTF8Sequence.length(at: p, end: end)
                clean = false
            } else {
                appendEscape(b)
                p += 1
            }
        }
        append(UInt8(ascii: "\""))
        return clean
    }

    /// Appends `string` as a quoted JSON string (see `appendJSONString(bytes:)`).
    public func appendJSONString(_ string: String) {
        var string = string
        string.withUTF8 { _ = appendJSONString(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Appends `"name":` as a member of an object being written, after a
    /// comma unless it is the `first` member (which it then clears).
    public func appendJSONKey(_ name: String, first: inout Bool) {
        if !first { append(UInt8(ascii: ",")) }
        first = false
        appendJSONString(name)
        append(UInt8(ascii: ":"))
    }

    /// Appends the decimal digits of `value`.
    public func appendInt(_ value: Int64) {
        if value < 0 {
            append(UInt8(ascii: "-"))
        }
        appendUInt(value.magnitude)
    }

    /// Appends the decimal digits of `value`.
    public func appendUInt(_ value: UInt64) {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let out = reserveTail(digits)
        var i = digits
        rest = value
        repeat {
            i -= 1
            out[i] = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
            rest /= 10
        } while rest != 0
        commit(digits)
    }

    /// Appends the decimal digits of `value`, which may be beyond Int64
    /// (a sum of UInt64 counters).
    public func appendInteger(_ value: Int128) {
        if let narrow = Int64(exactly: value) { return appendInt(narrow) }
        if value < 0 { append(UInt8(ascii: "-")) }
        // At most three groups of 19 digits, each written by appendUInt;
        // the lower ones zero-padded.
        let group: UInt128 = 10_000_000_000_000_000_000
        var rest = value.magnitude
        var groups: (UInt64, UInt64, UInt64) = (0, 0, 0)
        groups.0 = UInt64(rest % group)
        rest /= group
        groups.1 = UInt64(rest % group)
        rest /= group
        groups.2 = UInt64(rest)
        if groups.2 != 0 {
            appendUInt(groups.2)
            appendPadded(groups.1)
            appendPadded(groups.0)
        } else if groups.1 != 0 {
            appendUInt(groups.1)
            appendPadded(groups.0)
        } else {
            appendUInt(groups.0)
        }
    }

    /// The 19 digits of `value`, leading zeros included.
    private func appendPadded(_ value: UInt64) {
        let out = reserveTail(19)
        var rest = value
        for i in stride(from: 18, through: 0, by: -1) {
            out[i] = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
            rest /= 10
        }
        commit(19)
    }

    /// Appends the shortest text that reads back as the same Double, marked
    /// as a float (`2048.0`, never `2048`, which the record format reads as
    /// an integer). NaN and infinities become `null`: JSON has no such numbers.
    public func appendDouble(_ value: Double) {
        guard value.isFinite else {
            append("null")
            return
        }
        let out = reserveTail(Self.numberTextCapacity)
        let n = out.withMemoryRebound(to: CChar.self, capacity: 32) { acct_format_f64($0, value) }
        commit(Self.normalizeNumberText(out, count: n))
    }

    /// Appends the shortest text that reads back as the same Float (so a
    /// Float32 source value prints as `0.015784131`, not its widened
    /// double), marked as a float like `appendDouble(_:)`.
    public func appendFloat(_ value: Float) {
        guard value.isFinite else {
            append("null")
            return
        }
        if value == 0 {
            // Most usage figures of idle machines: skip the formatter.
            append(value.sign == .minus ? "-0.0" : "0.0")
            return
        }
        if appendWholeFloat(value) { return }
        appendFormattedFloat(value)
    }

    /// The shortest-text formatter itself, for finite values.
    func appendFormattedFloat(_ value: Float) {
        let out = reserveTail(Self.numberTextCapacity)
        let n = out.withMemoryRebound(to: CChar.self, capacity: 32) { acct_format_f32($0, value) }
        commit(Self.normalizeNumberText(out, count: n))
    }

    /// Whole sizes (`2048.0`, `40.0`) are half the floats of a record: their
    /// digits come straight from the integer. Only where the formatter's
    /// shortest text is the fixed form too: it writes `1e5` for 100000,
    /// which is shorter, and fixed wins a tie. False when it wrote nothing.
    @inline(__always)
    private func appendWholeFloat(_ value: Float) -> Bool {
        guard value.magnitude < 16_777_216, value == value.rounded(.towardZero) else { return false }
        var whole = Int64(value.magnitude)
        var digits = 0
        var trailingZeros = 0
        var countingZeros = true
        while whole > 0 {
            if countingZeros && whole % 10 == 0 { trailingZeros += 1 } else { countingZeros = false }
            digits += 1
            whole /= 10
        }
        let significant = digits - trailingZeros
        // `%e` length: the significant digits, a point when there are two or
        // more, and `e+XX`.
        let scientific = significant + (significant > 1 ? 1 : 0) + 4
        guard digits <= scientific else { return false }
        if value < 0 { append(UInt8(ascii: "-")) }
        appendInt(Int64(value.magnitude))
        append(".0")
        return true
    }

    /// Appends `bytes` in base64 (RFC 4648 standard alphabet, padded),
    /// without quotes.
    public func appendBase64(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n > 0, let source = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        let table = alphabet.utf8Start
        let length = (n + 2) / 3 * 4
        let out = reserveTail(length)
        var i = 0
        var o = 0
        while n - i >= 3 {
            let v = UInt32(source[i]) << 16 | UInt32(source[i + 1]) << 8 | UInt32(source[i + 2])
            out[o] = table[Int(v >> 18)]
            out[o + 1] = table[Int(v >> 12 & 63)]
            out[o + 2] = table[Int(v >> 6 & 63)]
            out[o + 3] = table[Int(v & 63)]
            i += 3
            o += 4
        }
        if n - i > 0 {
            let hasSecond = n - i == 2
            let v = UInt32(source[i]) << 16 | (hasSecond ? UInt32(source[i + 1]) << 8 : 0)
            out[o] = table[Int(v >> 18)]
            out[o + 1] = table[Int(v >> 12 & 63)]
            out[o + 2] = hasSecond ? table[Int(v >> 6 & 63)] : UInt8(ascii: "=")
            out[o + 3] = UInt8(ascii: "=")
        }
        commit(length)
    }

    /// 32 bytes for the C formatter plus room for the ".0" it may need.
    private static var numberTextCapacity: Int { 34 }

    /// Turns std::to_chars output into the stream's number text: the
    /// exponent loses its `+` and leading zeros (`1e-07` -> `1e-7`, still
    /// the shortest text), and a value with neither fraction nor exponent
    /// gets `.0` so it stays a float. Returns the new length.
    private static func normalizeNumberText(_ text: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var hasFraction = false
        for i in 0..<count {
            let c = text[i]
            if c == UInt8(ascii: ".") {
                hasFraction = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                var read = i + 1
                var write = i + 1
                if text[read] == UInt8(ascii: "+") {
                    read += 1
                } else if text[read] == UInt8(ascii: "-") {
                    read += 1
                    write += 1
                }
                while read < count - 1 && text[read] == UInt8(ascii: "0") { read += 1 }
                while read < count {
                    text[write] = text[read]
                    write += 1
                    read += 1
                }
                return write
            }
        }
        if hasFraction { return count }
        text[count] = UInt8(ascii: ".")
        text[count + 1] = UInt8(ascii: "0")
        return count + 2
    }

    private func appendEscape(_ byte: UInt8) {
        let out = reserveTail(6)
        out[0] = UInt8(ascii: "\\")
        let short: UInt8
        switch byte {
        case UInt8(ascii: "\""): short = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): short = UInt8(ascii: "\\")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        default:
            let hex: StaticString = "0123456789abcdef"
            out[1] = UInt8(ascii: "u")
            out[2] = UInt8(ascii: "0")
            out[3] = UInt8(ascii: "0")
            out[4] = hex.utf8Start[Int(byte >> 4)]
            out[5] = hex.utf8Start[Int(byte & 15)]
            commit(6)
            return
        }
        out[1] = short
        commit(2)
    }
}
