import AcctCore
import XCTest

@testable import FormatKit

/// oneacct's unit_to_str: every worked value of the spec (MEMORY in MB,
/// NET in bytes divided by 1024, DISK in MB times 1024).
final class OneAcctUnitsTests: XCTestCase {
    private func memory(_ mb: Double) -> String? { OneAcctUnits.text(mb, unit: .mega) }
    private func net(_ bytes: Double) -> String? { OneAcctUnits.text(bytes / 1024.0, unit: .kilo) }
    private func disk(_ mb: Double) -> String? { OneAcctUnits.text(mb * 1024.0, unit: .kilo) }

    func testMemory() {
        XCTAssertEqual(memory(512), "512M")
        // The step up is for values strictly above 1024.
        XCTAssertEqual(memory(1024), "1024M")
        XCTAssertEqual(memory(1025), "1G")
        XCTAssertEqual(memory(1126), "1.1G")
        XCTAssertEqual(memory(1536), "1.5G")
        XCTAssertEqual(memory(2048), "2G")
        XCTAssertEqual(memory(8192), "8G")
        XCTAssertEqual(memory(524_288), "512G")
        XCTAssertEqual(memory(0), "0M")
    }

    func testNetwork() {
        XCTAssertEqual(net(0), "0K")
        XCTAssertEqual(net(512), "0.5K")
        XCTAssertEqual(net(1023), "1K")
        XCTAssertEqual(net(1024), "1K")
        XCTAssertEqual(net(1177), "1.1K")
        // 1.25 rounds half away from zero.
        XCTAssertEqual(net(1280), "1.3K")
        XCTAssertEqual(net(1_048_064), "1023.5K")
        XCTAssertEqual(net(1_048_576), "1024K")
        XCTAssertEqual(net(1_048_577), "1M")
        XCTAssertEqual(net(734_003_200), "700M")
        XCTAssertEqual(net(987_654_321), "941.9M")
        XCTAssertEqual(net(1_288_490_189), "1.2G")
        XCTAssertEqual(net(5_000_000_000), "4.7G")
        XCTAssertEqual(net(1_099_511_627_776), "1024G")
    }

    func testDisk() {
        XCTAssertEqual(disk(0), "0K")
        XCTAssertEqual(disk(1024), "1024M")
        XCTAssertEqual(disk(10240), "10G")
        XCTAssertEqual(disk(51200 + 2048), "52G")
        XCTAssertEqual(disk(155_648), "152G")
        XCTAssertEqual(disk(1_048_575), "1024G")
        XCTAssertEqual(disk(3_145_728), "3T")
    }

    func testTeraIsTheLastUnit() {
        XCTAssertEqual(OneAcctUnits.text(2048, unit: .tera), "2048T")
        XCTAssertEqual(memory(2048 * 1024 * 1024), "2048T")
        XCTAssertEqual(OneAcctUnits.text(1536.25, unit: .tera), "1536.3T")
        // Past Int64, the integer is still written out in full.
        XCTAssertEqual(OneAcctUnits.text(0x1p64, unit: .tera), "18446744073709551616T")
        XCTAssertEqual(OneAcctUnits.text(1e20, unit: .tera), "100000000000000000000T")
        XCTAssertEqual(OneAcctUnits.text(-0x1p70, unit: .tera), "-1180591620717411303424T")
    }

    func testRoundingHalfAwayFromZero() {
        XCTAssertEqual(OneAcctUnits.text(0.25, unit: .kilo), "0.3K")
        XCTAssertEqual(OneAcctUnits.text(-0.25, unit: .kilo), "-0.3K")
        XCTAssertEqual(OneAcctUnits.text(-0.04, unit: .kilo), "0K")
        XCTAssertEqual(OneAcctUnits.text(-2000, unit: .mega), "-2000M")
        XCTAssertEqual(OneAcctUnits.text(0.95, unit: .kilo), "1K")
    }

    func testNotANumberIsNil() {
        XCTAssertNil(OneAcctUnits.text(.nan, unit: .kilo))
        XCTAssertNil(OneAcctUnits.text(.infinity, unit: .mega))
    }
}
