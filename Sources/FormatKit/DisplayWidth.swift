import AcctCore

/// How many terminal columns text takes: wide East Asian characters and
/// most emoji two, combining marks none, everything else one. Control and
/// invisible format characters never reach a table: `printable` shows
/// them escaped.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        // Table cells are mostly ASCII: one column per byte.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        var width = 0
        for scalar in text.unicodeScalars { width += of(scalar) }
        return width
    }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        switch v {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F, 0x200B...0x200F:
            return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// `text` as a table shows it, safe to send to a terminal: control
    /// characters (C0, DEL, C1, which include ESC and the CSI that start
    /// terminal escape sequences) and the invisible format characters that
    /// reorder or hide text (bidirectional controls, zero-width space,
    /// line and paragraph separators, BOM, tags) are written out in a
    /// visible notation, so a value can neither drive the terminal nor
    /// break or disguise the layout: `\t`, `\n`, `\r`, `\xHH` for the
    /// other C0 characters and DEL (ESC is `\x1b`), `\u{HH…}` for the rest.
    /// The joiners U+200C and U+200D stay: Persian and Indic text needs them.
    /// The escaped form is plain ASCII, so widths count it as shown.
    static func printable(_ text: String) -> String {
        // Table cells are mostly printable ASCII: one pass over the bytes
        // decides for them.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }) else { return text }
        guard text.unicodeScalars.contains(where: { isHidden($0.value) }) else { return text }
        return escaped(text)
    }

    /// Whether a code point is shown escaped in a table.
    static func isHidden(_ value: UInt32) -> Bool {
        switch value {
        case 0..<0x20, 0x7F...0x9F,  // C0, DEL, C1
            0xAD, 0x61C, 0x180E,  // soft hyphen, Arabic letter mark, Mongolian vowel separator
            0x200B, 0x200E, 0x200F,  // zero-width space, left-to-right and right-to-left marks
            0x2028...0x202E,  // line and paragraph separators, bidirectional embeddings and overrides
            0x2060...0x206F,  // word joiner, invisible operators, bidirectional isolates
            0xFEFF, 0xFFF9...0xFFFB,  // BOM (zero-width no-break space), interlinear annotation
            0xE0000...0xE007F:  // tags
            return true
        default:
            return false
        }
    }

    private static func escaped(_ text: String) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            guard isHidden(v) else {
                out.append(scalar)
                continue
            }
            out.append("\\")
            switch v {
            case 9: out.append("t")
            case 10: out.append("n")
            case 13: out.append("r")
            case 0..<0x20, 0x7F:
                out.append("x")
                out.append(digits[Int(v >> 4)])
                out.append(digits[Int(v & 0xF)])
            default:
                out.append("u")
                out.append("{")
                var shift = 28
                while shift > 0 && (v >> UInt32(shift)) & 0xF == 0 { shift -= 4 }
                while shift >= 0 {
                    out.append(digits[Int((v >> UInt32(shift)) & 0xF)])
                    shift -= 4
                }
                out.append("}")
            }
        }
        return String(out)
    }

    /// `text` cut to `width` columns, with `…` marking the cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        var result = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let w = of(scalar)
            if used + w > width - 1 { break }
            result.unicodeScalars.append(scalar)
            used += w
        }
        return result + "…"
    }
}
