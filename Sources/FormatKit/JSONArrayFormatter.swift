import AcctCore

/// One JSON array of the records: each record as it stands in the input
/// (only the `-o` keys when given), one to a line, or indented with --pretty.
final class JSONArrayFormatter: StreamingFormatter {
    private let sink: ByteSink
    private let options: FormatOptions
    private var columns: [String] = []
    private var count = 0
    private let zone: DisplayZone

    init(sink: ByteSink, options: FormatOptions) {
        self.sink = sink
        self.options = options
        zone = DisplayZone(options.common.zone)
    }

    func begin(columns: [String]) throws(OutputError) {
        self.columns = columns
    }

    func resume(columns: [String], afterRows rows: Int) {
        self.columns = columns
        count = rows
    }

    func write(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError) {
        let out = sink.buffer
        out.append(count == 0 ? "[\n" : ",\n")
        count += 1
        if options.pretty {
            if options.columns == nil {
                writePretty(tape, JSONTape.root, indent: 1, into: out)
            } else {
                writePrettyColumns(tape, nodes, into: out)
            }
        } else if options.columns == nil && !hasTimeToRewrite(tape) {
            out.append(line)
        } else if options.columns == nil && spliceTimes(tape, line, into: out) {
            // The line, its times rewritten in place.
        } else if options.columns == nil {
            out.append("{")
            var child = JSONTape.root + 1
            while child < tape.end(JSONTape.root) {
                if child > JSONTape.root + 1 { out.append(",") }
                out.append("\"")
                out.append(tape.keyBytes(child)!)
                out.append("\":")
                raw(tape, child, into: out)
                child = tape.end(child)
            }
            out.append("}")
        } else {
            out.append("{")
            var first = true
            for (name, node) in zip(columns, nodes) {
                guard let node else { continue }
                if !first { out.append(",") }
                first = false
                out.appendJSONString(name)
                out.append(":")
                raw(tape, node, into: out)
            }
            out.append("}")
        }
        try sink.endRecord()
    }

    /// The total row, a record of the figures and `"total": true`, as it
    /// stands.
    func writeTotal(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError) {
        let out = sink.buffer
        out.append(count == 0 ? "[\n" : ",\n")
        count += 1
        if options.pretty {
            writePretty(tape, JSONTape.root, indent: 1, into: out)
        } else {
            out.append(line)
        }
        try sink.endRecord()
    }

    var wantsTotalRecord: Bool { true }

    func finish() throws(OutputError) {
        sink.buffer.append(count == 0 ? "[]\n" : "\n]\n")
        try sink.endRecord()
    }

    private func hasTimeToRewrite(_ tape: JSONTape) -> Bool {
        var child = JSONTape.root + 1
        while child < tape.end(JSONTape.root) {
            if CellText.timeToRewrite(tape, child, in: zone) != nil { return true }
            child = tape.end(child)
        }
        return false
    }

    /// Appends the line with the text of each time rewritten and every
    /// other byte copied, as a run of copies rather than a walk of every
    /// member; false, with nothing written, when the tape's text is not
    /// the line's.
    private func spliceTimes(_ tape: JSONTape, _ line: UnsafeRawBufferPointer, into out: OutputBuffer) -> Bool {
        let record = tape.rawBytes(JSONTape.root)
        guard let lineStart = line.baseAddress, let recordStart = record.baseAddress,
              recordStart >= lineStart, recordStart + record.count <= lineStart + line.count
        else { return false }
        var copied = 0
        var child = JSONTape.root + 1
        while child < tape.end(JSONTape.root) {
            if let time = CellText.timeToRewrite(tape, child, in: zone) {
                // The string's text, between its quotes.
                let text = tape.rawBytes(child)
                let offset = text.baseAddress! - lineStart
                out.append(UnsafeRawBufferPointer(rebasing: line[copied..<offset]))
                zone.write(time, into: out)
                copied = offset + text.count
            }
            child = tape.end(child)
        }
        out.append(UnsafeRawBufferPointer(rebasing: line[copied...]))
        return true
    }

    /// A value as it stands, but a record's time (a member of the record,
    /// not of an object inside it, as `spliceTimes` reads them) in the
    /// display zone.
    private func raw(_ tape: JSONTape, _ node: Int, into out: OutputBuffer, isMember: Bool = true) {
        if isMember, let time = CellText.timeToRewrite(tape, node, in: zone) {
            out.append("\"")
            zone.write(time, into: out)
            out.append("\"")
        } else if tape.kind(node) == .string {
            out.append("\"")
            out.append(tape.rawBytes(node))
            out.append("\"")
        } else {
            out.append(tape.rawBytes(node))
        }
    }

    private func indent(_ level: Int, into out: OutputBuffer) {
        for _ in 0..<level { out.append("  ") }
    }

    private func writePrettyColumns(_ tape: JSONTape, _ nodes: [Int?], into out: OutputBuffer) {
        indent(1, into: out)
        out.append("{")
        var first = true
        for (name, node) in zip(columns, nodes) {
            guard let node else { continue }
            out.append(first ? "\n" : ",\n")
            first = false
            indent(2, into: out)
            out.appendJSONString(name)
            out.append(": ")
            writePretty(tape, node, indent: 2, into: out, leading: false)
        }
        out.append(first ? "}" : "\n")
        if !first {
            indent(1, into: out)
            out.append("}")
        }
    }

    private func writePretty(_ tape: JSONTape, _ node: Int, indent level: Int, into out: OutputBuffer, leading: Bool = true) {
        if leading { indent(level, into: out) }
        switch tape.kind(node) {
        case .object, .array:
            let isObject = tape.kind(node) == .object
            out.append(isObject ? "{" : "[")
            var child = node + 1
            var first = true
            while child < tape.end(node) {
                out.append(first ? "\n" : ",\n")
                first = false
                indent(level + 1, into: out)
                if isObject {
                    out.append("\"")
                    out.append(tape.keyBytes(child)!)
                    out.append("\": ")
                }
                writePretty(tape, child, indent: level + 1, into: out, leading: false)
                child = tape.end(child)
            }
            if !first {
                out.append("\n")
                indent(level, into: out)
            }
            out.append(isObject ? "}" : "]")
        default:
            // The record's members are written at level 2.
            raw(tape, node, into: out, isMember: level == 2)
        }
    }
}
