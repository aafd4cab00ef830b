import Foundation
import XCTest
import _AcctTestSupport

/// Each tool's `--help` and its man page name the same options: every short
/// and long option of `--help` has an item in the page's option list (the
/// `.Bl` after "The options are as follows:"), and every option of that list
/// and of the SYNOPSIS is one the tool takes. Options that swift-argument-
/// parser hides from `--help` (--generate-completion-script,
/// --experimental-dump-help) are not the tool's own and appear in neither.
final class ManPageOptionsTests: XCTestCase {
    static let tools = ["capnp-cat", "acct-filter", "acct-slice", "acct-fmt", "acct-import"]

    /// mdoc macros that end the run of flag names after `Fl`.
    private static let macros: Set<String> = ["Ar", "Fl", "Ns", "No", "Cm", "Li", "Op", "Oo", "Oc", "Ic", "Pa", "Ql"]

    /// The options in the OPTIONS part of `--help`: each line that begins
    /// with two spaces and a dash, up to its description.
    static func helpOptions(_ help: String) -> Set<String> {
        var options: Set<String> = []
        var inOptions = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasSuffix(":") && !line.hasPrefix(" ") {
                inOptions = line == "OPTIONS:"
                continue
            }
            guard inOptions, line.hasPrefix("  -") else { continue }
            let spec = line.dropFirst(2).components(separatedBy: "  ")[0]
            for word in spec.split(whereSeparator: { " ,/".contains($0) }) where word.hasPrefix("-") {
                options.insert(String(word))
            }
        }
        return options
    }

    /// The flags named with `Fl` in the given mdoc lines: `Fl a Ar list , Fl -account`
    /// names -a and --account.
    static func mdocFlags<S: Sequence>(_ lines: S) -> Set<String> where S.Element == Substring {
        var flags: Set<String> = []
        for line in lines {
            var afterFl = false
            for word in line.split(separator: " ") {
                if word == "Fl" || word == ".Fl" {
                    afterFl = true
                } else if afterFl, !macros.contains(String(word)),
                          word.first.map({ $0.isLetter || $0 == "-" }) == true {
                    flags.insert("-" + word)
                } else {
                    afterFl = false
                }
            }
        }
        return flags
    }

    /// The `.It` lines of the page's option list, and its SYNOPSIS lines.
    static func pageParts(_ page: String) -> (options: [Substring], synopsis: [Substring]) {
        var options: [Substring] = []
        var synopsis: [Substring] = []
        var section = ""
        var listDepth = 0
        var awaitingList = false
        for line in page.split(separator: "\n") {
            if line.hasPrefix(".Sh ") {
                section = String(line.dropFirst(4))
                continue
            }
            if section == "SYNOPSIS" { synopsis.append(line) }
            if line.hasPrefix("The options are as follows") { awaitingList = true }
            if line.hasPrefix(".Bl ") {
                if awaitingList || listDepth > 0 { listDepth += 1 }
                awaitingList = false
            } else if line == ".El", listDepth > 0 {
                listDepth -= 1
            } else if listDepth == 1, line.hasPrefix(".It ") {
                options.append(line)
            }
        }
        return (options, synopsis)
    }

    func testHelpAndManPageNameTheSameOptions() throws {
        for tool in Self.tools {
            let help = try ToolRunner.run(tool, ["--help"])
            XCTAssertEqual(help.status, 0, help.describe([tool, "--help"]))
            let taken = Self.helpOptions(help.stdoutText)
            XCTAssertTrue(taken.isSuperset(of: ["-h", "--help", "--version"]), "\(tool) --help: \(taken.sorted())")

            let page = try DocExampleRunner.read("man/\(tool).1")
            let parts = Self.pageParts(page)
            let listed = Self.mdocFlags(parts.options)
            XCTAssertFalse(listed.isEmpty, "man/\(tool).1 has no option list")
            for option in taken.subtracting(listed).sorted() {
                XCTFail("man/\(tool).1 has no item for \(option), which \(tool) --help lists")
            }
            for option in listed.subtracting(taken).sorted() {
                XCTFail("man/\(tool).1 lists \(option), which \(tool) --help does not")
            }
            for option in Self.mdocFlags(parts.synopsis).subtracting(taken).sorted() {
                XCTFail("the SYNOPSIS of man/\(tool).1 shows \(option), which \(tool) --help does not list")
            }
        }
    }

    func testReadingOfHelpAndPages() {
        let help = """
        USAGE: t [<options>]

        OPTIONS:
          -s, --start <time>      Keep records still running at or after this time.
          --header/--no-header    Write the header line. (default: --header)
          --traversal-limit <words>
                                  Words a message may read (default 8388608).
          -h, --help              Show help information.

        """
        XCTAssertEqual(Self.helpOptions(help), ["-s", "--start", "--header", "--no-header", "--traversal-limit", "-h", "--help"])
        let page = """
        .Sh SYNOPSIS
        .Op Fl -tz Ar zone | Fl -utc
        .Sh DESCRIPTION
        .Bl -tag -width Ds
        .It Fl x Ar not-an-option
        .El
        The options are as follows:
        .Bl -tag -width Ds
        .It Fl a Ar list , Fl -account Ar list
        .Bl -tag -width Ds
        .It Fl y
        .El
        .It Fl -header , Fl -no-header
        .El
        .Bl -tag -width Ds
        .It Fl z
        .El
        """
        let parts = Self.pageParts(page)
        XCTAssertEqual(Self.mdocFlags(parts.options), ["-a", "--account", "--header", "--no-header"])
        XCTAssertEqual(Self.mdocFlags(parts.synopsis), ["--tz", "--utc"])
    }
}
