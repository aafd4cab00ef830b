import XCTest

@testable import FormatKit

final class SeriesAccumulatorTests: XCTestCase {
    private func add(_ sums: SeriesAccumulator, _ value: Double, _ start: Int64, _ name: String) {
        sums.add(value, start: start, series: sums.series(named: name))
    }

    func testSumsPerStartAndSeries() {
        let sums = SeriesAccumulator()
        add(sums, 1, 200, "b")
        add(sums, 2, 100, "a")
        add(sums, 3, 100, "a")
        add(sums, 4, 200, "b")
        add(sums, 0.5, 300, "a")
        let data = sums.data()
        XCTAssertEqual(data.times, [100, 200, 300])
        // Largest total first: a (5.5), then b (5).
        XCTAssertEqual(data.series.map(\.name), ["a", "b"])
        XCTAssertEqual(data.series[0].values, [5, nil, 0.5])
        XCTAssertEqual(data.series[1].values, [nil, 5, nil])
    }

    func testTiesGoByName() {
        let sums = SeriesAccumulator()
        add(sums, 1, 0, "zeta")
        add(sums, 1, 0, "alpha")
        XCTAssertEqual(sums.data().series.map(\.name), ["alpha", "zeta"])
    }

    func testPastTwelveSeriesTheRestIsOther() {
        let sums = SeriesAccumulator()
        for i in 1...15 {
            add(sums, Double(i), 0, "s\(i)")
            add(sums, 1, 3600, "s\(i)")
        }
        let data = sums.data()
        XCTAssertEqual(data.series.count, 12)
        XCTAssertEqual(data.series.first?.name, "s15")
        XCTAssertEqual(data.series[10].name, "s5")
        XCTAssertEqual(data.series[11].name, "other (4 series)")
        // s1 to s4: 1 + 2 + 3 + 4 at the first instant, 4 × 1 at the second.
        XCTAssertEqual(data.series[11].values, [10, 4])
        // Nothing is lost: the totals add up to the input's.
        XCTAssertEqual(data.series.map(\.total).reduce(0, +), Double((1...15).reduce(0, +) + 15))
    }

    func testSeriesAreKnownByTheirBytes() {
        let sums = SeriesAccumulator()
        let a = sums.series(named: "7")
        let b = "7".utf8.withContiguousStorageIfAvailable { sums.series(for: UnsafeRawBufferPointer($0)) }
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(sums.series(named: "70"), a)
    }
}
