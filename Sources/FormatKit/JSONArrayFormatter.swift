import AcctCore

/// One JSON array of the records: each record as it stands in the input
/// (only the `-o` keys when given), one to a line, or indented with --pretty.
final class JSONArrayFormatter: StreamingFormatter {
    private let sink: ByteSink
    private let options: FormatOptions
    private var columns: [String] = []
    private var count = 0

    init(sink: ByteSink, options: FormatOptions) {
        self.sink = sink
        self.options = options
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
        } else if options.columns == nil && !Self.hasTimeToRewrite(tape) {
            out.append(line)
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

    func finish() throws(OutputError) {
        sink.buffer.append(count == 0 ? "[]\n" : "\n]\n")
        try sink.endRecord()
    }

    private static func hasTimeToRewrite(_ tape: JSONTape) -> Bool {
        var child = JSONTape.root + 1
        while child < tape.end(JSONTape.root) {
            if CellText.timeToRewrite(tape, child) != nil { return true }
            child = tape.end(child)
        }
        return false
    }

    /// A value as it stands, but a time key with an offset in UTC.
    private func raw(_ tape: JSONTape, _ node: Int, into out: OutputBuffer) {
        if let time = CellText.timeToRewrite(tape, node) {
            out.append("\"")
            RFC3339.format(time, into: out)
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
            raw(tape, node, into: out)
        }
    }
}
