import XCTest

@testable import CapnpKit
@testable import OVCGenKit

final class OVCLayoutTests: XCTestCase {
    func testFileHourFromTheLastFiveNumericFolders() {
        XCTAssertEqual(OVCLayout.hour(ofFileIn: [6, 2018, 10, 1, 3]), 1_538_362_800)
        XCTAssertEqual(OVCLayout.hour(ofFileIn: [1, 6, 2018, 10, 1, 3]), 1_538_362_800)
        XCTAssertNil(OVCLayout.hour(ofFileIn: [2018, 10, 1, 3]))
        XCTAssertNil(OVCLayout.hour(ofFileIn: [6, 2018, 2, 30, 3]))
        XCTAssertNil(OVCLayout.hour(ofFileIn: [6, 2018, 10, 1, 24]))
    }

    func testFolderSpans() {
        XCTAssertNil(OVCLayout.span(ofFolderIn: [6]))
        XCTAssertEqual(OVCLayout.span(ofFolderIn: [6, 2018])?.start, 1_514_764_800)
        XCTAssertEqual(OVCLayout.span(ofFolderIn: [6, 2018])?.end, 1_546_300_800)
        XCTAssertEqual(OVCLayout.span(ofFolderIn: [6, 2018, 12])?.end, 1_546_300_800)
        XCTAssertEqual(OVCLayout.span(ofFolderIn: [6, 2016, 2, 29])?.start, 1_456_704_000)
        XCTAssertEqual(OVCLayout.span(ofFolderIn: [6, 2018, 10, 1, 3])?.end, 1_538_366_400)
        // Implausible readings skip nothing.
        XCTAssertNil(OVCLayout.span(ofFolderIn: [1, 6]))
        XCTAssertNil(OVCLayout.span(ofFolderIn: [6, 2018, 13]))
        XCTAssertNil(OVCLayout.span(ofFolderIn: [1, 6, 2018, 10, 1, 3]))
    }

    func testChainExtension() {
        XCTAssertEqual(OVCLayout.extend([6], with: "2018"), [6, 2018])
        XCTAssertEqual(OVCLayout.extend([6], with: "active"), [])
        XCTAssertEqual(OVCLayout.extend([6], with: "1234567890123"), [])
    }

    func testHourPath() {
        XCTAssertEqual(OVCGenerator.hourPath(account: 6, epoch: 1_538_362_800), "6/2018/10/1/3/account_capnp.bin")
    }
}
