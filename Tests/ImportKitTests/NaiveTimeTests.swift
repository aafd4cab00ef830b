import AcctCore
import XCTest

@testable import ImportKit

final class NaiveTimeTests: XCTestCase {
    private func epoch(_ text: String, zone: Zone = .utc) -> Int64? {
        var text = text
        return text.withUTF8 { NaiveTime(zone: zone).epoch(UnsafeRawBufferPointer($0)) }
    }

    func testForms() {
        XCTAssertEqual(epoch("2024-03-01 00:00:00"), 1_709_251_200)
        XCTAssertEqual(epoch("2024-03-01T00:00:59.999"), 1_709_251_259)
        XCTAssertEqual(epoch("2024-03-01 00:01"), 1_709_251_260)
        XCTAssertEqual(epoch("2024-03-01"), 1_709_251_200)
        XCTAssertNil(epoch("2024-02-30 00:00:00"))
        XCTAssertNil(epoch("2024-03-01 24:00:00"))
        XCTAssertNil(epoch("2024-03-01 00:00:00Z"))
        XCTAssertNil(epoch("01/03/2024"))
        XCTAssertNil(epoch("2024-03-01 00:00:00+02:00"), "a zone of its own is not a naive time")
        XCTAssertNil(epoch("20240301"), "the compact date is a command-line form only")
    }

    func testSeparateDateAndTime() {
        func epoch(_ date: String, _ time: String) -> Int64? {
            Array(date.utf8).withUnsafeBytes { d in Array(time.utf8).withUnsafeBytes { NaiveTime(zone: .utc).epoch(date: d, time: $0) } }
        }
        XCTAssertEqual(epoch("2024-03-01", "00:01:05"), 1_709_251_265)
        XCTAssertEqual(epoch("2024-03-01", "00:01:05.25"), 1_709_251_265)
        XCTAssertNil(epoch("2024-03-01", "0:01:05"))
        XCTAssertNil(epoch("2024-3-1", "00:01:05"))
        XCTAssertNil(epoch("2024-03-01", ""))
        XCTAssertNil(epoch("2024-03-01", "00:01:05" + String(repeating: "0", count: 40)))
    }

    func testZoneAndDaylightSaving() throws {
        let paris = try Zone(named: "Europe/Paris")
        XCTAssertEqual(epoch("2024-03-01 01:00:00", zone: paris), 1_709_251_200)
        // Summer time: two hours ahead, within the cached hour too.
        XCTAssertEqual(epoch("2024-07-01 02:30:15", zone: paris), 1_719_793_815)
        let clock = NaiveTime(zone: paris)
        var a = "2024-07-01 02:00:00", b = "2024-07-01 02:59:59"
        let x = a.withUTF8 { clock.epoch(UnsafeRawBufferPointer($0)) }
        let y = b.withUTF8 { clock.epoch(UnsafeRawBufferPointer($0)) }
        XCTAssertEqual(y! - x!, 3599)
    }

    func testTimesTheZoneSkipsOrShowsTwice() throws {
        let brussels = try Zone(named: "Europe/Brussels")
        XCTAssertNil(epoch("2024-03-31 02:30:00", zone: brussels), "clocks jump from 02:00 to 03:00")
        XCTAssertEqual(epoch("2024-03-31 03:00:00", zone: brussels), RFC3339.parse("2024-03-31T01:00:00Z"))
        XCTAssertEqual(epoch("2024-10-27 02:30:00", zone: brussels), RFC3339.parse("2024-10-27T00:30:00Z"), "the earlier")
        XCTAssertEqual(epoch("2024-10-27 02:59:59", zone: brussels), RFC3339.parse("2024-10-27T00:59:59Z"), "the earlier")

        // Lord Howe's clocks move by half an hour, inside the hours read.
        let clock = NaiveTime(zone: try Zone(named: "Australia/Lord_Howe"))
        func read(_ text: String) -> Int64? {
            var text = text
            return text.withUTF8 { clock.epoch(UnsafeRawBufferPointer($0)) }
        }
        XCTAssertEqual(read("2024-10-06 01:59:59"), RFC3339.parse("2024-10-05T15:29:59Z"))
        XCTAssertNil(read("2024-10-06 02:00:00"))
        XCTAssertNil(read("2024-10-06 02:29:59"))
        XCTAssertEqual(read("2024-10-06 02:30:00"), RFC3339.parse("2024-10-05T15:30:00Z"))
        XCTAssertEqual(read("2024-10-06 02:45:00"), RFC3339.parse("2024-10-05T15:45:00Z"))
        XCTAssertNil(read("2024-10-06 02:15:00"))
        XCTAssertEqual(read("2024-04-07 01:15:00"), RFC3339.parse("2024-04-06T14:15:00Z"))
        XCTAssertEqual(read("2024-04-07 01:45:00"), RFC3339.parse("2024-04-06T14:45:00Z"), "the earlier")
        XCTAssertEqual(read("2024-04-07 02:00:00"), RFC3339.parse("2024-04-06T15:30:00Z"))
    }
}
