import AcctCore
import XCTest

@testable import SliceKit

final class ProrationTests: XCTestCase {
    func testIntegerPartsAddUpExactly() {
        // 100 over three hours and a bit: parts differ by at most one and sum to 100.
        let s: Int64 = 0
        let e: Int64 = 3 * 3600 + 600
        let cuts: [Int64] = [0, 3600, 7200, 10800, e]
        let parts = zip(cuts, cuts.dropFirst()).map { Proration.share(Int64(100), from: $0, to: $1, of: s, e) }
        XCTAssertEqual(parts.reduce(0, +), 100)
        XCTAssertEqual(parts, [31, 32, 31, 6])  // floor(100·3600/11400) = 31, then 63, 94, 100
    }

    func testHourlyPartsSumToDailyParts() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let s = Int64.random(in: 0..<400_000, using: &rng)
            let e = s + Int64.random(in: 1..<500_000, using: &rng)
            let c = Int64.random(in: -1_000_000_000_000...Int64.max / 2, using: &rng)
            var day = (s / 86_400) * 86_400
            var total: Int64 = 0
            while day < e {
                let dayPart = Proration.share(c, from: max(s, day), to: min(e, day + 86_400), of: s, e)
                var hours: Int64 = 0
                var hour = max(s, day)
                while hour < min(e, day + 86_400) {
                    let next = min((hour / 3600 + 1) * 3600, min(e, day + 86_400))
                    hours += Proration.share(c, from: hour, to: next, of: s, e)
                    hour = next
                }
                XCTAssertEqual(hours, dayPart)
                total += dayPart
                day += 86_400
            }
            XCTAssertEqual(total, c)
        }
    }

    func testHugeProductsDoNotOverflow() {
        let c = Int64.max
        let half = Proration.share(c, from: 0, to: 5, of: 0, 10)
        XCTAssertEqual(half + Proration.share(c, from: 5, to: 10, of: 0, 10), c)
        XCTAssertEqual(half, c / 2)
        XCTAssertEqual(Proration.share(Int64.min, from: 0, to: 3, of: 0, 7) + Proration.share(Int64.min, from: 3, to: 7, of: 0, 7), Int64.min)
    }

    func testFloats() {
        XCTAssertEqual(Proration.share(1.5, from: 0, to: 1800, of: 0, 3600), 0.75)
        XCTAssertEqual(Proration.share(1.5, from: -5, to: 9000, of: 0, 3600), 1.5)
    }

    func testExactSumIgnoresOrder() {
        var rng = SystemRandomNumberGenerator()
        let values = (0..<5000).map { _ in Double.random(in: -1e6...1e6, using: &rng) * pow(10, Double(Int.random(in: -8...8, using: &rng))) }
        var a = ExactSum()
        var b = ExactSum()
        for v in values { a.add(v) }
        for v in values.shuffled() { b.add(v) }
        XCTAssertEqual(a.value, b.value)
        var c = ExactSum()
        for v in [1e100, 1.0, -1e100] { c.add(v) }
        XCTAssertEqual(c.value, 1.0)
        var d = ExactSum()
        for _ in 0..<10 { d.add(0.1) }
        XCTAssertEqual(d.value, 1.0)
    }

    func testExactSumLeavesTheOnePartialPathWhenASumStopsBeingExact() {
        // Whole numbers stay in one partial; 2^53 + 1 does not fit, and
        // the low part must survive to be cancelled later.
        var sum = ExactSum()
        for v in [9_007_199_254_740_992.0, 1.0, 1.0, -9_007_199_254_740_992.0] { sum.add(v) }
        XCTAssertEqual(sum.value, 2.0)
        var mixed = ExactSum()
        for v in [3600.0, 1843200.0, 0.1, -1843200.0, -3600.0] { mixed.add(v) }
        XCTAssertEqual(mixed.value, 0.1)
    }
}
