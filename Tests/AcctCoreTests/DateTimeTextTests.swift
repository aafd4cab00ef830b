import XCTest

@testable import AcctCore

final class DateTimeTextTests: XCTestCase {
    private func scan(_ text: String) -> Result<DateTimeText, DateTimeText.Failure> {
        Array(text.utf8).withUnsafeBytes { bytes in
            Result { () throws(DateTimeText.Failure) in try DateTimeText.scan(bytes) }
        }
    }

    func testForms() throws {
        let date = try scan("2024-03-01").get()
        XCTAssertEqual(date.civil, CivilTime(year: 2024, month: 3, day: 1))
        XCTAssertFalse(date.hasTime)
        XCTAssertNil(date.offset)

        let compact = try scan("20240301").get()
        XCTAssertEqual(compact.civil, CivilTime(year: 2024, month: 3, day: 1))
        XCTAssertTrue(compact.isCompact)

        let minutes = try scan("2024-03-01 10:20").get()
        XCTAssertEqual(minutes.civil, CivilTime(year: 2024, month: 3, day: 1, hour: 10, minute: 20))
        XCTAssertEqual(minutes.separator, UInt8(ascii: " "))
        XCTAssertFalse(minutes.hasSeconds)

        let full = try scan("2024-03-01t10:20:30.123456-05:30").get()
        XCTAssertEqual(full.civil, CivilTime(year: 2024, month: 3, day: 1, hour: 10, minute: 20, second: 30))
        XCTAssertEqual(full.offset, -(5 * 3600 + 30 * 60))
        XCTAssertTrue(full.hasSeconds)

        XCTAssertEqual(try scan("2024-03-01T10:20:30z").get().offset, 0)
    }

    func testSyntaxFailures() {
        for text in ["", "2024", "2024-3-01", "2024-03-01X10:00", "2024-03-01 10", "2024-03-01 10:00:0",
                     "2024-03-01 10:00:00.", "2024-03-01T10:00:00+0100", "2024-03-01 10:00:00 ", "202403011",
                     "2024/03/01", "2024-03-01T10:00:00ZZ", "20240301T10:00"] {
            XCTAssertEqual(scan(text).failure, .syntax, text)
        }
    }

    /// Second 60 is read where a leap second can be, 23:59:60 UTC on a
    /// month's last day, as the second after 23:59:59.
    func testLeapSecond() throws {
        XCTAssertEqual(try scan("2016-12-31T23:59:60Z").get().civil.epochSeconds, 1_483_228_800)
        XCTAssertEqual(try scan("2017-01-01T00:59:60+01:00").get().civil.epochSeconds - 3600, 1_483_228_800)
        XCTAssertEqual(try scan("2015-06-30T23:59:60Z").get().civil.epochSeconds, 1_435_708_800)
        XCTAssertEqual(scan("2016-12-30T23:59:60Z").failure, .outOfRange("second out of range"))
        XCTAssertEqual(scan("2016-12-31T22:59:60Z").failure, .outOfRange("second out of range"))
        XCTAssertEqual(scan("2016-12-31T23:59:61Z").failure, .outOfRange("second out of range"))
    }

    func testRangeFailures() {
        XCTAssertEqual(scan("2024-02-30").failure, .outOfRange("day out of range for February 2024"))
        XCTAssertEqual(scan("2023-02-29").failure, .outOfRange("day out of range for February 2023"))
        XCTAssertEqual(scan("2024-04-00").failure, .outOfRange("day out of range for April 2024"))
        XCTAssertEqual(scan("2024-13-01").failure, .outOfRange("month out of range"))
        XCTAssertEqual(scan("20240001").failure, .outOfRange("month out of range"))
        XCTAssertEqual(scan("2024-01-01 24:00").failure, .outOfRange("hour out of range"))
        XCTAssertEqual(scan("2024-01-01 23:60").failure, .outOfRange("minute out of range"))
        XCTAssertEqual(scan("2024-01-01 23:59:60").failure, .outOfRange("second out of range"))
        XCTAssertEqual(scan("2024-01-01T00:00:00+24:00").failure, .outOfRange("offset out of range"))
    }
}

private extension Result {
    var failure: Failure? {
        if case let .failure(error) = self { return error }
        return nil
    }
}
