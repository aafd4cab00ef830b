/// The parts of a tool's --help screen that the tests read.
enum HelpScreen {
    /// The command lines (after `$ `) of the EXAMPLES section, nil when the
    /// screen has none or another section follows it.
    static func examples(_ help: String) -> [String]? {
        guard let range = help.range(of: "\nEXAMPLES:\n") else { return nil }
        var commands: [String] = []
        for line in help[range.upperBound...].split(separator: "\n") {
            // A section header starts at the margin; the examples are indented.
            guard line.first == " " else { return nil }
            let text = line.drop(while: { $0 == " " })
            if text.hasPrefix("$ ") { commands.append(String(text.dropFirst(2))) }
        }
        return commands
    }
}
