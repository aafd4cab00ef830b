/// Sums a metric per (start, series) as records stream by, so that memory
/// holds one number per point of the chart, not the records.
///
/// A series is known by the bytes of its value (a string's text, a number's
/// JSON text), looked up through one reused key buffer: a record allocates
/// only when it brings a new series or a new point.
final class SeriesAccumulator {
    private struct Point: Hashable {
        let start: Int64
        let series: Int
    }

    private var indexByValue: [[UInt8]: Int] = [:]
    private var names: [String] = []
    private var sums: [Point: Double] = [:]
    private var scratch: [UInt8] = []
    /// The latest start seen and the latest end of its records.
    private var lastStart = Int64.min
    private var lastEnd = Int64.min

    /// The series of a value given by its bytes, made on first sight.
    func series(for value: UnsafeRawBufferPointer) -> Int {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: value)
        if let index = indexByValue[scratch] { return index }
        let index = names.count
        indexByValue[scratch] = index
        names.append(String(decoding: value, as: UTF8.self))
        return index
    }

    /// The series of a value given by name (the one series of a chart
    /// without `--series`, or the series of records that lack the key).
    func series(named name: String) -> Int {
        var name = name
        return name.withUTF8 { series(for: UnsafeRawBufferPointer($0)) }
    }

    /// Adds a record's value; `end` is its `end`, when it has one.
    func add(_ value: Double, start: Int64, end: Int64? = nil, series: Int) {
        sums[Point(start: start, series: series), default: 0] += value
        if start > lastStart {
            lastStart = start
            lastEnd = end ?? Int64.min
        } else if start == lastStart, let end, end > lastEnd {
            lastEnd = end
        }
    }

    /// The end of the last interval: the latest `end` of the records of the
    /// last start, else as long as the shortest step between starts, else
    /// an hour.
    private func end(of times: [Int64]) -> Int64 {
        guard let last = times.last else { return 0 }
        if lastStart == last && lastEnd > last { return lastEnd }
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        return last + (gaps.min() ?? 3600)
    }

    /// The points as a chart: instants in order, the series by total,
    /// largest first (then by name); past `limit` series, the largest
    /// `limit - 1` and one more, "other (N series)", for the sum of the
    /// other N.
    func data(limit: Int = 12) -> ChartData {
        let times = Set(sums.keys.map(\.start)).sorted()
        var column: [Int64: Int] = [:]
        for (i, time) in times.enumerated() { column[time] = i }
        var series = names.map { ChartSeries(name: $0, values: Array(repeating: nil, count: times.count)) }
        for (point, sum) in sums {
            series[point.series].values[column[point.start]!] = sum
        }
        series.removeAll { $0.values.allSatisfy { $0 == nil } }
        let totals = series.map(\.total)
        let order = series.indices.sorted { a, b in
            totals[a] != totals[b] ? totals[a] > totals[b] : series[a].name < series[b].name
        }
        var ranked = order.map { series[$0] }
        if ranked.count > limit {
            let otherName = "other (\(ranked.count - limit + 1) series)"
            var other = ChartSeries(name: otherName, values: Array(repeating: nil, count: times.count))
            for rest in ranked[(limit - 1)...] {
                for (i, value) in rest.values.enumerated() {
                    if let value { other.values[i] = (other.values[i] ?? 0) + value }
                }
            }
            ranked = Array(ranked[..<(limit - 1)]) + [other]
        }
        return ChartData(times: times, series: ranked, end: end(of: times))
    }
}
