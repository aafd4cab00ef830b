import AcctCore
import XCTest

final class TimeSpecTests: XCTestCase {
    private let now: Int64 = 1_700_000_000

    private func parse(_ text: String, _ zone: Zone = .utc, endOfDay: Bool = false) throws -> Int64 {
        try TimeSpec.parse(text, zone: zone, now: now, endOfDay: endOfDay)
    }

    private func utc(_ text: String) -> Int64 {
        RFC3339.parse(text)!
    }

    private func assertInvalid(_ text: String, _ reason: String, _ zone: Zone = .utc, isTimeForm: Bool = true, line: UInt = #line) {
        XCTAssertThrowsError(try parse(text, zone), line: line) { error in
            XCTAssertEqual(error as? TimeSpecError, TimeSpecError(text: text, reason: reason, isTimeForm: isTimeForm), line: line)
            XCTAssertEqual("\(error)", "invalid time '\(text)': \(reason)", line: line)
        }
    }

    func testUTCForms() throws {
        XCTAssertEqual(try parse("2024-03-01"), utc("2024-03-01T00:00:00Z"))
        XCTAssertEqual(try parse("2024-03-01", endOfDay: true), utc("2024-03-02T00:00:00Z"))
        XCTAssertEqual(try parse("2024-12-31", endOfDay: true), utc("2025-01-01T00:00:00Z"))
        XCTAssertEqual(try parse("2024-02-28", endOfDay: true), utc("2024-02-29T00:00:00Z"))
        XCTAssertEqual(try parse("20240301"), utc("2024-03-01T00:00:00Z"))
        XCTAssertEqual(try parse("20240301", endOfDay: true), utc("2024-03-02T00:00:00Z"))
        XCTAssertEqual(try parse("2024-03-01 10:20"), utc("2024-03-01T10:20:00Z"))
        XCTAssertEqual(try parse("2024-03-01 10:20", endOfDay: true), utc("2024-03-01T10:20:00Z"))
        XCTAssertEqual(try parse("2024-03-01T10:20:30"), utc("2024-03-01T10:20:30Z"))
        XCTAssertEqual(try parse("2024-03-01 10:20:30"), utc("2024-03-01T10:20:30Z"))
        XCTAssertEqual(try parse("2024-03-01T10:20:30.75"), utc("2024-03-01T10:20:30Z"))
    }

    func testAbsoluteForms() throws {
        let brussels = try Zone(named: "Europe/Brussels")
        for zone in [Zone.utc, brussels] {
            XCTAssertEqual(try parse("2024-03-01T10:20:30Z", zone), utc("2024-03-01T10:20:30Z"))
            XCTAssertEqual(try parse("2024-03-01T10:20:30+02:00", zone), utc("2024-03-01T08:20:30Z"))
            XCTAssertEqual(try parse("2024-03-01 10:20+02:00", zone), utc("2024-03-01T08:20:00Z"))
            XCTAssertEqual(try parse("@1538362800", zone), 1_538_362_800)
            XCTAssertEqual(try parse("@-5", zone), -5)
            XCTAssertEqual(try parse("now", zone), now)
        }
    }

    func testRelativeForms() throws {
        XCTAssertEqual(try parse("-7d"), now - 7 * 86_400)
        XCTAssertEqual(try parse("-12h"), now - 12 * 3600)
        XCTAssertEqual(try parse("-30m"), now - 30 * 60)
        XCTAssertEqual(try parse("-45s"), now - 45)
        XCTAssertEqual(try parse("-0d"), now)
    }

    func testBrusselsDays() throws {
        let brussels = try Zone(named: "Europe/Brussels")
        XCTAssertEqual(try parse("2024-03-31", brussels), utc("2024-03-30T23:00:00Z"))
        // 2024-03-31 has 23 hours there.
        XCTAssertEqual(try parse("2024-03-31", brussels, endOfDay: true), utc("2024-03-31T22:00:00Z"))
        // 2024-10-27 has 25.
        XCTAssertEqual(try parse("2024-10-27", brussels), utc("2024-10-26T22:00:00Z"))
        XCTAssertEqual(try parse("2024-10-27", brussels, endOfDay: true), utc("2024-10-27T23:00:00Z"))
        XCTAssertEqual(try parse("2024-07-01 12:00", brussels), utc("2024-07-01T10:00:00Z"))
        XCTAssertEqual(try parse("20240101", brussels), utc("2023-12-31T23:00:00Z"))
    }

    func testImpossibleTimes() {
        assertInvalid("2024-02-30", "day out of range for February 2024")
        assertInvalid("2023-02-29", "day out of range for February 2023")
        assertInvalid("2024-03-01 25:00", "hour out of range")
        assertInvalid("2024-13-01", "month out of range")
        assertInvalid("2024-03-01 10:60", "minute out of range")
        assertInvalid("2024-03-01 10:00:60", "second out of range")
        assertInvalid("2024-03-01T10:00+25:00", "offset out of range")
        assertInvalid("@99999999999999999999", "number out of range")
        assertInvalid("-99999999999999999999d", "number out of range")
        assertInvalid("-9223372036854775807d", "number out of range")
    }

