import AcctCore
import XCTest

@testable import FormatKit

/// The chart's axes and number labels: round ticks, readable labels, and
/// times cut at the display zone's own hours, days, weeks and months.
final class ChartAxisTests: XCTestCase {
    private func utc(_ text: String) -> Int64 { RFC3339.parse(text)! }

    func testNumberLabels() {
        XCTAssertEqual(NumberLabel.short(1234), "1.2k")
        XCTAssertEqual(NumberLabel.short(3_400_000), "3.4M")
        XCTAssertEqual(NumberLabel.short(950), "950")
        XCTAssertEqual(NumberLabel.short(0.5), "0.5")
        XCTAssertEqual(NumberLabel.short(-2500), "-2.5k")
        XCTAssertEqual(NumberLabel.short(250_000), "250k")
        // mem_mb_hours counts MiB: 360448 MiB is 352 GiB, as the table shows it.
        XCTAssertEqual(NumberLabel.short(360_448, binaryScale: 2), "352G")
        XCTAssertEqual(NumberLabel.short(1536, binaryScale: 2), "1.5G")
        XCTAssertEqual(NumberLabel.fixed(0.05, decimals: 2), "0.05")
        XCTAssertEqual(NumberLabel.fixed(-0.04, decimals: 1), "0.0")
        XCTAssertEqual(NumberLabel.fixed(12.25, decimals: 1), "12.3")
        XCTAssertEqual(NumberLabel.decimals(for: [0, 0.5, 1, 1.5]), 1)
        XCTAssertEqual(NumberLabel.decimals(for: [0, 2000, 4000]), 0)
    }

    func testValueTicksAreRound() {
        let axis = ValueAxis(minimum: 0, maximum: 37, binaryScale: nil)
        XCTAssertEqual(axis.ticks, [0, 10, 20, 30, 40])
        XCTAssertEqual(axis.labels, ["0", "10", "20", "30", "40"])
        XCTAssertEqual(axis.high, 40)

        let large = ValueAxis(minimum: 0, maximum: 3_400_000, binaryScale: nil)
        XCTAssertEqual(large.labels, ["0", "1M", "2M", "3M", "4M"])

        let small = ValueAxis(minimum: 0, maximum: 0.23, binaryScale: nil)
        XCTAssertEqual(small.labels, ["0", "0.05", "0.1", "0.15", "0.2", "0.25"])

        let kilo = ValueAxis(minimum: 0, maximum: 7300, binaryScale: nil)
        XCTAssertEqual(kilo.labels, ["0", "2k", "4k", "6k", "8k"])

        // Negative sums reach below zero.
        let signed = ValueAxis(minimum: -12, maximum: 30, binaryScale: nil)
        XCTAssertEqual(signed.low, -20)
        XCTAssertEqual(signed.high, 30)
        XCTAssertTrue(signed.ticks.contains(0))

        // All zero still gives an axis to draw on.
        let flat = ValueAxis(minimum: 0, maximum: 0, binaryScale: nil)
        XCTAssertLessThan(flat.low, flat.high)
    }

    func testByteTicksUseTheTablesLetters() {
        // 20 GiB of memory-hours in MiB: ticks in G, 1024 steps.
        let axis = ValueAxis(minimum: 0, maximum: 18 * 1024, binaryScale: 2)
        XCTAssertEqual(axis.labels, ["0", "5G", "10G", "15G", "20G"])
        XCTAssertEqual(axis.ticks[1], 5 * 1024)
        XCTAssertEqual(ValueAxis(minimum: 0, maximum: 700, binaryScale: 0).labels.last, "800B")
    }

    func testNiceSteps() {
        XCTAssertEqual(ValueAxis.niceStep(0.7), 1)
        XCTAssertEqual(ValueAxis.niceStep(1.1), 2)
        XCTAssertEqual(ValueAxis.niceStep(3), 5)
        XCTAssertEqual(ValueAxis.niceStep(6), 10)
        XCTAssertEqual(ValueAxis.niceStep(2000), 2000)
    }

    func testHoursOverTwoDays() {
        let axis = TimeAxis(from: utc("2018-10-01T00:00:00Z"), to: utc("2018-10-02T23:00:00Z"), zone: .utc)
        XCTAssertEqual(axis.unit, .hour)
        XCTAssertEqual(axis.step, 6)
        XCTAssertEqual(axis.ticks.first?.time, utc("2018-10-01T00:00:00Z"))
        XCTAssertEqual(axis.ticks.map(\.label), ["00:00", "06:00", "12:00", "18:00", "00:00", "06:00", "12:00", "18:00"])
        XCTAssertEqual(axis.ticks.map(\.context), ["Oct 1", "", "", "", "Oct 2", "", "", ""])
    }

