import AcctCore
import Foundation
import XCTest

/// ISO 8601 weeks checked against Foundation's ISO 8601 calendar, a
/// separate implementation: every week of two centuries.
final class CalendarPeriodTests: XCTestCase {
    private func day(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    func testWeeksAgreeWithFoundation() throws {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        for year in 1900...2100 {
            // Foundation's last week of the year: that of December 28,
            // which always lies in the year's last ISO week.
            let december28 = try XCTUnwrap(calendar.date(from: DateComponents(year: year, month: 12, day: 28)))
            let weeks = calendar.component(.weekOfYear, from: december28)
            XCTAssertEqual(CalendarPeriod.isoWeeks(in: year), weeks, "\(year)")
            for week in 1...weeks {
                let monday = try XCTUnwrap(calendar.date(from: DateComponents(weekday: 2, weekOfYear: week, yearForWeekOfYear: year)))
                let text = String(format: "%04d-W%02d", year, week)
                let period = try CalendarPeriod.scan(text)
                XCTAssertEqual(period.firstDay, day(monday), text)
                XCTAssertEqual(period.endDay, day(monday) + 7, text)
            }
            XCTAssertThrowsError(try CalendarPeriod.scan(String(format: "%04d-W%02d", year, weeks + 1)))
        }
    }

    func testWeekdays() {
        XCTAssertEqual(CalendarPeriod.weekday(0), 3, "1970-01-01 was a Thursday")
        XCTAssertEqual(CalendarPeriod.weekday(4), 0, "1970-01-05 was a Monday")
        XCTAssertEqual(CalendarPeriod.weekday(-1), 2, "1969-12-31 was a Wednesday")
        XCTAssertEqual(CalendarPeriod.weekday(CivilTime.daysFromCivil(year: 2024, month: 3, day: 31)), 6, "a Sunday")
    }

    func testMonthsAndYears() throws {
        XCTAssertEqual(try CalendarPeriod.scan("2024-02"),
                       CalendarPeriod(firstDay: CivilTime.daysFromCivil(year: 2024, month: 2, day: 1),
                                      endDay: CivilTime.daysFromCivil(year: 2024, month: 2, day: 29) + 1))
        XCTAssertEqual(try CalendarPeriod.scan("1999").endDay - CalendarPeriod.scan("1999").firstDay, 365)
        XCTAssertEqual(try CalendarPeriod.scan("2000").endDay - CalendarPeriod.scan("2000").firstDay, 366)
        XCTAssertEqual(try CalendarPeriod.scan("2100").endDay - CalendarPeriod.scan("2100").firstDay, 365)
        XCTAssertThrowsError(try CalendarPeriod.scan("2024-13")) { error in
            XCTAssertEqual(error as? CalendarPeriod.Failure, .outOfRange("month out of range"))
        }
        XCTAssertThrowsError(try CalendarPeriod.scan("2024-03-01")) { error in
            XCTAssertEqual(error as? CalendarPeriod.Failure, .syntax)
        }
    }
}
