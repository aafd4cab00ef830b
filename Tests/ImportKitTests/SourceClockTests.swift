import AcctCore
import XCTest

@testable import ImportKit

/// Which zone each kind of source is read in: never TZ's, an explicit
/// --tz where an export may be in another zone, and none but UTC for a
/// source that stores UTC whatever its settings.
final class SourceClockTests: XCTestCase {
    private let paris = try! Zone(named: "Europe/Paris")

    /// Options as SharedOptions makes them: TZ resolved into `zone`, the
    /// flag, when given, also in `zoneFlag`.
    private func common(tz: Zone?, flag: Zone?) -> CommonOptions {
        CommonOptions(paths: [], zone: flag ?? tz ?? .utc, zoneFlag: flag)
    }

    func testTZAloneMovesNoSource() throws {
        for clock in [SourceClock.utcAlways(producer: "x"), .utcUnlessTold] {
            XCTAssertEqual(try clock.zone(common(tz: paris, flag: nil)), .utc)
        }
    }

    func testAnExplicitZoneIsTheExportsZoneWhereOneCanBe() throws {
        XCTAssertEqual(try SourceClock.utcUnlessTold.zone(common(tz: nil, flag: paris)), paris)
    }

    func testASourceThatStoresUTCTakesOnlyUTC() throws {
        for name in ["UTC", "GMT", "Etc/GMT0", "UTC0"] {
            let zone = try Zone(named: name)
            XCTAssertEqual(try SourceClock.utcAlways(producer: "x").zone(common(tz: paris, flag: zone)), .utc, name)
        }
        XCTAssertThrowsError(try SourceClock.utcAlways(producer: "CloudStack").zone(common(tz: nil, flag: paris))) { error in
            XCTAssertEqual(error as? UsageError, UsageError("--tz: CloudStack stores UTC whatever its own zone, so 'Europe/Paris' does not apply"))
        }
        // London shows UTC's clock in winter only.
        XCTAssertThrowsError(try SourceClock.utcAlways(producer: "x").zone(common(tz: nil, flag: try Zone(named: "Europe/London"))))
    }

    func testEachSourceSaysItsClock() {
        let storesUTC = ImportFormat.allCases.filter {
            if case .utcAlways = $0.clock { return true } else { return false }
        }
        XCTAssertEqual(storesUTC, [.cloudstack])
    }
}
