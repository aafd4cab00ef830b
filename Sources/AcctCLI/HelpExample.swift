/// A command line that ends a tool's --help, with what it does. Each runs
/// as written where the bundled example files are (the source tree, or
/// share/doc/acct-tools where the tools are installed); the end-to-end tests
/// run every one.
public struct HelpExample: Sendable {
    public let what: String
    public let command: String

    public init(_ what: String, _ command: String) {
        self.what = what
        self.command = command
    }

    /// The EXAMPLES section appended to the help screen.
    static func section(_ examples: [HelpExample]) -> String {
        var text = """
            EXAMPLES:
              Run where examples/ is: in the source tree, or in share/doc/acct-tools
              under the installation's prefix.

            """
        for example in examples {
            text += "\n  \(example.what):\n    $ \(example.command)\n"
        }
        return text
    }
}
