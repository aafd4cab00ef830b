import AcctCore
import XCTest

final class CivilTimeTests: XCTestCase {
    func testKnownDays() {
        XCTAssertEqual(CivilTime.daysFromCivil(year: 1970, month: 1, day: 1), 0)
        XCTAssertEqual(CivilTime.daysFromCivil(year: 1969, month: 12, day: 31), -1)
        XCTAssertEqual(CivilTime.daysFromCivil(year: 2000, month: 3, day: 1), 11017)
        XCTAssertEqual(CivilTime.daysFromCivil(year: 2024, month: 2, day: 29), 19782)
        XCTAssertEqual(CivilTime.daysFromCivil(year: 0, month: 1, day: 1), -719_528)
        XCTAssertEqual(CivilTime.daysFromCivil(year: 9999, month: 12, day: 31), 2_932_896)
        XCTAssertTrue(CivilTime.civilFromDays(19782) == (2024, 2, 29))
        XCTAssertTrue(CivilTime.civilFromDays(-719_528) == (0, 1, 1))
        XCTAssertTrue(CivilTime.civilFromDays(-1) == (1969, 12, 31))
    }

    func testRoundTripOverManyDays() {
        // Year -190 to 10183, day by day: each date converts back, and
        // follows the previous one on the calendar.
        var previous = CivilTime.civilFromDays(-800_001)
        var failures = 0
        for days in Int64(-800_000)...3_000_000 {
            let date = CivilTime.civilFromDays(days)
            let next = date.day == 1
                ? previous.day == CivilTime.daysInMonth(year: previous.year, month: previous.month)
                : date.day == previous.day + 1 && date.month == previous.month
            if CivilTime.daysFromCivil(year: date.year, month: date.month, day: date.day) != days || !next {
                failures += 1
                if failures < 5 { XCTFail("day \(days): \(date)") }
            }
            previous = date
        }
        XCTAssertEqual(failures, 0)
    }

    func testLeapYears() {
        XCTAssertTrue(CivilTime.isLeapYear(2000))
        XCTAssertTrue(CivilTime.isLeapYear(2024))
        XCTAssertTrue(CivilTime.isLeapYear(0))
        XCTAssertFalse(CivilTime.isLeapYear(1900))
        XCTAssertFalse(CivilTime.isLeapYear(2023))
        XCTAssertEqual(CivilTime.daysInMonth(year: 2024, month: 2), 29)
        XCTAssertEqual(CivilTime.daysInMonth(year: 2023, month: 2), 28)
        XCTAssertEqual(CivilTime.daysInMonth(year: 2023, month: 4), 30)
        XCTAssertEqual(CivilTime.daysInMonth(year: 2023, month: 12), 31)
    }

    func testEpochSeconds() {
        XCTAssertEqual(CivilTime(year: 2018, month: 10, day: 1, hour: 3).epochSeconds, 1_538_362_800)
        XCTAssertEqual(CivilTime(epochSeconds: 1_538_362_800), CivilTime(year: 2018, month: 10, day: 1, hour: 3))
        XCTAssertEqual(CivilTime(epochSeconds: -1), CivilTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59))
        XCTAssertEqual(CivilTime(epochSeconds: -86_400), CivilTime(year: 1969, month: 12, day: 31))
        XCTAssertEqual(CivilTime(epochSeconds: 253_402_300_799),
                       CivilTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59))
        _ = CivilTime(epochSeconds: .max)
        _ = CivilTime(epochSeconds: .min)
    }

    func testValidity() {
        XCTAssertTrue(CivilTime(year: 2024, month: 2, day: 29).isValid)
        XCTAssertFalse(CivilTime(year: 2023, month: 2, day: 29).isValid)
        XCTAssertFalse(CivilTime(year: 2024, month: 13, day: 1).isValid)
        XCTAssertFalse(CivilTime(year: 2024, month: 0, day: 1).isValid)
        XCTAssertFalse(CivilTime(year: 2024, month: 4, day: 31).isValid)
        XCTAssertFalse(CivilTime(year: 2024, month: 1, day: 0).isValid)
        XCTAssertFalse(CivilTime(year: 2024, month: 1, day: 1, hour: 24).isValid)
        XCTAssertFalse(CivilTime(year: 2024, month: 1, day: 1, minute: 60).isValid)
        XCTAssertFalse(CivilTime(year: 2024, month: 1, day: 1, second: 60).isValid)
        XCTAssertTrue(CivilTime(year: 2024, month: 12, day: 31, hour: 23, minute: 59, second: 59).isValid)
    }

    func testMonthNames() {
        XCTAssertEqual(CivilTime.monthName(2), "February")
        XCTAssertEqual(CivilTime.monthName(12), "December")
        XCTAssertEqual(CivilTime.monthName(13), "month 13")
    }
}
