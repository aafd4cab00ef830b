import Foundation
import XCTest
import _AcctTestSupport

/// `make install-tree` (what `make install` does after building) from the
/// built binaries into a scratch DESTDIR: the installed tools run, strip
/// and all, from PREFIX/bin on the examples installed under
/// share/doc/acct-tools; the manual pages and completions lie where man and
/// the shells look, and bash loads its completions; `make uninstall` then
/// leaves no file behind.
final class InstallTests: XCTestCase {
    private static let prefix = "/usr/local"
    private static let pages = [("1", "capnp-cat"), ("1", "acct-filter"), ("1", "acct-slice"), ("1", "acct-fmt"),
                                ("1", "acct-import"), ("5", "acct-records")]

    func testInstallRunsAndUninstallRemovesEverything() throws {
        let scratch = try TempDir(prefix: "acct-install")
        let variables = ["BIN=" + ToolRunner.binaryFolder.path, "DESTDIR=" + scratch.path, "PREFIX=" + Self.prefix]
        let install = try make(["install-tree"] + variables)
        XCTAssertEqual(install.status, 0, install.stderr)
        let root = scratch.path + Self.prefix

        try checkBinaries(root)
        try checkPages(root)
        try checkCompletions(root)
        try checkDocuments(root)

        let uninstall = try make(["uninstall"] + variables)
        XCTAssertEqual(uninstall.status, 0, uninstall.stderr)
        XCTAssertEqual(try files(under: scratch.path), [])
    }

    /// Stripped, and the same programs as the built ones.
    private func checkBinaries(_ root: String) throws {
        for tool in HelpExamplesTests.tools {
            let path = "\(root)/bin/\(tool)"
            XCTAssertTrue(FileManager.default.isExecutableFile(atPath: path), path)
            let sections = try run("/usr/bin/env", ["readelf", "-S", "-W", path])
            XCTAssertEqual(sections.status, 0, sections.stderr)
            XCTAssertFalse(sections.stdoutText.contains(".symtab"), "\(tool) is not stripped")
            XCTAssertFalse(sections.stdoutText.contains(".comment"), "\(tool) keeps .comment")
            let installed = try run(path, ["--version"])
            XCTAssertEqual(installed.status, 0, installed.stderr)
            XCTAssertEqual(installed.stdoutText, try ToolRunner.run(tool, ["--version"]).stdoutText)
        }
    }

    /// The pages as written, where man finds them under the prefix, and
    /// mandoc renders them.
    private func checkPages(_ root: String) throws {
        let repository = ToolRunner.repositoryRoot.path
        for (section, name) in Self.pages {
            let page = "\(root)/share/man/man\(section)/\(name).\(section)"
            XCTAssertEqual(FileManager.default.contents(atPath: page),
                           FileManager.default.contents(atPath: "\(repository)/man/\(name).\(section)"), page)
            let found = try run("/usr/bin/env", ["man", "-M", "\(root)/share/man", "-w", section, name])
            XCTAssertEqual(found.stdoutText, page + "\n", found.stderr)
            let shown = try run("/usr/bin/env", ["mandoc", "-T", "ascii", page])
            XCTAssertEqual(shown.status, 0, shown.stderr)
            // Bold is a character, a backspace and the character again.
            var plain: [UInt8] = []
            for byte in shown.stdout { if byte == 8 { plain.removeLast() } else { plain.append(byte) } }
            XCTAssertTrue(String(decoding: plain, as: UTF8.self).contains("\n     \(name) - "), page)
        }
    }

