/// One command line shown in a man page or the README, with the output the
/// text shows for it.
///
/// The convention every page follows, read by `MdocExamples` and
/// `ReadmeExamples`:
///
/// - A command is a line that begins with `$ `: a `.Dl $ ...` line or a line
///   of a `.Bd -literal` block in a man page (in EXAMPLES or any section that
///   shows one), a line of an indented block in the README. A line that ends
///   in `|` or `\` goes on in the next line, as it does in the shell.
/// - The lines that follow a command in its block, up to the next command or
///   the end of the block, are what the command writes to standard output,
///   exactly. In a man page an empty line of the block is an empty line of
///   output (mandoc shows it, and drops a line of `\&` alone), and a line of
///   output that ends in spaces is written with `\&` after them (mandoc
///   -Tlint warns of trailing spaces); in the README a blank line ends the
///   block.
/// - A command with no such lines is run, but its output is not compared. A
///   page shows a count with `| wc -l` or `-c`, and a part of a long output
///   with `| head`, so that what it shows is the whole output.
/// - Every command must exit with status 0 and write nothing to standard
///   error; one that shows a failure or a note says so in the shell, with
///   `; echo $?` or `2>&1`, and the output shows it.
/// - A command that holds a placeholder the reader must fill in (their own
///   billing tree) is a template: in a man page the placeholder is set in
///   italics, `\fIname\fP`, in the README it is a name in angle brackets,
///   `<host>`. Templates are parsed, not run.
/// - The commands of one page, or of one README section, run in order in one
///   scratch folder, in which `examples/` and `Sources/` lead to the
///   checkout's, so files written by one command serve the next.
struct DocExample: Equatable {
    /// Where the command begins, as `man/acct-filter.1:812`.
    var place: String
    /// The command as the shell reads it, continuation lines included.
    var command: String
    /// The standard output shown, lines joined and each ended with a
    /// newline; nil when the text shows none.
    var output: String?
    /// The command holds a placeholder and is not run.
    var isTemplate = false
}

/// The commands of one man page or one README section, run in one folder.
struct DocExampleGroup {
    var name: String
    var examples: [DocExample]
}

/// Building a group line by line: a command, its continuation lines, then
/// its output lines, until the block ends.
struct DocExampleBuilder {
    private(set) var examples: [DocExample] = []
    /// Lines that follow belong to the last command.
    private var open = false
    /// The last command's line ended in `|` or `\`.
    private var continues = false

    /// The text of a line that begins with `$ `, the prompt removed.
    mutating func command(_ text: String, place: String, isTemplate: Bool = false) {
        examples.append(DocExample(place: place, command: text, output: nil, isTemplate: isTemplate))
        open = true
        continues = Self.continues(text)
    }

    /// A line after a command in the same block: more of the command when the
    /// line before it ends in `|` or `\`, else a line of its output. A line
    /// that follows no command is not an example and is passed over.
    mutating func line(_ text: String, isTemplate: Bool = false) {
        guard open, let last = examples.indices.last else { return }
        if continues {
            examples[last].command += "\n" + text
            examples[last].isTemplate = examples[last].isTemplate || isTemplate
            continues = Self.continues(text)
        } else {
            examples[last].output = (examples[last].output ?? "") + text + "\n"
        }
    }

    /// The end of a block: what follows belongs to no command.
    mutating func close() {
        open = false
        continues = false
    }

    private static func continues(_ line: String) -> Bool {
        let trimmed = line.trimmingTrailingSpaces()
        return trimmed.hasSuffix("|") || trimmed.hasSuffix("\\")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
