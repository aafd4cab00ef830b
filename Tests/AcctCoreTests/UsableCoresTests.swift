@testable import AcctCore
import XCTest

final class UsableCoresTests: XCTestCase {
    func testCountIsAtLeastOne() {
        XCTAssertGreaterThanOrEqual(UsableCores.count(), 1)
        if let affinity = UsableCores.affinityCount() { XCTAssertGreaterThanOrEqual(affinity, UsableCores.count()) }
    }

    func testAffinityMask() {
        XCTAssertEqual(UsableCores.mask("\tff"), 8)
        XCTAssertEqual(UsableCores.mask("00000000,00000003"), 2)
        XCTAssertEqual(UsableCores.mask("1"), 1)
        XCTAssertNil(UsableCores.mask("0"))
        XCTAssertNil(UsableCores.mask("zz"))
    }

    func testCgroupQuotas() {
        XCTAssertEqual(UsableCores.quota(cpuMax: "200000 100000\n"), 2)
        XCTAssertEqual(UsableCores.quota(cpuMax: "150000 100000\n"), 2)
        XCTAssertEqual(UsableCores.quota(cpuMax: "50000 100000"), 1)
        XCTAssertNil(UsableCores.quota(cpuMax: "max 100000\n"))
        XCTAssertEqual(UsableCores.quota(microseconds: "400000\n", period: "100000\n"), 4)
        XCTAssertNil(UsableCores.quota(microseconds: "-1\n", period: "100000\n"))
    }
}