    /// Daily totals get day ticks, however short the span.
    func testNoTicksFinerThanTheData() {
        let axis = TimeAxis(from: utc("2018-10-01T00:00:00Z"), to: utc("2018-10-03T00:00:00Z"), finest: 86_400, zone: .utc)
        XCTAssertEqual(axis.unit, .day)
        XCTAssertEqual(axis.ticks.map(\.label), ["Oct 1", "Oct 2", "Oct 3"])
        // Months of 28 to 31 days get month ticks.
        let months = TimeAxis(from: utc("2019-02-01T00:00:00Z"), to: utc("2019-04-01T00:00:00Z"), finest: 28 * 86_400, zone: .utc)
        XCTAssertEqual(months.ticks.map(\.label), ["Feb", "Mar", "Apr"])
    }

    func testDaysWeeksMonthsAndYears() {
        let days = TimeAxis(from: utc("2018-10-01T00:00:00Z"), to: utc("2018-10-06T00:00:00Z"), zone: .utc)
        XCTAssertEqual(days.unit, .day)
        XCTAssertEqual(days.ticks.map(\.label), ["Oct 1", "Oct 2", "Oct 3", "Oct 4", "Oct 5", "Oct 6"])
        XCTAssertEqual(days.ticks.map(\.context), ["2018", "", "", "", "", ""])

        // Seven weeks: ticks on Mondays (2018-10-01 was one).
        let weeks = TimeAxis(from: utc("2018-09-27T00:00:00Z"), to: utc("2018-11-15T00:00:00Z"), zone: .utc)
        XCTAssertEqual(weeks.unit, .week)
        XCTAssertEqual(weeks.ticks.first?.label, "Oct 1")
        XCTAssertEqual(weeks.ticks.map(\.time).map { ($0 / 86_400 + 3) % 7 }, Array(repeating: 0, count: weeks.ticks.count))

        let months = TimeAxis(from: utc("2018-10-01T00:00:00Z"), to: utc("2019-03-01T00:00:00Z"), zone: .utc)
        XCTAssertEqual(months.unit, .month)
        XCTAssertEqual(months.ticks.map(\.label), ["Oct", "Nov", "Dec", "Jan", "Feb", "Mar"])
        XCTAssertEqual(months.ticks.map(\.context), ["2018", "", "", "2019", "", ""])

        let years = TimeAxis(from: utc("2010-01-01T00:00:00Z"), to: utc("2018-06-01T00:00:00Z"), zone: .utc)
        XCTAssertEqual(years.unit, .year)
        XCTAssertEqual(years.ticks.map(\.label), ["2010", "2012", "2014", "2016", "2018"])
    }

    /// Ticks fall on the display zone's midnights, not UTC's, and a day of
    /// 23 hours (the spring change) is still one day.
    func testTicksFollowTheZone() throws {
        let brussels = try Zone(named: "Europe/Brussels")
        let axis = TimeAxis(from: utc("2024-03-29T23:00:00Z"), to: utc("2024-04-03T22:00:00Z"), zone: brussels)
        XCTAssertEqual(axis.unit, .day)
        XCTAssertEqual(axis.ticks.map(\.time), [
            utc("2024-03-29T23:00:00Z"), utc("2024-03-30T23:00:00Z"), utc("2024-03-31T22:00:00Z"),
            utc("2024-04-01T22:00:00Z"), utc("2024-04-02T22:00:00Z"), utc("2024-04-03T22:00:00Z"),
        ])
        XCTAssertEqual(axis.ticks.map(\.label), ["Mar 30", "Mar 31", "Apr 1", "Apr 2", "Apr 3", "Apr 4"])
    }

    func testALoneInstantGetsASpan() {
        let t = utc("2018-10-01T00:00:00Z")
        let axis = TimeAxis(from: t, to: t, zone: .utc)
        XCTAssertLessThan(axis.low, t)
        XCTAssertGreaterThan(axis.high, t)
        XCTAssertTrue(axis.ticks.contains { $0.time == t })
    }

    func testMetricUnits() {
        XCTAssertEqual(MetricUnit.title(of: "vcpus_hours"), "vcpus_hours (CPUs × hours)")
        XCTAssertEqual(MetricUnit.title(of: "mem_mb_hours"), "mem_mb_hours (bytes × hours)")
        XCTAssertEqual(MetricUnit.title(of: "net_rx_bytes"), "net_rx_bytes (bytes)")
        XCTAssertEqual(MetricUnit.title(of: "vm_running_hours"), "vm_running_hours (hours)")
        XCTAssertEqual(MetricUnit.title(of: "records"), "records (rows)")
        XCTAssertEqual(MetricUnit.title(of: "price"), "price")
    }
}
