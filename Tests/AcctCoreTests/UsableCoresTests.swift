@testable import AcctCore
import XCTest

final class UsableCoresTests: XCTestCase {
    func testCountIsAtLeastOne() {
        XCTAssertGreaterThanOrEqual(UsableCores.count(), 1)
        let affinity = UsableCores.affinityCount()
        XCTAssertNotNil(affinity)
        XCTAssertGreaterThanOrEqual(affinity ?? 0, UsableCores.count())
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
