import Foundation
import XCTest
import _AcctTestSupport

/// Each tool links the core and its own engine only: acct-filter carries no
/// roll-up or formatter code, acct-slice no expression code, capnp-cat none
/// of them, and only ovc-gen the OpenVCloud generator. The expression
/// language is shared by acct-filter (-x) and acct-fmt (computed columns). Read from the
/// symbols of the built binaries (a Swift symbol names its module).
final class LinkageTests: XCTestCase {
    private static let engines = ["CapnpKit", "ExprKit", "FilterKit", "SliceKit", "FormatKit", "ImportKit", "OVCGenKit"]

    /// The engine modules whose symbols `tool` holds.
    private func engines(in tool: String) throws -> Set<String> {
        let result = try ToolRunner.runExecutable("/usr/bin/env", ["nm", "--defined-only", ToolRunner.path(of: tool)],
                                                  stdin: nil, directory: nil, environment: nil)
        if result.status != 0 { throw XCTSkip("nm is not available: \(result.stderr)") }
        let text = result.stdoutText
        // A mangled Swift symbol spells its module as <length><name>.
        return Set(Self.engines.filter { text.contains("$s\($0.utf8.count)\($0)") })
    }

    func testEachToolLinksItsOwnEngine() throws {
        let expected: [String: Set<String>] = [
            "capnp-cat": ["CapnpKit"],
            "acct-filter": ["FilterKit", "ExprKit"],
            "acct-slice": ["SliceKit"],
            "acct-fmt": ["FormatKit", "ExprKit"],
            "acct-import": ["ImportKit"],
            "ovc-gen": ["CapnpKit", "OVCGenKit"],
        ]
        for (tool, engines) in expected.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(try self.engines(in: tool), engines, tool)
        }
    }
}
