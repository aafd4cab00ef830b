import Foundation
import XCTest
import _AcctTestSupport

/// Every command that a man page shows, in EXAMPLES or on the way, runs and
/// shows what the page says it shows (the convention is in DocExample.swift).
final class ManPageExamplesTests: XCTestCase {
    static let pages = [
        "man/capnp-cat.1", "man/acct-filter.1", "man/acct-slice.1", "man/acct-fmt.1", "man/acct-import.1",
        "man/acct-records.5",
    ]

    private func check(_ page: String) throws {
        let examples = try MdocExamples.examples(in: DocExampleRunner.read(page), path: page)
        XCTAssertFalse(examples.filter { !$0.isTemplate }.isEmpty, "\(page) runs no example")
        for failure in try DocExampleRunner.failures(of: DocExampleGroup(name: page, examples: examples)) {
            XCTFail(failure)
        }
    }

    func testEveryPageIsChecked() throws {
        let found = try FileManager.default.contentsOfDirectory(
            atPath: ToolRunner.repositoryRoot.appendingPathComponent("man").path)
        XCTAssertEqual(Set(found.map { "man/" + $0 }), Set(Self.pages))
    }

    func testCapnpCat() throws { try check("man/capnp-cat.1") }
    func testAcctFilter() throws { try check("man/acct-filter.1") }
    func testAcctSlice() throws { try check("man/acct-slice.1") }
    func testAcctFmt() throws { try check("man/acct-fmt.1") }
    func testAcctImport() throws { try check("man/acct-import.1") }
    func testAcctRecords() throws { try check("man/acct-records.5") }
}
