import AcctCore
import XCTest

@testable import SliceKit

/// Counters beyond Int64: prorated and summed exactly in 128 bits, and a
/// total that cannot be exact says why.
final class WideIntegerTests: XCTestCase {
    private let uint64Max = Int128(UInt64.max)

    /// floor(c · x / d) from the full 256-bit product: the reference the
    /// split in Proration must agree with.
    private func reference(_ c: Int128, _ x: Int64, _ d: Int64) -> Int128 {
        let (quotient, remainder) = Int128(d).dividingFullWidth(c.multipliedFullWidth(by: Int128(x)))
        return remainder != 0 && c < 0 ? quotient - 1 : quotient
    }

    func testCumulativeMatchesTheFullProduct() {
        var rng = SystemRandomNumberGenerator()
        let extremes: [Int128] = [.max, .min, .max - 1, .min + 1, uint64Max, -uint64Max - 1, 1, -1, 0]
        for c in extremes {
            for (x, d) in [(Int64(1), Int64(3)), (2, 3), (1799, 3600), (86_399, 86_400), (1, Int64.max), (Int64.max - 1, Int64.max)] {
                XCTAssertEqual(Proration.cumulative(c, x, d), reference(c, x, d), "\(c) \(x)/\(d)")
            }
        }
        for _ in 0..<5000 {
            let c = Int128(Int64.random(in: .min ... .max, using: &rng)) << Int.random(in: 0...63, using: &rng)
            let d = Int64.random(in: 1 ... Int64.max, using: &rng) >> Int64.random(in: 0...62, using: &rng)
            let x = Int64.random(in: 0...max(d, 1), using: &rng)
            XCTAssertEqual(Proration.cumulative(c, x, max(d, 1)), reference(c, x, max(d, 1)), "\(c) \(x)/\(d)")
        }
    }

    func testWideSharesAddUpAndAgreeAcrossGrids() {
        let s: Int64 = 1800
        let e: Int64 = 3 * 86_400 + 7
        for c in [uint64Max, -uint64Max - 1, Int128.max, Int128.min] {
            var byHour: Int128 = 0
            var byDay: Int128 = 0
            var hour = s
            while hour < e {
                let next = min((hour / 3600 + 1) * 3600, e)
                byHour += Proration.share(c, from: hour, to: next, of: s, e)
                hour = next
            }
            var day = s
            while day < e {
                let next = min((day / 86_400 + 1) * 86_400, e)
                byDay += Proration.share(c, from: day, to: next, of: s, e)
                day = next
            }
            XCTAssertEqual(byHour, c)
            XCTAssertEqual(byDay, c)
        }
        // A counter within Int64 gets the same share through either width.
        for c: Int64 in [100, -7, Int64.max, Int64.min] {
            XCTAssertEqual(Proration.share(Int128(c), from: 10, to: 4000, of: 0, 9900), Int128(Proration.share(c, from: 10, to: 4000, of: 0, 9900)))
        }
    }

    private func text(_ sum: CounterSum, plus extra: Double? = nil) -> String {
        let out = OutputBuffer(capacity: 64)
        sum.write(into: out, plus: extra)
        return out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    func testCounterSumsStayExactPastInt64() {
        var sum = CounterSum()
        sum.add(uint64Max)
        sum.add(uint64Max)
        XCTAssertEqual(text(sum), "36893488147419103230")
        XCTAssertNil(sum.loss)
        sum.add(-uint64Max * 2)
        XCTAssertEqual(text(sum), "0")
        var negative = CounterSum()
        negative.add(-uint64Max - 1)
        negative.add(Int128(Int64.min))
        XCTAssertEqual(text(negative), "-27670116110564327424")
        var many = CounterSum()
        for _ in 0..<1000 { many.add(Int128(Int64.max)) }
        XCTAssertEqual(text(many), "9223372036854775807000")
        XCTAssertNil(many.loss)
    }

    func testFloatsMixedWithWideIntegersAreNoted() {
        var small = CounterSum()
        small.add(Int128(3))
        small.add(0.5)
        XCTAssertNil(small.loss, "a float total of small integers loses nothing")
        XCTAssertEqual(text(small), "3.5")
        var wide = CounterSum()
        wide.add(0.5)
        XCTAssertNil(wide.loss)
        wide.add(uint64Max)
        XCTAssertEqual(wide.loss, .rounded)
        // The nearest double to the exact sum 18446744073709551615.5.
        XCTAssertEqual(text(wide), "18446744073709551616.0")
        var order = CounterSum()
        order.add(uint64Max)
        XCTAssertNil(order.loss)
        order.add(0.25)
        XCTAssertEqual(order.loss, .rounded)
    }

    func testOverflowPastInt128IsALoss() {
        var sum = CounterSum()
        sum.add(Int128.max)
        XCTAssertNil(sum.loss)
        sum.add(Int128(1))
        XCTAssertEqual(sum.loss, .overflow)
        XCTAssertEqual(text(sum), "1.7014118346046923e38")
        sum.add(-Int128.max)
        XCTAssertEqual(text(sum), "1.0")
    }

    func testExactSumTakesWideIntegersWithoutRounding() {
        var sum = ExactSum()
        sum.add(exactly: uint64Max)
        sum.add(exactly: -uint64Max + 1)
        XCTAssertEqual(sum.value, 1)
        var extremes = ExactSum()
        extremes.add(exactly: .max)
        extremes.add(exactly: .min)
        XCTAssertEqual(extremes.value, -1)
        var plain = ExactSum()
        plain.add(exactly: 0)
        plain.add(exactly: 1 << 53 + 1)
        plain.add(-9_007_199_254_740_992.0)
        XCTAssertEqual(plain.value, 1)
    }
}
