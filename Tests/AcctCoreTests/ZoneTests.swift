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
        for name in ["UTC", "Z", "Etc/UTC", ":UTC"] {
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
        // glibc reads each of these as UTC, or as part of a rule, without a word.
        for name in ["", ":", "../../../etc/passwd", "Europe/../Europe/Brussels", "Europe", "zone.tab", "utc",
                     "Europe/Brussels\u{0}x", "/usr/share/zoneinfo/zone.tab", "/usr/share/zoneinfo/Europe", "/nonexistent/Zone",
                     "CET+", "CET-25", "CET-1:60", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0/3",
                     "CET-1CEST,M3.6.0,M10.5.0/3", "CET-1CEST,M3.5.7,M10.5.0/3", "CET-1CEST,M3.5.0,M10.5.0/3x",
                     "CET-1CEST,M3.5.0,M10.5.0/168", "CET-1CEST,J0,J365", "CET-1CEST,366,0", "AB1", "<AB>1", "<ABC1"] {
            XCTAssertThrowsError(try Zone(named: name), name) { error in
                XCTAssertEqual("\(error)", "unknown time zone '\(name)'")
            }
        }
    }

    /// The right/ zones count leap seconds in a time_t; the records' times
    /// do not, so each conversion would be off: refused, naming the zone
    /// to use instead.
    func testLeapSecondZonesAreRefused() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/right/UTC") else {
            throw XCTSkip("tzdata has no right/ zones here")
        }
        XCTAssertThrowsError(try Zone.resolve(flag: "right/UTC", environment: nil)) { error in
            XCTAssertEqual("\(error)", "time zone 'right/UTC' counts leap seconds, which the records' POSIX times do not; use 'UTC'")
        }
        XCTAssertThrowsError(try Zone.resolve(flag: nil, environment: "right/Europe/Paris")) { error in
            XCTAssertEqual("\(error)", "time zone 'right/Europe/Paris' in TZ counts leap seconds, which the records' POSIX times do not; use 'Europe/Paris'")
        }
        XCTAssertThrowsError(try Zone(named: "/usr/share/zoneinfo/right/UTC"))
        XCTAssertNoThrow(try Zone(named: "Europe/Paris"))
    }

    func testPOSIXRules() throws {
        for name in ["UTC0", ":UTC0", "<+00>0", "UTC0:00:00"] {
            XCTAssertEqual(try Zone(named: name), .utc, name)
        }
        for name in ["EST5", "<+0330>-3:30", "CET-1CEST", "CET-1CEST-2,J60/2,300/-1", "NZST-12NZDT,M9.5.0,M4.1.0/3",
                     "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", "IST-2IDT,M3.4.4/26,M10.5.0", "XXX-14:59:59"] {
            let zone = try Zone(named: name)
            XCTAssertEqual(zone.name, name)
            XCTAssertFalse(zone.isUTC, name)
        }
        let tehranish = try Zone(named: "<+0330>-3:30")
        XCTAssertEqual(tehranish.local(0).utcOffset, 12_600)
        XCTAssertEqual(try tehranish.instant(ofLocal: CivilTime(year: 2024, month: 1, day: 1, hour: 3, minute: 30)),
                       RFC3339.parse("2024-01-01T00:00:00Z"))
        XCTAssertEqual(try Zone(named: "EST5").local(0).utcOffset, -18_000)

        // The Brussels rule written out: the same instants as the zone file.
        let rule = try Zone(named: "CET-1CEST,M3.5.0,M10.5.0/3")
        let brussels = try Zone(named: "Europe/Brussels")
        for text in ["2024-01-15T11:00:00Z", "2024-03-31T00:59:59Z", "2024-03-31T01:00:00Z", "2024-07-01T10:00:00Z",
                     "2024-10-27T00:30:00Z", "2024-10-27T01:30:00Z"] {
            let epoch = RFC3339.parse(text)!
            XCTAssertEqual(rule.local(epoch).civil, brussels.local(epoch).civil, text)
            XCTAssertEqual(rule.local(epoch).utcOffset, brussels.local(epoch).utcOffset, text)
        }
        XCTAssertEqual(try rule.instant(ofLocal: CivilTime(year: 2024, month: 10, day: 27, hour: 2, minute: 30)),
                       RFC3339.parse("2024-10-27T00:30:00Z"))
        XCTAssertThrowsError(try rule.instant(ofLocal: CivilTime(year: 2024, month: 3, day: 31, hour: 2, minute: 30))) { error in
            XCTAssertEqual("\(error)", "it does not exist in CET-1CEST,M3.5.0,M10.5.0/3 (clocks jump from 02:00 to 03:00)")
        }
    }

    func testZoneFilePaths() throws {
        let byPath = try Zone(named: ":/usr/share/zoneinfo/Europe/Brussels")
        XCTAssertEqual(byPath.name, "/usr/share/zoneinfo/Europe/Brussels")
        XCTAssertFalse(byPath.isUTC)
        XCTAssertEqual(try Zone(named: "/usr/share/zoneinfo/Europe/Brussels"), byPath)
        XCTAssertEqual(try byPath.instant(ofLocal: CivilTime(year: 2024, month: 7, day: 1, hour: 12)), RFC3339.parse("2024-07-01T10:00:00Z"))
        XCTAssertEqual(try Zone.resolve(flag: nil, environment: ":/usr/share/zoneinfo/Asia/Tokyo").local(0).utcOffset, 32_400)

        // A file glibc would not read whole is refused, not read as UTC.
        let dir = try TempDir()
        let tzif = try Array(contentsOf: "/usr/share/zoneinfo/Europe/Brussels")
        try dir.write("whole", bytes: tzif)
        try dir.write("cut", bytes: Array(tzif.prefix(tzif.count / 2)))
        try dir.write("header", bytes: Array(tzif.prefix(44)))
        try dir.write("magic", bytes: Array("TZif".utf8))
        XCTAssertNoThrow(try Zone(named: dir.path + "/whole"))
        for name in ["cut", "header", "magic"] {
            XCTAssertThrowsError(try Zone(named: dir.path + "/" + name), name)
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

    private func instant(_ zone: Zone, _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0,
                         _ second: Int = 0) throws -> Int64 {
        try zone.instant(ofLocal: CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }

    private func gap(_ zone: Zone, _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> ZoneGap? {
        do {
            _ = try zone.instant(ofLocal: CivilTime(year: year, month: month, day: day, hour: hour, minute: minute))
            return nil
        } catch {
            return error
        }
    }

    func testBrusselsConversions() throws {
        let brussels = try Zone(named: "Europe/Brussels")
        XCTAssertEqual(try instant(brussels, 2024, 1, 15, 12), RFC3339.parse("2024-01-15T11:00:00Z"))
        XCTAssertEqual(try instant(brussels, 2024, 7, 1, 12), RFC3339.parse("2024-07-01T10:00:00Z"))
        // Either side of the spring gap, and its edges.
        XCTAssertEqual(try instant(brussels, 2024, 3, 31, 1, 59, 59), RFC3339.parse("2024-03-31T00:59:59Z"))
        XCTAssertEqual(try instant(brussels, 2024, 3, 31, 3), RFC3339.parse("2024-03-31T01:00:00Z"))
        XCTAssertEqual(gap(brussels, 2024, 3, 31, 2),
                       ZoneGap(zoneName: "Europe/Brussels", transition: RFC3339.parse("2024-03-31T01:00:00Z")!,
                               offsetBefore: 3600, offsetAfter: 7200))
        XCTAssertEqual(gap(brussels, 2024, 3, 31, 2, 59)?.description,
                       "it does not exist in Europe/Brussels (clocks jump from 02:00 to 03:00)")

        let before = brussels.local(RFC3339.parse("2024-03-31T00:59:59Z")!)
        XCTAssertEqual(before.civil, CivilTime(year: 2024, month: 3, day: 31, hour: 1, minute: 59, second: 59))
        XCTAssertEqual(before.utcOffset, 3600)
        let after = brussels.local(RFC3339.parse("2024-03-31T01:00:00Z")!)
        XCTAssertEqual(after.civil, CivilTime(year: 2024, month: 3, day: 31, hour: 3))
        XCTAssertEqual(after.utcOffset, 7200)
    }

    /// A time shown twice is the earlier instant, whichever way the zone
    /// goes back: from summer time (glibc's mktime gives the later one
    /// there), by half an hour, or across midnight.
    func testOverlapsTakeTheEarlierInstant() throws {
        let cases: [(String, CivilTime, String)] = [
            ("Europe/Brussels", CivilTime(year: 2024, month: 10, day: 27, hour: 2, minute: 30), "2024-10-27T00:30:00Z"),
            ("Europe/Brussels", CivilTime(year: 2024, month: 10, day: 27, hour: 2), "2024-10-27T00:00:00Z"),
            ("Europe/Brussels", CivilTime(year: 2024, month: 10, day: 27, hour: 2, minute: 59, second: 59), "2024-10-27T00:59:59Z"),
            ("Europe/Brussels", CivilTime(year: 2024, month: 10, day: 27, hour: 3), "2024-10-27T02:00:00Z"),
            ("America/New_York", CivilTime(year: 2024, month: 11, day: 3, hour: 1, minute: 30), "2024-11-03T05:30:00Z"),
            ("America/New_York", CivilTime(year: 2024, month: 11, day: 3, hour: 2), "2024-11-03T07:00:00Z"),
            ("Australia/Lord_Howe", CivilTime(year: 2024, month: 4, day: 7, hour: 1, minute: 45), "2024-04-06T14:45:00Z"),
            ("Australia/Lord_Howe", CivilTime(year: 2024, month: 4, day: 7, hour: 1, minute: 29), "2024-04-06T14:29:00Z"),
            ("America/Havana", CivilTime(year: 2024, month: 11, day: 3, hour: 0, minute: 30), "2024-11-03T04:30:00Z"),
            ("America/Santiago", CivilTime(year: 2024, month: 4, day: 6, hour: 23, minute: 30), "2024-04-07T02:30:00Z"),
        ]
        for (name, local, expected) in cases {
            let zone = try Zone(named: name)
            XCTAssertEqual(try zone.instant(ofLocal: local), RFC3339.parse(expected), "\(name) \(local)")
            XCTAssertEqual(zone.firstInstant(atOrAfterLocal: local), RFC3339.parse(expected), "\(name) \(local)")
        }
    }

    func testGapsNameTheJump() throws {
        let cases: [(String, CivilTime, String, String)] = [
            ("America/New_York", CivilTime(year: 2024, month: 3, day: 10, hour: 2, minute: 30), "2024-03-10T07:00:00Z",
             "it does not exist in America/New_York (clocks jump from 02:00 to 03:00)"),
            ("Australia/Lord_Howe", CivilTime(year: 2024, month: 10, day: 6, hour: 2, minute: 15), "2024-10-05T15:30:00Z",
             "it does not exist in Australia/Lord_Howe (clocks jump from 02:00 to 02:30)"),
            ("America/Santiago", CivilTime(year: 2024, month: 9, day: 8), "2024-09-08T04:00:00Z",
             "it does not exist in America/Santiago (clocks jump from 00:00 to 01:00)"),
            ("Pacific/Apia", CivilTime(year: 2011, month: 12, day: 30, hour: 12), "2011-12-30T10:00:00Z",
             "it does not exist in Pacific/Apia (clocks jump from 2011-12-30 00:00 to 2011-12-31 00:00)"),
        ]
        for (name, local, jump, message) in cases {
            let zone = try Zone(named: name)
            XCTAssertThrowsError(try zone.instant(ofLocal: local), name) { error in
                XCTAssertEqual("\(error)", message)
            }
            // A day or month that starts in the gap starts at the jump.
            XCTAssertEqual(zone.firstInstant(atOrAfterLocal: local), RFC3339.parse(jump), name)
        }
        let lordHowe = try Zone(named: "Australia/Lord_Howe")
        XCTAssertEqual(try instant(lordHowe, 2024, 10, 6, 1, 59, 59), RFC3339.parse("2024-10-05T15:29:59Z"))
        XCTAssertEqual(try instant(lordHowe, 2024, 10, 6, 2, 30), RFC3339.parse("2024-10-05T15:30:00Z"))
    }

    func testSwitchingZones() throws {
        let brussels = try Zone(named: "Europe/Brussels")
        let newYork = try Zone(named: "America/New_York")
        let rule = try Zone(named: "EST5EDT,M3.2.0,M11.1.0")
        let noon = RFC3339.parse("2024-01-15T12:00:00Z")!
        for _ in 0..<3 {
            XCTAssertEqual(brussels.local(noon).civil.hour, 13)
            XCTAssertEqual(newYork.local(noon).civil.hour, 7)
            XCTAssertEqual(newYork.local(noon).utcOffset, -18000)
            XCTAssertEqual(rule.local(noon).utcOffset, -18000)
            XCTAssertEqual(Zone.utc.local(noon).civil.hour, 12)
        }
        XCTAssertEqual(try instant(newYork, 2024, 1, 15, 7), noon)
        XCTAssertEqual(try instant(brussels, 2024, 1, 15, 13), noon)
    }

    func testUTCIsArithmetic() throws {
        XCTAssertEqual(try instant(.utc, 2018, 10, 1, 3), 1_538_362_800)
        XCTAssertEqual(Zone.utc.firstInstant(atOrAfterLocal: CivilTime(year: 2018, month: 10, day: 1, hour: 3)), 1_538_362_800)
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
