import XCTest

@testable import ImportKit

/// Which `end_date`s are the last second of a window the usage server
/// closed (its record ends a second later) and which are events.
final class CloudStackWindowTests: XCTestCase {
    /// Seconds since the epoch of 2024-03-01 at `h:m:s` UTC.
    private func at(_ h: Int64, _ m: Int64, _ s: Int64) -> Int64 { 1_709_251_200 + h * 3600 + m * 60 + s }

    func testWindowEndsInEveryZone() {
        // A day in GMT, in Paris in winter and summer, in Kolkata (+5:30),
        // in Kathmandu (+5:45), in Chatham in summer (+13:45); an hour.
        for (h, m) in [(23, 59), (22, 59), (21, 59), (18, 29), (18, 14), (10, 14), (10, 59)] as [(Int64, Int64)] {
            XCTAssertTrue(CloudStackImporter.closesWindow(at(h, m, 59)), "\(h):\(m):59")
        }
        // Before the epoch too: 1969-12-31 23:59:59.
        XCTAssertTrue(CloudStackImporter.closesWindow(-1))
    }

    func testEventTimesAreNotWindowEnds() {
        for (h, m, s) in [(14, 23, 59), (14, 23, 11), (0, 0, 0), (23, 59, 58), (12, 0, 0)] as [(Int64, Int64, Int64)] {
            XCTAssertFalse(CloudStackImporter.closesWindow(at(h, m, s)), "\(h):\(m):\(s)")
        }
    }
}