    /// Only the times a record can hold, 0001 to 9999: anything past would
    /// reach the output as a time no tool reads back.
    func testTimesOutsideTheRecordRange() throws {
        let range = "outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the times a record can hold"
        XCTAssertEqual(try parse("9999-12-31 23:59:59"), RecordTimeRange.last)
        XCTAssertEqual(try parse("0001-01-01"), RecordTimeRange.first)
        XCTAssertEqual(try parse("@253402300799"), RecordTimeRange.last)
        assertInvalid("@253402300800", range)
        assertInvalid("@-62135596801", range)
        assertInvalid("@9223372036854775807", range)
        assertInvalid("-3000000d", range)
        XCTAssertThrowsError(try parse("9999-12-31", endOfDay: true), "its end is 10000-01-01")
        XCTAssertThrowsError(try parse("0000-12-31"))
        assertInvalid("0000", range)
        XCTAssertThrowsError(try parse("9999", endOfDay: true), "its end is 10000-01-01")
        XCTAssertEqual(try parse("9999-12"), utc("9999-12-01T00:00:00Z"))
    }

    func testUnrecognisedForms() {
        let expected = "expected YYYY-MM-DD[ HH:MM[:SS]], RFC 3339, YYYYMMDD, YYYY-MM, YYYY, YYYY-Www, @EPOCH, now or -N[dhms]"
        for text in ["xyz", "", "2024-3-1", "yesterday", "@", "@1.5", "@abc", "-7", "-d", "-7w", "+7d", "Now",
                     "2024-03-01  10:00", "1538362800", "202403", "24-03", "2024-3", "2024-W9", "2024-w09", "2024W09",
                     "2024-W09-1", "2024-03 ", "+2024", "12024", "2024-"] {
            assertInvalid(text, expected, isTimeForm: false)
        }
    }

    func testTimesTheZoneSkipsAreRefused() throws {
        let brussels = try Zone(named: "Europe/Brussels")
        let jump = "it does not exist in Europe/Brussels (clocks jump from 02:00 to 03:00)"
        for text in ["2024-03-31 02:30", "2024-03-31T02:00:00", "2024-03-31 02:59:59"] {
            assertInvalid(text, jump, brussels)
            XCTAssertThrowsError(try parse(text, brussels, endOfDay: true), text)
        }
        XCTAssertEqual(try parse("2024-03-31 01:59:59", brussels), utc("2024-03-31T00:59:59Z"))
        XCTAssertEqual(try parse("2024-03-31 03:00", brussels), utc("2024-03-31T01:00:00Z"))
        // With an offset the time is an instant, whatever the zone.
        XCTAssertEqual(try parse("2024-03-31T02:30:00+01:00", brussels), utc("2024-03-31T01:30:00Z"))
        let rule = try Zone(named: "CET-1CEST,M3.5.0,M10.5.0/3")
        assertInvalid("2024-03-31 02:30", "it does not exist in CET-1CEST,M3.5.0,M10.5.0/3 (clocks jump from 02:00 to 03:00)", rule)
        assertInvalid("2024-10-06 02:15", "it does not exist in Australia/Lord_Howe (clocks jump from 02:00 to 02:30)",
                      try Zone(named: "Australia/Lord_Howe"))
    }

    func testTimesShownTwiceAreTheEarlierInstant() throws {
        XCTAssertEqual(try parse("2024-10-27 02:30", try Zone(named: "Europe/Brussels")), utc("2024-10-27T00:30:00Z"))
        XCTAssertEqual(try parse("2024-10-27 02:30", try Zone(named: "CET-1CEST,M3.5.0,M10.5.0/3")), utc("2024-10-27T00:30:00Z"))
        XCTAssertEqual(try parse("2024-11-03 01:30", try Zone(named: "America/New_York")), utc("2024-11-03T05:30:00Z"))
        XCTAssertEqual(try parse("2024-04-07 01:45", try Zone(named: "Australia/Lord_Howe")), utc("2024-04-06T14:45:00Z"))
    }

