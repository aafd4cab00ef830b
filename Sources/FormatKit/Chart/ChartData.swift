/// What a chart draws: the instants of the x axis, in order, and the
/// series, each with a value (or nil, no record) at every instant.
struct ChartData: Equatable {
    var times: [Int64]
    var series: [ChartSeries]

    var isEmpty: Bool { times.isEmpty || series.isEmpty }
}

struct ChartSeries: Equatable {
    let name: String
    /// One entry per instant of `ChartData.times`.
    var values: [Double?]

    /// The sum of the values, which orders the series.
    var total: Double { values.reduce(0) { $0 + ($1 ?? 0) } }
}
