/// `acct-fmt --chart METRIC`: what the picture shows.
public struct ChartOptions: Equatable, Sendable {
    /// The key summed on the y axis.
    public var metric: String
    /// `--series KEY`: one series per value of this key; nil for one series.
    public var series: String?
    /// `--lines`: a line per series instead of stacked areas.
    public var lines = false
    /// `--title`: the heading; nil for one made of the metric and the key.
    public var title: String?

    public init(metric: String, series: String? = nil, lines: Bool = false, title: String? = nil) {
        self.metric = metric
        self.series = series
        self.lines = lines
        self.title = title
    }

    /// The heading the picture carries.
    var heading: String {
        if let title { return title }
        guard let series else { return metric }
        return "\(metric) by \(series)"
    }
}
