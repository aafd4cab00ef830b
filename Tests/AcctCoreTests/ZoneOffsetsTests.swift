import AcctCore
import XCTest

/// The per-day table of offsets gives what glibc gives for every instant,
/// changes included, in whatever order the instants come.
final class ZoneOffsetsTests: XCTestCase {
    private func time(_ text: String) -> Int64 { RFC3339.parse(text)! }

    func testAroundChanges() throws {
        let brussels = try Zone(named: "Europe/Brussels")
        let offsets = ZoneOffsets(zone: brussels)
        XCTAssertEqual(offsets.offset(at: time("2024-03-31T00:59:59Z")), 3600)
        XCTAssertEqual(offsets.offset(at: time("2024-03-31T01:00:00Z")), 7200)
        XCTAssertEqual(offsets.offset(at: time("2024-10-27T00:59:59Z")), 7200)
        XCTAssertEqual(offsets.offset(at: time("2024-10-27T01:00:00Z")), 3600)
        XCTAssertEqual(offsets.local(time("2024-10-27T00:30:00Z")), CivilTime(year: 2024, month: 10, day: 27, hour: 2, minute: 30))
        XCTAssertEqual(offsets.local(time("2024-10-27T01:30:00Z")), CivilTime(year: 2024, month: 10, day: 27, hour: 2, minute: 30))
        // Lord Howe Island moves by half an hour, at 15:00Z and 15:30Z.
        let lordHowe = ZoneOffsets(zone: try Zone(named: "Australia/Lord_Howe"))
        XCTAssertEqual(lordHowe.offset(at: time("2024-10-05T15:29:59Z")), 37_800)
        XCTAssertEqual(lordHowe.offset(at: time("2024-10-05T15:30:00Z")), 39_600)
        XCTAssertEqual(ZoneOffsets(zone: .utc).offset(at: time("2024-10-27T01:00:00Z")), 0)
    }

    func testAgreesWithTheZoneEverywhere() throws {
        var generator = SystemRandomNumberGenerator()
        for name in ["Europe/Brussels", "America/St_Johns", "Australia/Lord_Howe", "America/Havana", "Europe/Dublin",
                     "CET-1CEST,M3.5.0,M10.5.0/3", "Pacific/Apia"] {
            let zone = try Zone(named: name)
            let offsets = ZoneOffsets(zone: zone)
            // Random instants, then a sweep by the half hour over two years:
            // every change is passed, from cold and from warm slots.
            for _ in 0..<2000 {
                let epoch = Int64.random(in: -2_000_000_000...2_200_000_000, using: &generator)
                XCTAssertEqual(offsets.offset(at: epoch), zone.local(epoch).utcOffset, "\(name) @\(epoch)")
            }
            var epoch = time("2023-01-01T00:00:00Z")
            while epoch < time("2025-01-01T00:00:00Z") {
                XCTAssertEqual(offsets.offset(at: epoch), zone.local(epoch).utcOffset, "\(name) @\(epoch)")
                XCTAssertEqual(offsets.offset(at: epoch - 1), zone.local(epoch - 1).utcOffset, "\(name) @\(epoch - 1)")
                epoch += 1800
            }
        }
    }
}
