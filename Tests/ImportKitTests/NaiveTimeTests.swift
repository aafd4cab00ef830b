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
}
