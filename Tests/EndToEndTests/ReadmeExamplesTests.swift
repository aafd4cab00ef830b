import XCTest

/// Every `$` command in the README's indented blocks runs, one scratch
/// folder per section, and shows what the README says it shows (the
/// convention is in DocExample.swift).
final class ReadmeExamplesTests: XCTestCase {
    func testReadmeCommands() throws {
        let groups = ReadmeExamples.groups(in: try DocExampleRunner.read("README.md"), path: "README.md")
        XCTAssertGreaterThanOrEqual(groups.count, 2, "the README's sections with commands")
        for group in groups {
            for failure in try DocExampleRunner.failures(of: group) {
                XCTFail("\(group.name): \(failure)")
            }
        }
    }
}
