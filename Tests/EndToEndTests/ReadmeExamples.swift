/// The commands in the indented code blocks of a Markdown file, one group
/// per `## ` section, by the convention of `DocExample`; a placeholder there
/// is a name in angle brackets, `<host>`.
enum ReadmeExamples {
    static func groups(in source: String, path: String) -> [DocExampleGroup] {
        var groups: [DocExampleGroup] = []
        var name = path
        var builder = DocExampleBuilder()
        func finish() {
            if !builder.examples.isEmpty { groups.append(DocExampleGroup(name: name, examples: builder.examples)) }
            builder = DocExampleBuilder()
        }
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(line)
            if line.hasPrefix("## ") {
                finish()
                name = "\(path) \(line.dropFirst(3))"
            } else if line.hasPrefix("    ") {
                let text = String(line.dropFirst(4))
                if text.hasPrefix("$ ") {
                    builder.command(String(text.dropFirst(2)), place: "\(path):\(index + 1)",
                                    isTemplate: holdsPlaceholder(text))
                } else {
                    builder.line(text, isTemplate: holdsPlaceholder(text))
                }
            } else {
                builder.close()
            }
        }
        finish()
        return groups
    }

    /// Whether `line` holds a placeholder, a name in angle brackets such as
    /// `<host>`: Markdown's code blocks have no italics, and the shell would
    /// read the brackets as redirections, so the line cannot run as it stands.
    static func holdsPlaceholder(_ line: String) -> Bool {
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "<") {
            let name = rest[rest.index(after: open)...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            let after = rest.index(open, offsetBy: name.count + 1)
            if name.first?.isLetter == true, after < rest.endIndex, rest[after] == ">" { return true }
            rest = rest[rest.index(after: open)...]
        }
        return false
    }
}
