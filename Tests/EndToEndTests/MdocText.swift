/// The text a reader sees for a line of mdoc source: the escapes of
/// roff(7) and mandoc_char(7) that the pages use, turned into their
/// characters.
enum MdocText {
    struct UnknownEscape: Error, CustomStringConvertible {
        var escape: String
        var description: String { "unknown roff escape '\(escape)'" }
    }

    /// Two-letter special characters, `\(xx`.
    private static let specials: [String: String] = [
        "dq": "\"", "aq": "'", "ga": "`", "ti": "~", "ha": "^", "rs": "\\", "en": "\u{2013}",
        "em": "\u{2014}", "mi": "\u{2212}", "mu": "\u{00D7}", "lq": "\u{201C}", "rq": "\u{201D}",
        "oq": "\u{2018}", "cq": "\u{2019}", "ba": "|", "at": "@", "sh": "#", "Do": "$", "sl": "/",
        "bu": "\u{2022}",
    ]

    /// `line` with its escapes replaced; `italic` is set when the line holds
    /// a change to the italic font (`\fI`), the mark of a placeholder.
    static func plain(_ line: String) throws -> (text: String, italic: Bool) {
        var out = ""
        var italic = false
        var rest = Substring(line)
        while let slash = rest.firstIndex(of: "\\") {
            out += rest[..<slash]
            rest = rest[rest.index(after: slash)...]
            guard let kind = rest.first else { throw UnknownEscape(escape: "\\") }
            rest = rest.dropFirst()
            switch kind {
            case "e", "\\": out += "\\"
            case "-": out += "-"
            case "&", "|", "^", ")": break
            case " ", "~", "0": out += " "
            case ".": out += "."
            case "(":
                let name = String(rest.prefix(2))
                guard name.count == 2, let text = specials[name] else { throw UnknownEscape(escape: "\\(" + name) }
                out += text
                rest = rest.dropFirst(2)
            case "[":
                guard let close = rest.firstIndex(of: "]") else { throw UnknownEscape(escape: "\\[") }
                let name = String(rest[..<close])
                guard let text = specials[name] else { throw UnknownEscape(escape: "\\[" + name + "]") }
                out += text
                rest = rest[rest.index(after: close)...]
            case "f":
                guard let font = rest.first else { throw UnknownEscape(escape: "\\f") }
                if font == "I" { italic = true }
                guard "BIRP".contains(font) else { throw UnknownEscape(escape: "\\f" + String(font)) }
                rest = rest.dropFirst()
            default:
                throw UnknownEscape(escape: "\\" + String(kind))
            }
        }
        out += rest
        return (out, italic)
    }
}
