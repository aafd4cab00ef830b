import AcctCore
import Glibc
import XCTest
import _AcctTestSupport

final class ZoneTests: XCTestCase {
    func testTheRule() throws {
        XCTAssertEqual(try Zone.resolve(flag: nil, environment: nil), .utc)
        XCTAssertEqual(try Zone.resolve(flag: nil, environment: ""), .utc)
        XCTAssertEqual(try Zone.resolve(flag: nil, environment: "Europe/Brussels").name, "Europe/Brussels")
        XCTAssertEqual(try Zone.resolve(flag: nil, environment: ":Europe/Brussels").name, "Europe/Brussels")
        XCTAssertEqual(try Zone.resolve(flag: "America/New_York", environment: "Europe/Brussels").name, "America/New_York")
        XCTAssertEqual(try Zone.resolve(flag: "UTC", environment: "Europe/Brussels"), .utc)
    }

    func testUTCNames() throws {
        for name in ["UTC", "Z", "Etc/UTC"] {
            let zone = try Zone(named: name)
            XCTAssertTrue(zone.isUTC, name)
            XCTAssertEqual(zone.name, "UTC")
        }
        XCTAssertFalse(try Zone(named: "Europe/Brussels").isUTC)
    }

    func testUnknownZones() {
        XCTAssertThrowsError(try Zone.resolve(flag: "Mars/Base", environment: nil)) { error in
            XCTAssertEqual("\(error)", "unknown time zone 'Mars/Base'")
        }
        XCTAssertThrowsError(try Zone.resolve(flag: nil, environment: "Mars/Base")) { error in
            XCTAssertEqual(error as? ZoneError, ZoneError(name: "Mars/Base", fromEnvironment: true))
            XCTAssertEqual("\(error)", "unknown time zone 'Mars/Base' in TZ")
        }
        for name in ["", "../../../etc/passwd", "Europe/../Europe/Brussels", "/usr/share/zoneinfo/Europe/Brussels",
                     "/etc/localtime", "Europe", "zone.tab", "utc", "Europe/Brussels\u{0}x"] {
            XCTAssertThrowsError(try Zone(named: name), name) { error in
                XCTAssertEqual("\(error)", "unknown time zone '\(name)'")
            }
        }
    }

    func testTZDIR() throws {
        let dir = try TempDir()
        let tzif = try Array(contentsOf: "/usr/share/zoneinfo/Europe/Brussels")
        try dir.write("Custom/Zone", bytes: tzif)
        setenv("TZDIR", dir.path, 1)
        defer { unsetenv("TZDIR") }
        XCTAssertEqual(try Zone(named: "Custom/Zone").name, "Custom/Zone")
        XCTAssertThrowsError(try Zone(named: "Europe/Brussels"))
    }

    func testBrusselsConversions() throws {
        let brussels = try Zone(named: "Europe/Brussels")
        XCTAssertEqual(brussels.utcFromLocal(year: 2024, month: 1, day: 15, hour: 12), RFC3339.parse("2024-01-15T11:00:00Z"))
        XCTAssertEqual(brussels.utcFromLocal(year: 2024, month: 7, day: 1, hour: 12), RFC3339.parse("2024-07-01T10:00:00Z"))
        // The spring gap and the autumn overlap, as documented.
        XCTAssertEqual(brussels.utcFromLocal(year: 2024, month: 3, day: 31, hour: 2, minute: 30), RFC3339.parse("2024-03-31T01:30:00Z"))
        XCTAssertEqual(brussels.utcFromLocal(year: 2024, month: 10, day: 27, hour: 2, minute: 30), RFC3339.parse("2024-10-27T01:30:00Z"))

        let before = brussels.local(RFC3339.parse("2024-03-31T00:59:59Z")!)
        XCTAssertEqual(before.civil, CivilTime(year: 2024, month: 3, day: 31, hour: 1, minute: 59, second: 59))
        XCTAssertEqual(before.utcOffset, 3600)
        let after = brussels.local(RFC3339.parse("2024-03-31T01:00:00Z")!)
        XCTAssertEqual(after.civil, CivilTime(year: 2024, month: 3, day: 31, hour: 3))
        XCTAssertEqual(after.utcOffset, 7200)
    }

    func testSwitchingZones() throws {
        let brussels = try Zone(named: "Europe/Brussels")
        let newYork = try Zone(named: "America/New_York")
        let noon = RFC3339.parse("2024-01-15T12:00:00Z")!
        for _ in 0..<3 {
            XCTAssertEqual(brussels.local(noon).civil.hour, 13)
            XCTAssertEqual(newYork.local(noon).civil.hour, 7)
            XCTAssertEqual(newYork.local(noon).utcOffset, -18000)
            XCTAssertEqual(Zone.utc.local(noon).civil.hour, 12)
        }
        XCTAssertEqual(newYork.utcFromLocal(year: 2024, month: 1, day: 15, hour: 7), noon)
        XCTAssertEqual(brussels.utcFromLocal(year: 2024, month: 1, day: 15, hour: 13), noon)
    }

    func testUTCIsArithmetic() {
        XCTAssertEqual(Zone.utc.utcFromLocal(year: 2018, month: 10, day: 1, hour: 3), 1_538_362_800)
        let local = Zone.utc.local(1_538_362_800)
        XCTAssertEqual(local.civil, CivilTime(year: 2018, month: 10, day: 1, hour: 3))
        XCTAssertEqual(local.utcOffset, 0)
    }
}

private extension Array where Element == UInt8 {
    init(contentsOf path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw POSIXError(.ENOENT) }
        defer { close(fd) }
        self = readAll(fd)
    }
}