    /// bash sources its completion and completes an option with it; zsh's
    /// and fish's are where those shells look, for the right command.
    private func checkCompletions(_ root: String) throws {
        for tool in HelpExamplesTests.tools {
            let bash = "\(root)/share/bash-completion/completions/\(tool)"
            let loaded = try run("/bin/bash", ["-c", "source '\(bash)' && complete -p \(tool)"])
            XCTAssertEqual(loaded.status, 0, loaded.stderr)
            XCTAssertEqual(loaded.stdoutText, "complete -o filenames -F _\(tool) \(tool)\n", loaded.stderr)
            let completed = try run("/bin/bash", ["-c", """
                source '\(bash)'
                COMP_LINE='\(tool) --vers'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(\(tool) --vers); COMP_CWORD=1
                _\(tool) \(tool) --vers \(tool)
                echo "${COMPREPLY[*]}"
                """])
            XCTAssertEqual(completed.stdoutText, "--version\n", completed.stderr)
            let zsh = try String(contentsOfFile: "\(root)/share/zsh/site-functions/_\(tool)", encoding: .utf8)
            XCTAssertTrue(zsh.hasPrefix("#compdef \(tool)\n"), tool)
            let fish = try String(contentsOfFile: "\(root)/share/fish/vendor_completions.d/\(tool).fish", encoding: .utf8)
            XCTAssertTrue(fish.contains("complete -c '\(tool)'") || fish.contains("complete -c \(tool)"), tool)
        }
    }

    /// The README, the schema's source and every example file as in the
    /// checkout (scripts still executable), and the tools' help examples and
    /// the rbc-usage script run there with the installed tools.
    private func checkDocuments(_ root: String) throws {
        let doc = "\(root)/share/doc/acct-tools"
        let repository = ToolRunner.repositoryRoot.path
        for file in ["README.md", "Sources/CCapnp/ovc.capnp"] {
            XCTAssertEqual(FileManager.default.contents(atPath: "\(doc)/\(file)"),
                           FileManager.default.contents(atPath: "\(repository)/\(file)"), file)
        }
        let examples = try files(under: "\(repository)/examples")
        XCTAssertFalse(examples.isEmpty)
        XCTAssertEqual(try files(under: "\(doc)/examples"), examples)
        for file in examples {
            XCTAssertEqual(FileManager.default.contents(atPath: "\(doc)/examples/\(file)"),
                           FileManager.default.contents(atPath: "\(repository)/examples/\(file)"), file)
            XCTAssertEqual(FileManager.default.isExecutableFile(atPath: "\(doc)/examples/\(file)"),
                           FileManager.default.isExecutableFile(atPath: "\(repository)/examples/\(file)"), file)
        }

        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = nil
        environment["PATH"] = "\(root)/bin:/usr/bin:/bin"
        var commands = ["examples/rbc-usage/gb-month.sh 2 2024-03-01 2024-03-31 examples/cloudstack/cloud_usage.csv",
                        "capnp-cat --schema Sources/CCapnp/ovc.capnp --root Account examples/ovc/1/2018/10/1/0/account_capnp.bin"]
        for tool in HelpExamplesTests.tools {
            commands += HelpScreen.examples(try run("\(root)/bin/\(tool)", ["--help"]).stdoutText) ?? []
        }
        XCTAssertGreaterThan(commands.count, 10)
        for command in commands {
            let result = try ToolRunner.runExecutable("/bin/bash", ["-c", "set -o pipefail; " + command], stdin: nil,
                                                      directory: URL(fileURLWithPath: doc), environment: environment)
            XCTAssertEqual(result.status, 0, result.describe([command]))
            XCTAssertEqual(result.stderr, "", command)
            XCTAssertFalse(result.stdout.isEmpty, command)
        }
    }

    /// make in the checkout, with none of the make that runs the tests'
    /// settings.
    private func make(_ arguments: [String]) throws -> ToolResult {
        var environment = ProcessInfo.processInfo.environment
        for name in ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"] { environment[name] = nil }
        return try ToolRunner.runExecutable("/usr/bin/env", ["make", "-s"] + arguments, stdin: nil, directory: nil,
                                            environment: environment)
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> ToolResult {
        try ToolRunner.runExecutable(executable, arguments, stdin: nil, directory: nil, environment: nil)
    }

    /// The files (not folders) under `folder`, as sorted relative paths.
    private func files(under folder: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(folder)/\(path)", isDirectory: &isFolder), !isFolder.boolValue {
                found.append(path)
            }
        }
        return found.sorted()
    }
}