    /// Where a zone skips midnight, a date alone is the moment its clocks
    /// jump: the first instant of that day, and the end of the day before.
    func testDaysWhoseMidnightIsSkipped() throws {
        let havana = try Zone(named: "America/Havana")
        XCTAssertEqual(try parse("2024-03-10", havana), utc("2024-03-10T05:00:00Z"))
        XCTAssertEqual(try parse("2024-03-09", havana, endOfDay: true), utc("2024-03-10T05:00:00Z"))
        XCTAssertEqual(try parse("2024-03-09", havana), utc("2024-03-09T05:00:00Z"))
        assertInvalid("2024-03-10 00:00", "it does not exist in America/Havana (clocks jump from 00:00 to 01:00)", havana)
        // Its midnight in November occurs twice: the day starts at the first.
        XCTAssertEqual(try parse("2024-11-03", havana), utc("2024-11-03T04:00:00Z"))
        XCTAssertEqual(try parse("2024-11-02", havana, endOfDay: true), utc("2024-11-03T04:00:00Z"))
        let santiago = try Zone(named: "America/Santiago")
        XCTAssertEqual(try parse("20240907", santiago, endOfDay: true), utc("2024-09-08T04:00:00Z"))
    }

    /// A month, a year or an ISO week: its first instant, or as an end
    /// the first instant of the next.
    func testCalendarFormsInUTC() throws {
        let cases: [(String, String, String)] = [
            ("2024-03", "2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z"),
            ("2024-02", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"),
            ("2023-02", "2023-02-01T00:00:00Z", "2023-03-01T00:00:00Z"),
            ("2024-12", "2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z"),
            ("2024", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
            // 2024-02-26 is the Monday of week 9.
            ("2024-W09", "2024-02-26T00:00:00Z", "2024-03-04T00:00:00Z"),
            // Week 1 holds January 4: it may start in December...
            ("2025-W01", "2024-12-30T00:00:00Z", "2025-01-06T00:00:00Z"),
            ("2020-W01", "2019-12-30T00:00:00Z", "2020-01-06T00:00:00Z"),
            // ...or after New Year's Day, which then is in the year before's
            // week 53 (2020 began on a Wednesday of a leap year).
            ("2021-W01", "2021-01-04T00:00:00Z", "2021-01-11T00:00:00Z"),
            ("2020-W53", "2020-12-28T00:00:00Z", "2021-01-04T00:00:00Z"),
            ("2026-W53", "2026-12-28T00:00:00Z", "2027-01-04T00:00:00Z"),
            ("2015-W53", "2015-12-28T00:00:00Z", "2016-01-04T00:00:00Z"),
        ]
        for (text, start, end) in cases {
            XCTAssertEqual(try parse(text), utc(start), text)
            XCTAssertEqual(try parse(text, endOfDay: true), utc(end), text)
        }
    }

    /// In a zone: local midnights, whatever the length of the days between.
    func testCalendarFormsInAZone() throws {
        let brussels = try Zone(named: "Europe/Brussels")
        XCTAssertEqual(try parse("2024-03", brussels), utc("2024-02-29T23:00:00Z"))
        XCTAssertEqual(try parse("2024-03", brussels, endOfDay: true), utc("2024-03-31T22:00:00Z"))
        XCTAssertEqual(try parse("2024", brussels), utc("2023-12-31T23:00:00Z"))
        XCTAssertEqual(try parse("2024", brussels, endOfDay: true), utc("2024-12-31T23:00:00Z"))
        // Week 13 of 2024 holds the change to summer time: 167 hours.
        XCTAssertEqual(try parse("2024-W13", brussels), utc("2024-03-24T23:00:00Z"))
        XCTAssertEqual(try parse("2024-W13", brussels, endOfDay: true), utc("2024-03-31T22:00:00Z"))
        // A POSIX rule whose summer time starts at midnight on March 1 (J60):
        // March starts at the jump.
        let rule = try Zone(named: "<-03>3<-02>,J60/0,J305/0")
        XCTAssertEqual(try parse("2024-03", rule), utc("2024-03-01T03:00:00Z"))
        XCTAssertEqual(try parse("2024-02", rule, endOfDay: true), utc("2024-03-01T03:00:00Z"))
    }

    func testImpossibleCalendarForms() {
        assertInvalid("2024-13", "month out of range")
        assertInvalid("2024-00", "month out of range")
        assertInvalid("2024-W54", "week out of range")
        assertInvalid("2024-W00", "week out of range")
        assertInvalid("2024-W99", "week out of range")
        assertInvalid("2021-W53", "week out of range for 2021 (it has 52 ISO weeks)")
        assertInvalid("2024-W53", "week out of range for 2024 (it has 52 ISO weeks)")
    }

    func testPOSIXRuleZones() throws {
        XCTAssertEqual(try parse("2024-07-01 12:00", try Zone(named: "UTC0")), utc("2024-07-01T12:00:00Z"))
        XCTAssertEqual(try parse("2024-07-01 12:00", try Zone(named: "EST5EDT,M3.2.0,M11.1.0")), utc("2024-07-01T16:00:00Z"))
        XCTAssertEqual(try parse("2024-01-01", try Zone(named: "<+0530>-5:30")), utc("2023-12-31T18:30:00Z"))
    }
}
