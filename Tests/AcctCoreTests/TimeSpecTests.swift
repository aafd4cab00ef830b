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

    private func assertInvalid(_ text: String, _ reason: String, line: UInt = #line) {
        XCTAssertThrowsError(try parse(text), line: line) { error in
            XCTAssertEqual(error as? TimeSpecError, TimeSpecError(text: text, reason: reason), line: line)
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

    func testUnrecognisedForms() {
        let expected = "expected YYYY-MM-DD[ HH:MM[:SS]], RFC 3339, YYYYMMDD, @EPOCH, now or -N[dhms]"
        for text in ["xyz", "", "2024-3-1", "yesterday", "@", "@1.5", "@abc", "-7", "-d", "-7w", "+7d", "Now",
                     "2024-03-01  10:00", "1538362800"] {
            assertInvalid(text, expected)
        }
    }
}
