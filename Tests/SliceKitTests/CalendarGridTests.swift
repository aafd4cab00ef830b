import AcctCore
import Foundation
import XCTest

@testable import SliceKit

/// Weeks, years and runs of N days, checked hour by hour against
/// Foundation's calendars (a separate implementation of ISO weeks and of
/// the zones' rules), across changes of the clocks and year ends.
final class CalendarGridTests: XCTestCase {
    private func time(_ text: String) -> Int64 { RFC3339.parse(text)! }

    private func calendar(_ identifier: Calendar.Identifier, _ zone: String) throws -> Calendar {
        var calendar = Calendar(identifier: identifier)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: zone))
        return calendar
    }

    /// Every hour of each stretch falls in the slice Foundation gives.
    private func check(_ grid: Grid, _ stretches: [(String, String)], line: UInt = #line,
                       expected: (Int64) throws -> (Int64, Int64)) throws {
        for (from, to) in stretches {
            var t = time(from)
            while t < time(to) {
                let slice = grid.slice(containing: t)
                let wanted = try expected(t)
                XCTAssertEqual(slice.start, wanted.0, "\(grid.zone.name) \(RFC3339.string(t)) start", line: line)
                XCTAssertEqual(slice.end, wanted.1, "\(grid.zone.name) \(RFC3339.string(t)) end", line: line)
                t += 3600
            }
        }
    }

    private func interval(_ calendar: Calendar, _ unit: Calendar.Component, _ t: Int64) throws -> (Int64, Int64) {
        let found = try XCTUnwrap(calendar.dateInterval(of: unit, for: Date(timeIntervalSince1970: TimeInterval(t))))
        return (Int64(found.start.timeIntervalSince1970), Int64(found.end.timeIntervalSince1970))
    }

    /// Year ends where ISO week 1 starts in December (2024-12-30) or week
    /// 53 runs into January (2020-12-28 to 2021-01-03), and weeks that
    /// hold a change of the clocks in both hemispheres.
    private let weekStretches = [
        ("2020-12-20T00:00:00Z", "2021-01-15T00:00:00Z"),
        ("2024-03-20T00:00:00Z", "2024-04-10T00:00:00Z"),
        ("2024-10-20T00:00:00Z", "2024-11-10T00:00:00Z"),
        ("2024-12-20T00:00:00Z", "2025-01-10T00:00:00Z"),
        ("2026-12-20T00:00:00Z", "2027-01-10T00:00:00Z"),
    ]

    private let zones = ["UTC", "Europe/Brussels", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]

    func testWeeksAreISOWeeksFromLocalMondays() throws {
        for name in zones {
            let grid = try Grid(parsing: "week", zone: try Zone(named: name))
            let iso = try calendar(.iso8601, name)
            try check(grid, weekStretches) { try self.interval(iso, .weekOfYear, $0) }
        }
    }

    func testWeekLengthsAcrossTheClockChanges() throws {
        let grid = try Grid(parsing: "weeks", zone: try Zone(named: "Europe/Brussels"))
        let spring = grid.slice(containing: time("2024-03-28T12:00:00Z"))
        XCTAssertEqual(spring.start, time("2024-03-24T23:00:00Z"))
        XCTAssertEqual(spring.end - spring.start, 167 * 3600)
        let autumn = grid.slice(containing: time("2024-10-27T12:00:00Z"))
        XCTAssertEqual(autumn.start, time("2024-10-20T22:00:00Z"))
        XCTAssertEqual(autumn.end - autumn.start, 169 * 3600)
        // Week 1 of 2025 starts on Monday 2024-12-30.
        XCTAssertEqual(grid.slice(containing: time("2025-01-01T00:00:00Z")).start, time("2024-12-29T23:00:00Z"))
    }

    func testYearsFromLocalNewYear() throws {
        let stretches = [("2023-12-29T00:00:00Z", "2024-01-03T00:00:00Z"), ("2024-12-29T00:00:00Z", "2025-01-03T00:00:00Z"),
                         ("2024-03-30T00:00:00Z", "2024-04-01T00:00:00Z")]
        for name in zones + ["Pacific/Kiritimati", "America/Havana"] {
            let grid = try Grid(parsing: "year", zone: try Zone(named: name))
            let gregorian = try calendar(.gregorian, name)
            try check(grid, stretches) { try self.interval(gregorian, .year, $0) }
        }
        let utc = try Grid(parsing: "years", zone: .utc)
        let leap = utc.slice(containing: time("2024-06-01T00:00:00Z"))
        XCTAssertEqual(leap.end - leap.start, 366 * 86_400)
    }

    /// N days from the local midnight of the anchor (the window's start),
    /// each run N local days whatever their lengths.
    func testRunsOfDaysFromTheAnchor() throws {
        for name in ["UTC", "Europe/Brussels", "America/New_York"] {
            let zone = try Zone(named: name)
            let gregorian = try calendar(.gregorian, name)
            let anchorDate = try XCTUnwrap(gregorian.date(from: DateComponents(year: 2024, month: 3, day: 1, hour: 15)))
            let grid = try Grid(parsing: "10d", zone: zone, anchor: Int64(anchorDate.timeIntervalSince1970))
            let midnight = gregorian.startOfDay(for: anchorDate)
            let utc = try calendar(.gregorian, "UTC")
            let anchorDay = try XCTUnwrap(utc.date(from: DateComponents(year: 2024, month: 3, day: 1)))
            try check(grid, [("2024-01-15T00:00:00Z", "2024-05-01T00:00:00Z")]) { t in
                // The local date of t, counted in days from March 1.
                let date = gregorian.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(t)))
                let sameDay = try XCTUnwrap(utc.date(from: DateComponents(year: date.year, month: date.month, day: date.day)))
                let days = Int((sameDay.timeIntervalSince1970 - anchorDay.timeIntervalSince1970) / 86_400)
                let k = days >= 0 ? days / 10 : -((-days + 9) / 10)
                let start = try XCTUnwrap(gregorian.date(byAdding: .day, value: 10 * k, to: midnight))
                let end = try XCTUnwrap(gregorian.date(byAdding: .day, value: 10 * (k + 1), to: midnight))
                return (Int64(start.timeIntervalSince1970), Int64(end.timeIntervalSince1970))
            }
        }
        // Without an anchor, runs count from 1970-01-01: day 19783 is 2024-03-01.
        let plain = try Grid(parsing: "3d", zone: .utc)
        XCTAssertEqual(plain.slice(containing: time("2024-03-01T12:00:00Z")).start, time("2024-02-29T00:00:00Z"))
        XCTAssertEqual(plain.slice(containing: time("2024-03-01T12:00:00Z")).end, time("2024-03-03T00:00:00Z"))
        XCTAssertEqual(try Grid(parsing: "1d", zone: .utc).unit, Grid.Unit.day)
        // The 10 days that hold the change to summer time have 239 hours.
        let brussels = try Grid(parsing: "10d", zone: try Zone(named: "Europe/Brussels"), anchor: time("2024-02-29T23:00:00Z"))
        let run = brussels.slice(containing: time("2024-03-31T12:00:00Z"))
        XCTAssertEqual(run.start, time("2024-03-30T23:00:00Z"))
        XCTAssertEqual(run.end - run.start, 239 * 3600)
    }
}
