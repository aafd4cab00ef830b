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
