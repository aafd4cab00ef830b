import AcctCore

/// acct-fmt `--chart METRIC`: sums METRIC per `start` and series as the
/// records stream by (SeriesAccumulator), then writes the picture as SVG;
/// the `end` of the last records says where the picture ends.
///
/// A record whose METRIC is absent or null adds nothing; one whose METRIC
/// is not a number is bad input, reported at its line. Records without a
/// `start` that is an RFC 3339 time cannot be placed on the x axis: they
/// are counted and reported once, at the first of them, after the input.
final class ChartReport {
    private let options: ChartOptions
    private let zone: Zone
    private let sink: ByteSink
    private let records: RecordReader
    private let diagnostics: Diagnostics
    private let namedKeys: NamedKeys

    init(options: ChartOptions, zone: Zone, sink: ByteSink, records: RecordReader, diagnostics: Diagnostics, namedKeys: NamedKeys) {
        self.options = options
        self.zone = zone
        self.sink = sink
        self.records = records
        self.diagnostics = diagnostics
        self.namedKeys = namedKeys
    }

    func run(_ paths: [String]) throws(OutputError) {
        let sums = SeriesAccumulator()
        let metric = options.metric
        let seriesKey = options.series
        let single = seriesKey == nil ? sums.series(named: metric) : 0
        var unkeyed: Int?
        var withoutStart = RecordsWithoutStart()
        let finished = records.forEachRecord(in: paths) { line, tape in
            if namedKeys.isWatching { namedKeys.observe(tape) }
            guard let node = tape.member(JSONTape.root, named: metric) else { return true }
            switch tape.kind(node) {
            case .int, .float: break
            case .null: return true
            default: return records.reject(line, "'\(metric)' is not a number")
            }
            let value = tape.double(node)
            guard value.isFinite else { return records.reject(line, "'\(metric)' is too large to chart") }
            guard let startNode = tape.member(JSONTape.root, named: "start"), let start = tape.time(startNode) else {
                withoutStart.add(line)
                return true
            }
            var series = single
            if let seriesKey {
                if let key = tape.member(JSONTape.root, named: seriesKey), tape.kind(key) != .null {
                    series = tape.kind(key) == .string
                        ? tape.withStringBytes(key) { sums.series(for: $0) }
                        : sums.series(for: tape.rawBytes(key))
                } else {
                    if unkeyed == nil { unkeyed = sums.series(named: "(no \(seriesKey))") }
                    series = unkeyed!
                }
            }
            let end = tape.member(JSONTape.root, named: "end").flatMap { tape.time($0) }
            sums.add(value, start: start, end: end, series: series)
            return true
        }
        withoutStart.report(to: diagnostics, leftOutOf: "chart")
        ChartSVG(options: options, zone: zone, data: sums.data()).write(into: sink.buffer)
        try sink.endRecord()
        if finished { namedKeys.report(to: diagnostics) }
    }
}
