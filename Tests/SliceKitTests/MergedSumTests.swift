import AcctCore
import Glibc
@testable import SliceKit
import XCTest

/// Sums split anywhere and merged give the bits of one pass: what lets
/// `-j` roll up in parallel and write the same rows.
final class MergedSumTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    private func values(_ count: Int) -> [Double] {
        (0..<count).map { i in
            let magnitude = Double.random(in: -20...20, using: &generator)
            return Double.random(in: -1...1, using: &generator) * pow(10, magnitude) + (i % 3 == 0 ? 0.1 : 0)
        }
    }

    func testExactSumsMergeToTheSameBits() {
        for _ in 0..<200 {
            let all = values(Int.random(in: 1...60))
            var whole = ExactSum()
            all.forEach { whole.add($0) }
            let cut = Int.random(in: 0...all.count)
            var first = ExactSum()
            var second = ExactSum()
            all[..<cut].forEach { first.add($0) }
            all[cut...].forEach { second.add($0) }
            first.add(second)
            XCTAssertEqual(first.value.bitPattern, whole.value.bitPattern)
        }
    }

    /// The exact sum rounds once, correctly: checked on values that are
    /// whole multiples of 2^-30, whose true sum an Int128 holds.
    func testExactSumRoundsTheTrueSumOnce() {
        for _ in 0..<500 {
            var sum = ExactSum()
            var exact: Int128 = 0
            for _ in 0..<Int.random(in: 1...80, using: &generator) {
                // At most 53 bits, at a scale from 2^-30 to 2^30: exact doubles.
                let units = Int64.random(in: -(1 << 53)...(1 << 53), using: &generator) >> Int64.random(in: 0...50, using: &generator)
                let scale = Int.random(in: 0...60, using: &generator)
                exact += Int128(units) << scale
                sum.add(Double(units) * Double(sign: .plus, exponent: scale - 30, significand: 1))
            }
            XCTAssertEqual(sum.value.bitPattern, (Double(exact) * 0x1p-30).bitPattern)
        }
    }

    /// Values that take the 128-bit integer (2^-12 up to 2^62), values
    /// that cannot (tiny, subnormal, huge), values that overflow the
    /// integer, and signed zeros: the same bits as Shewchuk's partials
    /// alone (the textbook fsum below), in one pass and merged.
    func testIntegerPartAgreesWithPartialsAlone() {
        let scales: [ClosedRange<Int>] = [-12...61, -1074 ... -1000, -80 ... -10, 55...70, 900...1010]
        for round in 0..<2000 {
            var values: [Double] = []
            for _ in 0..<Int.random(in: 1...60, using: &generator) {
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: values.append(Bool.random(using: &generator) ? 0.0 : -0.0)
                case 1: values.append((Bool.random(using: &generator) ? 1 : -1) * 0x1.fffffffffffffp61)
                default:
                    let scale = scales[round % 3 == 0 ? Int.random(in: 0..<scales.count, using: &generator) : 0]
                    let exponent = Int.random(in: scale, using: &generator)
                    values.append(Double(sign: Bool.random(using: &generator) ? .plus : .minus, exponent: exponent,
                                         significand: Double.random(in: 1..<2, using: &generator)))
                }
            }
            if round % 7 == 0 { values = values.map { $0 == 0 ? -0.0 : $0 } }
            if round % 11 == 0 { values = values.filter { $0 == 0 }.map { _ in -0.0 } + [-0.0] }
            var sum = ExactSum()
            values.forEach { sum.add($0) }
            let expected = Self.fsum(values)
            XCTAssertEqual(sum.value.bitPattern, expected.bitPattern, "\(values)")
            let cut = Int.random(in: 0...values.count, using: &generator)
            var first = ExactSum()
            var second = ExactSum()
            values[..<cut].forEach { first.add($0) }
            values[cut...].forEach { second.add($0) }
            first.add(second)
            XCTAssertEqual(first.value.bitPattern, expected.bitPattern, "\(values) cut at \(cut)")
        }
    }

    /// Python's math.fsum, as written in its documentation's recipe
    /// (msum and its final half-even rounding), with IEEE's sign of zero.
    private static func fsum(_ values: [Double]) -> Double {
        var partials: [Double] = []
        for value in values {
            var x = value
            var kept: [Double] = []
            for var y in partials {
                if abs(x) < abs(y) { swap(&x, &y) }
                let high = x + y
                let low = y - (high - x)
                if low != 0 { kept.append(low) }
                x = high
            }
            partials = kept + [x]
        }
        guard var i = partials.indices.last else { return 0 }
        var high = partials[i]
        var low = 0.0
        while i > 0 {
            i -= 1
            let x = high
            let y = partials[i]
            high = x + y
            low = y - (high - x)
            if low != 0 { break }
        }
        if i > 0 && ((low < 0 && partials[i - 1] < 0) || (low > 0 && partials[i - 1] > 0)) {
            let y = low * 2
            let x = high + y
            if y == x - high { high = x }
        }
        return high
    }

    func testCounterSumsMergeToTheSameText() {
        for round in 0..<200 {
            var whole = CounterSum()
            var parts = [CounterSum(), CounterSum(), CounterSum()]
            for i in 0..<30 {
                let part = Int.random(in: 0..<3)
                if (round + i) % 4 == 0 {
                    let value = Double.random(in: 0...1e6)
                    whole.add(value)
                    parts[part].add(value)
                } else {
                    let value = Int128(Int64.random(in: 0...Int64.max / 64))
                    whole.add(value)
                    parts[part].add(value)
                }
            }
            var merged = parts[0]
            merged.add(parts[1])
            merged.add(parts[2])
            XCTAssertEqual(text(merged), text(whole))
        }
    }

    private func text(_ sum: CounterSum) -> String {
        let out = OutputBuffer()
        sum.write(into: out)
        return out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }
}
