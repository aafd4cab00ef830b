/// The y axis: a range from zero (or below, for negative sums) to a round
/// number above the largest value, cut by ticks of 1, 2 or 5 times a
/// power of ten in the unit shown, each labelled in that unit with the
/// decimals it needs.
struct ValueAxis: Equatable {
    let low: Double
    let high: Double
    let ticks: [Double]
    let labels: [String]

    /// At least this many intervals between ticks (up to 2.5 times more,
    /// by the rounding of the step).
    static let intervals = 6.0

    /// The axis for values from `minimum` to `maximum`; `binaryScale` is
    /// the power of 1024 a byte-counted metric is written in (HumanUnits).
    init(minimum: Double, maximum: Double, binaryScale: Int?) {
        var lowest = min(0, minimum)
        var highest = max(0, maximum)
        if !(highest > lowest) { highest = lowest + 1 }
        if !lowest.isFinite || !highest.isFinite {
            lowest = 0
            highest = 1
        }
        let largest = max(abs(lowest), abs(highest))
        let (divisor, letter) = NumberLabel.prefix(for: largest, binaryScale: binaryScale)
        let step = Self.niceStep((highest - lowest) / divisor / Self.intervals)
        let first = (lowest / divisor / step).rounded(.down)
        let last = (highest / divisor / step).rounded(.up)
        var shown: [Double] = []
        var k = first
        while k <= last && shown.count < 100 {
            shown.append(k * step)
            k += 1
        }
        low = first * step * divisor
        high = last * step * divisor
        ticks = shown.map { $0 * divisor }
        // Each label with the decimals it needs: 0, 0.05, 0.1.
        labels = shown.map { NumberLabel.fixed($0, decimals: NumberLabel.decimals(for: [$0])) + ($0 == 0 ? "" : letter) }
    }

    /// The smallest of 1, 2, 5 times a power of ten that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var power = 1.0
        while power > raw { power /= 10 }
        while power * 10 <= raw { power *= 10 }
        for factor in [1.0, 2, 5, 10] where factor * power >= raw * (1 - 1e-12) {
            return factor * power
        }
        return 10 * power
    }
}
