/// Text from the input made safe for a terminal, one rule for table cells
/// and headers, the oneacct report and every message on standard error:
/// a key, a CSV field or a file name quoted in a message can neither send
/// escape sequences to the terminal nor break the one-line form.
public enum TerminalText {
    /// `text` as a table or a message shows it, safe to send to a terminal: control
    /// characters (C0, DEL, C1, which include ESC and the CSI that start
    /// terminal escape sequences) and the invisible format characters that
    /// reorder or hide text (bidirectional controls, zero-width space,
    /// line and paragraph separators, BOM, tags) are written out in a
    /// visible notation, so a value can neither drive the terminal nor
    /// break or disguise the layout: `\t`, `\n`, `\r`, `\xHH` for the
    /// other C0 characters and DEL (ESC is `\x1b`), `\u{HH…}` for the rest.
    /// The joiners U+200C and U+200D stay: Persian and Indic text needs them.
    /// The escaped form is plain ASCII, so widths count it as shown.
    public static func printable(_ text: String) -> String {
        // Table cells and messages are mostly printable ASCII: one pass over the bytes
        // decides for them.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }) else { return text }
        guard text.unicodeScalars.contains(where: { isHidden($0.value) }) else { return text }
        return escaped(text)
    }

    /// Whether a code point is shown escaped.
    public static func isHidden(_ value: UInt32) -> Bool {
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

}
