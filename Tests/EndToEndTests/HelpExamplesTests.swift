import Foundation
import XCTest
import _AcctTestSupport

/// Each tool's --help ends with two or three examples that run as written
/// on the bundled examples/ (the install test runs them again where they
/// are installed).
final class HelpExamplesTests: XCTestCase {
    static let tools = ["capnp-cat", "acct-filter", "acct-slice", "acct-fmt", "acct-import"]

    func testHelpEndsWithExamplesThatRun() throws {
        for tool in Self.tools {
            let help = try ToolRunner.run(tool, ["--help"])
            XCTAssertEqual(help.status, 0, help.stderr)
            let commands = try XCTUnwrap(HelpScreen.examples(help.stdoutText), "\(tool) --help does not end with EXAMPLES:\n\(help.stdoutText)")
            XCTAssertTrue((2...3).contains(commands.count), "\(tool): \(commands)")
            for command in commands {
                XCTAssertTrue(command.hasPrefix(tool) || command.contains("| \(tool)"), "\(tool)'s example does not use it: \(command)")
                let result = try ToolRunner.shell("set -o pipefail; " + command)
                XCTAssertEqual(result.status, 0, result.describe([command]))
                XCTAssertEqual(result.stderr, "", command)
                XCTAssertFalse(result.stdout.isEmpty, command)
            }
        }
    }

    /// The version and the completion scripts come out as the parser makes
    /// them, without the examples.
    func testOnlyTheHelpScreenHasExamples() throws {
        for tool in Self.tools {
            let version = try ToolRunner.run(tool, ["--version"])
            XCTAssertEqual(version.status, 0, version.stderr)
            XCTAssertEqual(version.lines.count, 1, version.stdoutText)
            XCTAssertTrue(version.stdoutText.hasPrefix("\(tool) "), version.stdoutText)
            for shell in ["bash", "zsh", "fish"] {
                let script = try ToolRunner.run(tool, ["--generate-completion-script", shell])
                XCTAssertEqual(script.status, 0, script.stderr)
                XCTAssertTrue(script.stdoutText.contains(tool), "\(tool) \(shell)")
                XCTAssertFalse(script.stdoutText.contains("EXAMPLES:"), "\(tool) \(shell)")
            }
        }
    }

    func testHelpScreenParsing() {
        let help = "OPTIONS:\n  -h, --help  Show help.\n\nEXAMPLES:\n  Note.\n\n  One:\n    $ a | b\n  Two:\n    $ c\n"
        XCTAssertEqual(HelpScreen.examples(help), ["a | b", "c"])
        XCTAssertNil(HelpScreen.examples("OPTIONS:\n  -h\n"))
        XCTAssertNil(HelpScreen.examples("X\nEXAMPLES:\n    $ a\nMORE:\n  x\n"))
    }
}
