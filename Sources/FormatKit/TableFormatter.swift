import AcctCore

/// The table for people. By default it streams: column widths come from the
/// first record's value types (times 19, numbers 10, text 20 or the
/// header's width) and longer text is cut with `…`. With --fit every row is
/// read first and the columns are as wide as their widest cell. Keys and
/// values are shown through `TerminalText.printable`, on a terminal or not
/// (a file is a terminal again under `less` or `cat`).
final class TableFormatter: RecordFormatter {
    private let sink: ByteSink
    private let options: FormatOptions
    private var columns: [String] = []
    /// The keys as the header shows them (escaped like the cells).
    private var titles: [String] = []
    private var widths: [Int] = []
    private var rightAligned: [Bool] = []
    private var scales: [Int?] = []
    private var held: [[String]] = []
    private var started = false

    init(sink: ByteSink, options: FormatOptions) {
        self.sink = sink
        self.options = options
    }

    func begin(columns: [String]) throws(OutputError) {
        self.columns = columns
        titles = columns.map(TerminalText.printable)
        widths = titles.map { max(DisplayWidth.of($0), 1) }
        rightAligned = Array(repeating: false, count: columns.count)
        scales = columns.map { HumanUnits.scale(of: $0) }
    }

    func write(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError) {
        if !started {
            // Types come from the first record; a column it lacks is taken
            // for a number when the vocabulary names it a metric.
            let vocabulary = Vocabulary()
            for (i, node) in nodes.enumerated() {
                rightAligned[i] = node.map { CellText.isNumeric(tape.kind($0)) } ?? (vocabulary.kind(of: columns[i]) != nil)
                if !options.fit {
                    let key = columns[i]
                    let natural = (key == "start" || key == "end") ? 19 : (rightAligned[i] ? 10 : 20)
                    widths[i] = max(widths[i], natural)
                }
            }
            started = true
            if !options.fit { try header() }
        }
        let cells = nodes.enumerated().map { i, node in
            node.map { TerminalText.printable(CellText.table(tape, $0, scale: scales[i], options: options)) } ?? ""
        }
        if options.fit {
            for (i, cell) in cells.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
            if held.count & 1023 == 0 { MemoryLimit.reserve(4 << 20) }
            held.append(cells)
        } else {
            // Text is cut to its column; a number never is (a wrong
            // figure is worse than a ragged line).
            try row(cells.enumerated().map { rightAligned[$0] ? $1 : DisplayWidth.truncated($1, to: widths[$0]) })
        }
    }

    func finish() throws(OutputError) {
        guard options.fit else { return }
        if started || !columns.isEmpty { try header() }
        for cells in held { try row(cells) }
        held.removeAll()
    }

    private func header() throws(OutputError) {
        guard options.header else { return }
        if options.bold { sink.buffer.append("\u{1B}[1m") }
        try row(titles, endRecord: false)
        if options.bold { sink.buffer.append("\u{1B}[0m") }
        sink.buffer.append("\n")
        try sink.endRecord()
    }

    private func row(_ cells: [String], endRecord: Bool = true) throws(OutputError) {
        // Straight into the output buffer: no line or padding String per row.
        let buffer = sink.buffer
        for (i, cell) in cells.enumerated() {
            let pad = max(0, widths[i] - DisplayWidth.of(cell))
            if i > 0 { buffer.append("  ") }
            if rightAligned[i] { spaces(pad, buffer) }
            buffer.append(contentsOf: cell)
            if !rightAligned[i] && i < cells.count - 1 { spaces(pad, buffer) }
        }
        if endRecord {
            buffer.append("\n")
            try sink.endRecord()
        }
    }

    private func spaces(_ count: Int, _ buffer: OutputBuffer) {
        for _ in 0..<count { buffer.append(UInt8(ascii: " ")) }
    }
}
