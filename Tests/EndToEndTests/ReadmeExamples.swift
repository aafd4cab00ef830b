/// The commands in the indented code blocks of a Markdown file, one group
/// per `## ` section, by the convention of `DocExample`.
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
                    builder.command(String(text.dropFirst(2)), place: "\(path):\(index + 1)")
                } else {
                    builder.line(text)
                }
            } else {
                builder.close()
            }
        }
        finish()
        return groups
    }
}
