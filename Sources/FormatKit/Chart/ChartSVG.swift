import AcctCore

/// Writes a chart as one SVG 1.1 document: a title, the y axis with its
/// grid, the x axis in the display zone, the series as stacked areas (or
/// lines) and a legend with each series' total. Values are drawn in steps,
/// each flat from its start to the next, as each is the total of its
/// interval (a slice of acct-slice), not a sample at an instant.
///
/// Everything is in the document: no script, no font or image fetched, no
/// link, so any browser or renderer shows it alone; coordinates are written
/// with one decimal by `NumberLabel`, so the same data gives the same bytes.
struct ChartSVG {
    static let width = 960.0
    static let height = 540.0
    /// The plotting area.
    static let left = 90.0, right = 720.0, top = 60.0, bottom = 460.0
    static let legendX = 740.0
    static let legendRow = 22.0

    let options: ChartOptions
    let zone: Zone
    let data: ChartData

    func write(into out: OutputBuffer) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.append(contentsOf: "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" font-family=\"sans-serif\" font-size=\"12\">\n")
        element("title", options.heading, into: out)
        out.append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"6\" fill=\"#ffffff\" fill-opacity=\"0.7\"/></pattern></defs>\n")
        out.append(contentsOf: "<rect width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\" fill=\"#ffffff\"/>\n")
        text(options.heading, x: Self.width / 2, y: 32, attributes: "text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\" class=\"title\"", into: out)
        let yTitle = MetricUnit.title(of: options.metric)
        text(yTitle, x: 22, y: (Self.top + Self.bottom) / 2,
             attributes: "text-anchor=\"middle\" transform=\"rotate(-90 22 \(Self.number((Self.top + Self.bottom) / 2)))\" class=\"axis-title\"", into: out)
        text("start (\(zone.name))", x: (Self.left + Self.right) / 2, y: 528, attributes: "text-anchor=\"middle\" class=\"axis-title\"", into: out)
        guard !data.isEmpty else {
            frame(into: out)
            text("no data", x: (Self.left + Self.right) / 2, y: (Self.top + Self.bottom) / 2,
                 attributes: "text-anchor=\"middle\" font-size=\"16\" fill=\"#666666\" class=\"no-data\"", into: out)
            out.append("</svg>\n")
            return
        }
        let stacks = stacked()
        let values = options.lines ? data.series.flatMap { $0.values.compactMap { $0 } } : stacks.flatMap { $0 }
        let yAxis = ValueAxis(minimum: values.min() ?? 0, maximum: values.max() ?? 0, binaryScale: HumanUnits.scale(of: options.metric))
        let finest = zip(data.ends, data.times).map { $0 - $1 }.min() ?? 0
        let xAxis = TimeAxis(from: data.times.first!, to: data.end, finest: finest, zone: zone)
        let plot = Plot(x: xAxis, y: yAxis)
        grid(plot, into: out)
        if options.lines {
            lines(plot, into: out)
        } else {
            areas(plot, stacks: stacks, into: out)
        }
        axes(plot, into: out)
        legend(into: out)
        out.append("</svg>\n")
    }

    /// Maps times and values to the page.
    struct Plot {
        let x: TimeAxis
        let y: ValueAxis

        func px(_ time: Int64) -> Double {
            ChartSVG.left + Double(time - x.low) / Double(x.high - x.low) * (ChartSVG.right - ChartSVG.left)
        }

        func py(_ value: Double) -> Double {
            ChartSVG.bottom - (value - y.low) / (y.high - y.low) * (ChartSVG.bottom - ChartSVG.top)
        }
    }

    /// The top of each series' band at each instant: the running sum of
    /// the series up to it (a missing value counts as 0).
    private func stacked() -> [[Double]] {
        var running = Array(repeating: 0.0, count: data.times.count)
        return data.series.map { series in
            for (i, value) in series.values.enumerated() { running[i] += value ?? 0 }
            return running
        }
    }

    private func frame(into out: OutputBuffer) {
        out.append(contentsOf: "<rect x=\"\(Self.number(Self.left))\" y=\"\(Self.number(Self.top))\" width=\"\(Self.number(Self.right - Self.left))\" height=\"\(Self.number(Self.bottom - Self.top))\" fill=\"none\" stroke=\"#999999\"/>\n")
    }

    private func grid(_ plot: Plot, into out: OutputBuffer) {
        out.append("<g class=\"grid\" stroke=\"#dddddd\" stroke-width=\"1\">\n")
        for value in plot.y.ticks {
            let y = Self.number(plot.py(value))
            out.append(contentsOf: "<line x1=\"\(Self.number(Self.left))\" y1=\"\(y)\" x2=\"\(Self.number(Self.right))\" y2=\"\(y)\"/>\n")
        }
        for tick in plot.x.ticks {
            let x = Self.number(plot.px(tick.time))
            out.append(contentsOf: "<line x1=\"\(x)\" y1=\"\(Self.number(Self.top))\" x2=\"\(x)\" y2=\"\(Self.number(Self.bottom))\"/>\n")
        }
        out.append("</g>\n")
    }

    private func axes(_ plot: Plot, into out: OutputBuffer) {
        let zero = Self.number(plot.py(0))
        out.append(contentsOf: "<g class=\"axes\" stroke=\"#000000\" stroke-width=\"1\"><line x1=\"\(Self.number(Self.left))\" y1=\"\(Self.number(Self.top))\" x2=\"\(Self.number(Self.left))\" y2=\"\(Self.number(Self.bottom))\"/><line x1=\"\(Self.number(Self.left))\" y1=\"\(zero)\" x2=\"\(Self.number(Self.right))\" y2=\"\(zero)\"/></g>\n")
        out.append("<g class=\"y-labels\" text-anchor=\"end\">\n")
        for (value, label) in zip(plot.y.ticks, plot.y.labels) {
            text(label, x: Self.left - 8, y: plot.py(value) + 4, attributes: nil, into: out)
        }
        out.append("</g>\n<g class=\"x-labels\" text-anchor=\"middle\">\n")
        for tick in plot.x.ticks {
            let x = plot.px(tick.time)
            text(tick.label, x: x, y: Self.bottom + 18, attributes: nil, into: out)
            if !tick.context.isEmpty {
                text(tick.context, x: x, y: Self.bottom + 33, attributes: nil, into: out)
            }
        }
        out.append("</g>\n")
    }

    /// Where each value's interval begins and ends on the page.
    private func spans(_ plot: Plot) -> [(from: String, to: String)] {
        zip(data.times, data.ends).map { (Self.number(plot.px($0)), Self.number(plot.px($1))) }
    }

    /// Each series as a band in steps: flat over each interval, on top of
    /// the series before it.
    private func areas(_ plot: Plot, stacks: [[Double]], into out: OutputBuffer) {
        let spans = spans(plot)
        out.append("<g class=\"series\">\n")
        for (index, series) in data.series.enumerated() {
            let top = stacks[index]
            let base = index == 0 ? Array(repeating: 0.0, count: spans.count) : stacks[index - 1]
            var points = ""
            for (i, span) in spans.enumerated() {
                let y = Self.number(plot.py(top[i]))
                points += "\(span.from),\(y) \(span.to),\(y) "
            }
            for (i, span) in spans.enumerated().reversed() {
                let y = Self.number(plot.py(base[i]))
                points += "\(span.to),\(y) \(span.from),\(y) "
            }
            points.removeLast()
            out.append("<polygon class=\"area\" data-series=\"")
            attribute(series.name, into: out)
            out.append(contentsOf: "\" fill=\"\(ChartPalette.colour(index))\" stroke=\"#ffffff\" stroke-width=\"0.5\" points=\"\(points)\"/>\n")
            if ChartPalette.isHatched(index) {
                out.append(contentsOf: "<polygon fill=\"url(#hatch)\" points=\"\(points)\"/>\n")
            }
        }
        out.append("</g>\n")
    }

    /// Each series as a line in steps, broken where it has no value.
    private func lines(_ plot: Plot, into out: OutputBuffer) {
        let spans = spans(plot)
        out.append("<g class=\"series\" fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\">\n")
        for (index, series) in data.series.enumerated() {
            var path = ""
            var previous: Double?
            for (i, value) in series.values.enumerated() {
                guard let value else {
                    previous = nil
                    continue
                }
                let y = Self.number(plot.py(value))
                if previous == nil {
                    path += (path.isEmpty ? "M" : " M") + "\(spans[i].from),\(y)"
                } else {
                    path += "V\(y)"
                }
                path += "H\(spans[i].to)"
                previous = value
            }
            let dash = ChartPalette.dash(index)
            out.append("<path class=\"line\" data-series=\"")
            attribute(series.name, into: out)
            out.append(contentsOf: "\" stroke=\"\(ChartPalette.colour(index))\"" + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + " d=\"\(path)\"/>\n")
        }
        out.append("</g>\n")
    }

    private func legend(into out: OutputBuffer) {
        out.append("<g class=\"legend\">\n")
        let scale = HumanUnits.scale(of: options.metric)
        for (index, series) in data.series.enumerated() {
            let y = Self.top + 10 + Double(index) * Self.legendRow
            let colour = ChartPalette.colour(index)
            if options.lines {
                let dash = ChartPalette.dash(index)
                out.append(contentsOf: "<line x1=\"\(Self.number(Self.legendX))\" y1=\"\(Self.number(y))\" x2=\"\(Self.number(Self.legendX + 18))\" y2=\"\(Self.number(y))\" stroke=\"\(colour)\" stroke-width=\"2\"" + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>\n")
            } else {
                let box = "x=\"\(Self.number(Self.legendX))\" y=\"\(Self.number(y - 7))\" width=\"14\" height=\"14\""
                out.append(contentsOf: "<rect \(box) fill=\"\(colour)\" stroke=\"#666666\" stroke-width=\"0.5\"/>\n")
                if ChartPalette.isHatched(index) { out.append(contentsOf: "<rect \(box) fill=\"url(#hatch)\"/>\n") }
            }
            let label = "\(Self.shortened(series.name)) (\(NumberLabel.short(series.total, binaryScale: scale)))"
            text(label, x: Self.legendX + 24, y: y + 4, attributes: "class=\"legend-label\"", into: out)
        }
        out.append("</g>\n")
    }

    // MARK: - Text

    /// The most characters of a name the legend shows (its column is 220
    /// pixels wide); the element's `data-series` keeps the whole name.
    static let legendNameLength = 24

    /// `name`, cut to `legendNameLength` characters with an ellipsis.
    static func shortened(_ name: String) -> String {
        name.count <= legendNameLength ? name : String(name.prefix(legendNameLength - 1)) + "…"
    }

    private func text(_ content: String, x: Double, y: Double, attributes: String?, into out: OutputBuffer) {
        out.append(contentsOf: "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\"" + (attributes.map { " " + $0 } ?? "") + ">")
        var content = content
        content.withUTF8 { XMLFormatter.text(UnsafeRawBufferPointer($0), into: out, attribute: false) }
        out.append("</text>\n")
    }

    private func element(_ name: String, _ content: String, into out: OutputBuffer) {
        out.append(contentsOf: "<\(name)>")
        var content = content
        content.withUTF8 { XMLFormatter.text(UnsafeRawBufferPointer($0), into: out, attribute: false) }
        out.append(contentsOf: "</\(name)>\n")
    }

    private func attribute(_ content: String, into out: OutputBuffer) {
        var content = content
        content.withUTF8 { XMLFormatter.text(UnsafeRawBufferPointer($0), into: out, attribute: true) }
    }

    /// A coordinate with one decimal.
    static func number(_ value: Double) -> String {
        NumberLabel.fixed(value, decimals: 1)
    }
}
