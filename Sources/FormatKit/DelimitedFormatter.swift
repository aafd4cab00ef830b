import AcctCore

/// CSV (RFC 4180: fields with a comma, quote or line break in quotes,
/// quotes doubled, CRLF-free `\n` lines) or TSV (`mysql -B` style: tab,
/// newline, carriage return and backslash escaped as `\t \n \r \\`), with
/// a header of the keys, numbers as they stand in the stream (floats with
/// the decimals of --precision when given) and times in RFC 3339 with the
/// display zone's offset (`Z` in UTC). Keys and text values that a spreadsheet would run as a
/// formula get a leading apostrophe (`FormulaText`) unless `neutralize` is
/// off; numbers, booleans, times and JSON text never begin with one.
final class DelimitedFormatter: StreamingFormatter {
    private let sink: ByteSink
    private let options: FormatOptions
    private let separator: UInt8
    private let neutralize: Bool
    private let zone: DisplayZone
    private var columns: [String] = []

    init(sink: ByteSink, options: FormatOptions, tabs: Bool) {
        self.sink = sink
        self.options = options
        separator = tabs ? 9 : UInt8(ascii: ",")
        neutralize = options.neutralize
        zone = DisplayZone(options.common.zone)
    }

    func begin(columns: [String]) throws(OutputError) {
        self.columns = columns
        guard options.header else { return }
        for (i, name) in columns.enumerated() {
            if i > 0 { sink.buffer.append(separator) }
            var name = name
            name.withUTF8 { text(UnsafeRawBufferPointer($0)) }
        }
        sink.buffer.append("\n")
        try sink.endRecord()
    }

    func resume(columns: [String], afterRows rows: Int) {
        self.columns = columns
    }

    func write(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError) {
        let out = sink.buffer
        for (i, node) in nodes.enumerated() {
            if i > 0 { out.append(separator) }
            guard let node else { continue }
            switch tape.kind(node) {
            case .string:
                if tape.isTimeKey(node), let time = tape.time(node) {
                    zone.write(time, into: out)
                } else {
                    tape.withStringBytes(node) { text($0) }
                }
            case .null:
                continue
            case .object, .array:
                field(tape.rawBytes(node))
            case .float where options.precision != nil:
                out.append(contentsOf: DecimalPlaces.text(tape.rawBytes(node), places: options.precision!))
            default:
                out.append(tape.rawBytes(node))
            }
        }
        out.append("\n")
        try sink.endRecord()
    }

    func finish() throws(OutputError) {}

    /// A key or a string value: neutralised, then quoted or escaped.
    @inline(__always)
    private func text(_ bytes: UnsafeRawBufferPointer) {
        Self.field(bytes, tabs: separator == 9, apostrophe: neutralize && FormulaText.isFormula(bytes), into: sink.buffer)
    }

    private func field(_ bytes: UnsafeRawBufferPointer) {
        Self.field(bytes, tabs: separator == 9, into: sink.buffer)
    }

    /// One field: TSV's escapes, or RFC 4180's quotes when the field holds
    /// a comma, a quote or a line break; with `apostrophe`, the field
    /// begins with one, inside the quotes.
    static func field(_ bytes: UnsafeRawBufferPointer, tabs: Bool, apostrophe: Bool = false, into out: OutputBuffer) {
        if tabs {
            if apostrophe { out.append(FormulaText.apostrophe) }
            for byte in bytes {
                switch byte {
                case 9: out.append("\\t")
                case 10: out.append("\\n")
                case 13: out.append("\\r")
                case 92: out.append("\\\\")
                default: out.append(byte)
                }
            }
            return
        }
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == 34 || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            if apostrophe { out.append(FormulaText.apostrophe) }
            return out.append(bytes)
        }
        out.append(34)
        if apostrophe { out.append(FormulaText.apostrophe) }
        for byte in bytes {
            if byte == 34 { out.append(34) }
            out.append(byte)
        }
        out.append(34)
    }
}
