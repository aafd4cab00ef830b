import AcctCore
import XCTest

@testable import SliceKit

final class GridTests: XCTestCase {
    private func time(_ text: String) -> Int64 { RFC3339.parse(text)! }

    func testFixedGridsAreEpochAligned() throws {
        let hour = try Grid(parsing: "hour", zone: .utc)
        XCTAssertEqual(hour.slice(containing: time("2018-10-01T03:20:00Z")).start, time("2018-10-01T03:00:00Z"))
        XCTAssertEqual(hour.slice(containing: time("2018-10-01T03:00:00Z")).end, time("2018-10-01T04:00:00Z"))
        let quarter = try Grid(parsing: "15m", zone: .utc)
        XCTAssertEqual(quarter.slice(containing: time("2018-10-01T03:20:00Z")).start, time("2018-10-01T03:15:00Z"))
        let six = try Grid(parsing: "6h", zone: .utc)
        XCTAssertEqual(six.slice(containing: time("2018-10-01T13:00:00Z")).start, time("2018-10-01T12:00:00Z"))
        XCTAssertEqual(hour.slice(containing: -1).start, -3600)
    }

    func testBadGrids() {
        for text in ["7h", "0m", "fortnight", "h", "-1h", "13m", "0d", "d", "-1d", "1.5d", "100001d", "1w"] {
            XCTAssertThrowsError(try Grid(parsing: text, zone: .utc), text)
        }
        XCTAssertEqual(
            "\(GridError(text: "7h", reason: "a fixed slice must divide a day (such as 5m, 15m, 2h, 6h)"))",
            "invalid grid '7h': a fixed slice must divide a day (such as 5m, 15m, 2h, 6h)")
        XCTAssertThrowsError(try Grid(parsing: "100001d", zone: .utc)) { error in
            XCTAssertEqual("\(error)", "invalid grid '100001d': at most 100000 days")
        }
        XCTAssertThrowsError(try Grid(parsing: "fortnight", zone: .utc)) { error in
            XCTAssertEqual("\(error)", "invalid grid 'fortnight': expected hour, day, week, month, year, total, Nm, Nh or Nd")
        }
    }

    func testDaysAndMonthsInUTC() throws {
        let day = try Grid(parsing: "day", zone: .utc)
        let slice = day.slice(containing: time("2024-02-29T23:59:59Z"))
        XCTAssertEqual(slice.start, time("2024-02-29T00:00:00Z"))
        XCTAssertEqual(slice.end, time("2024-03-01T00:00:00Z"))
        let month = try Grid(parsing: "month", zone: .utc)
        XCTAssertEqual(month.slice(containing: time("2024-02-10T00:00:00Z")).end, time("2024-03-01T00:00:00Z"))
        XCTAssertEqual(month.slice(containing: time("2024-12-31T23:00:00Z")).end, time("2025-01-01T00:00:00Z"))
    }

    /// Europe/Paris: 2024-03-31 has 23 hours, 2024-10-27 has 25.
    func testDaylightSavingDays() throws {
        let paris = try Zone(named: "Europe/Paris")
        let day = try Grid(parsing: "day", zone: paris)
        let spring = day.slice(containing: time("2024-03-31T12:00:00Z"))
        XCTAssertEqual(spring.start, time("2024-03-30T23:00:00Z"))
        XCTAssertEqual(spring.end - spring.start, 23 * 3600)
        let autumn = day.slice(containing: time("2024-10-27T12:00:00Z"))
        XCTAssertEqual(autumn.start, time("2024-10-26T22:00:00Z"))
        XCTAssertEqual(autumn.end - autumn.start, 25 * 3600)
        let month = try Grid(parsing: "month", zone: paris)
        let march = month.slice(containing: time("2024-03-15T00:00:00Z"))
        XCTAssertEqual(march.start, time("2024-02-29T23:00:00Z"))
        XCTAssertEqual(march.end, time("2024-03-31T22:00:00Z"))
    }

    /// America/Havana skips midnight on 2024-03-10 (00:00 to 01:00) and
    /// shows it twice on 2024-11-03: those days start at the jump and at
    /// the first midnight.
    func testDaysWhoseMidnightIsSkippedOrShownTwice() throws {
        let day = try Grid(parsing: "day", zone: try Zone(named: "America/Havana"))
        let skipped = day.slice(containing: time("2024-03-10T12:00:00Z"))
        XCTAssertEqual(skipped.start, time("2024-03-10T05:00:00Z"))
        XCTAssertEqual(skipped.end, time("2024-03-11T04:00:00Z"))
        let before = day.slice(containing: time("2024-03-10T04:59:59Z"))
        XCTAssertEqual(before.start, time("2024-03-09T05:00:00Z"))
        XCTAssertEqual(before.end, time("2024-03-10T05:00:00Z"))
        // 00:30 the second time round is still November 3, from its first midnight.
        let shownTwice = day.slice(containing: time("2024-11-03T05:30:00Z"))
        XCTAssertEqual(shownTwice.start, time("2024-11-03T04:00:00Z"))
        XCTAssertEqual(shownTwice.end - shownTwice.start, 25 * 3600)
    }

    /// A POSIX rule whose summer time starts at midnight on March 1 (J60):
    /// March starts at the jump, 03:00Z, and February ends there.
    func testMonthsInAPOSIXRuleZone() throws {
        let month = try Grid(parsing: "month", zone: try Zone(named: "<-03>3<-02>,J60/0,J305/0"))
        let march = month.slice(containing: time("2024-03-15T00:00:00Z"))
        XCTAssertEqual(march.start, time("2024-03-01T03:00:00Z"))
        XCTAssertEqual(march.end, time("2024-04-01T02:00:00Z"))
        XCTAssertEqual(month.slice(containing: time("2024-03-01T02:59:59Z")).end, time("2024-03-01T03:00:00Z"))
    }
}
