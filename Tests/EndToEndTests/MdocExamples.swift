/// The commands shown in a man page, by the convention of `DocExample`: those
/// of EXAMPLES and those that other sections show on the way.
enum MdocExamples {
    struct Unreadable: Error, CustomStringConvertible {
        var place: String
        var what: String
        var description: String { "\(place): \(what)" }
    }

    /// mdoc's callable macros: a `.Dl` line is parsed, so one of these words
    /// in it would be set as a macro, not shown as written.
    private static let macros: Set<String> = [
        "Ac", "Ad", "An", "Ao", "Ap", "Aq", "Ar", "At", "Bc", "Bo", "Bq", "Brc", "Bro", "Brq", "Bsx", "Bx",
        "Cm", "Dc", "Do", "Dq", "Dv", "Dx", "Ec", "Em", "En", "Eo", "Er", "Ev", "Fa", "Fc", "Fl", "Fn", "Fo",
        "Fr", "Ft", "Fx", "Ic", "In", "Li", "Lk", "Ms", "Mt", "Nm", "No", "Ns", "Nx", "Oc", "Oo", "Op", "Ox",
        "Pa", "Pc", "Pf", "Po", "Pq", "Qc", "Ql", "Qo", "Qq", "Sc", "So", "Sq", "St", "Sx", "Sy", "Ta", "Tn",
        "Ux", "Va", "Vt", "Xc", "Xo", "Xr",
    ]

    /// Words that mdoc treats as punctuation when they stand alone in a
    /// parsed line, moving the spaces around them.
    private static let delimiters: Set<String> = ["(", ")", "[", "]", ".", ",", ";", ":", "?", "!"]

    /// The examples of `source`, the text of the page at `path` (for places).
    static func examples(in source: String, path: String) throws -> [DocExample] {
        var builder = DocExampleBuilder()
        var inLiteral = false
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(line)
            let place = "\(path):\(index + 1)"
            if inLiteral {
                if line.hasPrefix(".") {
                    guard line == ".Ed" else { throw Unreadable(place: place, what: "a macro inside a literal block") }
                    inLiteral = false
                    builder.close()
                    continue
                }
                let (text, italic) = try plain(line, place: place)
                if text.hasPrefix("$ ") {
                    builder.command(String(text.dropFirst(2)), place: place, isTemplate: italic)
                } else {
                    builder.line(text, isTemplate: italic)
                }
            } else if line.hasPrefix(".Bd -literal") {
                inLiteral = true
            } else if line.hasPrefix(".Dl $ ") {
                let words = line.dropFirst(6).split(separator: " ", omittingEmptySubsequences: false)
                if line.contains("\"") || line.contains("  ") || line.hasSuffix(" ") {
                    throw Unreadable(place: place, what: "a .Dl line with a double quote or a run of spaces: use \\(dq, or a literal block")
                }
                if let word = words.first(where: { macros.contains(String($0)) || delimiters.contains(String($0)) }) {
                    throw Unreadable(place: place, what: "'\(word)' in a .Dl line is not shown as written: use a literal block")
                }
                let (text, italic) = try plain(String(line.dropFirst(6)), place: place)
                builder.command(text, place: place, isTemplate: italic)
                builder.close()
            }
        }
        if inLiteral { throw Unreadable(place: path, what: "a literal block has no .Ed") }
        return builder.examples
    }

    private static func plain(_ line: String, place: String) throws -> (String, Bool) {
        do {
            return try MdocText.plain(line)
        } catch {
            throw Unreadable(place: place, what: "\(error)")
        }
    }
}
