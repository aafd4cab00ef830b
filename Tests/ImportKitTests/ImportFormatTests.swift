import XCTest

@testable import ImportKit

final class ImportFormatTests: XCTestCase {
    func testFormatNamesAreTheFlagValues() {
        XCTAssertEqual(ImportFormat.allCases.map(\.rawValue), ["opennebula", "cloudstack", "abiquo", "slapos"])
    }
}
