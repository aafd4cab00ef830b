import AcctCore
import ArgumentParser
import Glibc

/// The entry point of every tool: swift-argument-parser reads the
/// arguments, but a usage error is said in the tools' own one-line style
/// (`acct-fmt: unknown option '--bogus'`, exit 64) instead of its "Error:"
/// and usage screen, with a pointer to the tool that has the option when
/// another one does. `--help` and `--version` print as it prints them, the
/// help screen followed by the tool's examples.
public enum ToolMain {
    public static func run<Command: ParsableCommand>(_ command: Command.Type, examples: [HelpExample] = []) -> Never {
        let name = Command.configuration.commandName ?? "acct"
        // Every program is started with at least its own name. Without it
        // the arguments were lost (a parent that called execve with none,
        // or a runtime that could not read /proc/self/cmdline for want of a
        // free descriptor; Swift then gives one empty argument): running
        // without the options given would copy or sum the wrong records
        // with exit 0.
        if CommandLine.arguments.first?.isEmpty != false {
            let line = "\(name): no argument list, not even the program name; nothing was done\n"
            _ = line.utf8CString.withUnsafeBytes { Descriptor.writeAll(2, UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
            exit(ExitStatus.fatal.rawValue)
        }
        do {
            var parsed = try Command.parseAsRoot()
            try parsed.run()
            exit(0)
        } catch let code as ExitCode {
            // The job has said what there was to say (Tool.run).
            exit(code.rawValue)
        } catch {
            let code = Command.exitCode(for: error)
            if code == .success {
                // Help, the version or a completion script; only the help
                // screen gets the examples. (Rendering the help to compare
                // costs a millisecond, which --version does not pay.)
                let text = Command.fullMessage(for: error)
                if !examples.isEmpty && text != Command.configuration.version && text == Command.helpMessage() {
                    let help = text.hasSuffix("\n") ? text : text + "\n"
                    print(help + "\n" + HelpExample.section(examples), terminator: "")
                } else {
                    print(text)
                }
                exit(0)
            }
            // An argument quoted back (an unknown option) is shown escaped.
            let line = TerminalText.printable("\(name): \(message(for: error, of: Command.self, name: name))") + "\n"
            _ = line.utf8CString.withUnsafeBytes { Descriptor.writeAll(2, UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
            exit(code.rawValue)
        }
    }

    /// The first line of the parser's message, lowercased, with the tool an
    /// unknown option belongs to.
    static func message<Command: ParsableCommand>(for error: Error, of command: Command.Type, name: String) -> String {
        let text = Command.message(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
        var message = SystemError.lowercasingFirstWord(text)
        // The parser's own guess, "X. Did you mean 'Y'?", in the tools' style.
        var guess: String?
        if let range = message.firstRange(of: ". Did you mean ") {
            guess = "did you mean " + message[range.upperBound...]
            message = String(message[..<range.lowerBound])
            // The parser guesses far (`--bogus` for `--jobs`); a guess is
            // kept only when it is as close as the tools' own guesses.
            let quoted = { (text: String) in text.split(separator: "'").dropFirst().first.map { String($0.drop(while: { $0 == "-" })) } }
            if let typed = quoted(message), let guessed = guess.flatMap(quoted),
               ClosestName.closest(to: typed, among: [guessed]) == nil {
                guess = nil
            }
        }
        if message.hasPrefix("unknown option '"), let option = message.split(separator: "'").dropFirst().first,
           let hint = OptionHome.hint(for: String(option), in: name) {
            return message + ": " + hint
        }
        return guess.map { message + "; " + $0 } ?? message
    }
}
