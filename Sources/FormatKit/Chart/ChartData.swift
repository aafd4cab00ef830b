/// What a chart draws: the instants of the x axis, in order, and the
/// series, each with a value (or nil, no record) at every instant. A value
/// holds from its instant to the next (a slice's total covers its slice),
/// and the last one until `end`.
struct ChartData: Equatable {
    var times: [Int64]
    var series: [ChartSeries]
    /// Where the last interval ends: after `times.last`.
    var end: Int64 = 0

    /// Where the interval of each instant ends.
    var ends: [Int64] { Array(times.dropFirst()) + (times.isEmpty ? [] : [end]) }

    var isEmpty: Bool { times.isEmpty || series.isEmpty }
}

struct ChartSeries: Equatable {
    let name: String
    /// One entry per instant of `ChartData.times`.
    var values: [Double?]

    /// The sum of the values, which orders the series.
    var total: Double { values.reduce(0) { $0 + ($1 ?? 0) } }
}
