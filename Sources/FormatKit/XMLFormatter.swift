import AcctCore

/// A well-formed XML document: `<records>` with a `<record>` per record and
/// an element per key (nested objects nest, array items repeat the
/// element). A key that is not an XML name becomes `<field name="KEY">`.
final class XMLFormatter: RecordFormatter {
    private let sink: ByteSink
    private let options: FormatOptions
    private var columns: [String] = []
    private var started = false

    init(sink: ByteSink, options: FormatOptions) {
        self.sink = sink
        self.options = options
    }

    func begin(columns: [String]) throws(OutputError) {
        self.columns = columns
        sink.buffer.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n")
        started = true
    }

    func write(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError) {
        let out = sink.buffer
        out.append("  <record>\n")
        if options.columns == nil {
            var child = JSONTape.root + 1
            while child < tape.end(JSONTape.root) {
                element(Array(tape.key(child)!.utf8), tape, child, depth: 2, into: out)
                child = tape.end(child)
            }
        } else {
            for (name, node) in zip(columns, nodes) {
                guard let node else { continue }
                element(Array(name.utf8), tape, node, depth: 2, into: out)
            }
        }
        out.append("  </record>\n")
        try sink.endRecord()
    }

    func finish() throws(OutputError) {
        if !started { sink.buffer.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n") }
        sink.buffer.append("</records>\n")
        try sink.endRecord()
    }

    private func element(_ name: [UInt8], _ tape: JSONTape, _ node: Int, depth: Int, into out: OutputBuffer) {
        if tape.kind(node) == .array {
            var item = node + 1
            while item < tape.end(node) {
                element(name, tape, item, depth: depth, into: out)
                item = tape.end(item)
            }
            return
        }
        for _ in 0..<depth { out.append("  ") }
        let valid = Self.isName(name)
        out.append("<")
        if valid {
            name.withUnsafeBytes { out.append($0) }
        } else {
            out.append("field name=\"")
            name.withUnsafeBytes { text($0, into: out, attribute: true) }
            out.append("\"")
        }
        switch tape.kind(node) {
        case .null:
            out.append("/>\n")
            return
        case .object:
            out.append(">\n")
            var child = node + 1
            while child < tape.end(node) {
                element(Array(tape.key(child)!.utf8), tape, child, depth: depth + 1, into: out)
                child = tape.end(child)
            }
            for _ in 0..<depth { out.append("  ") }
        case .string:
            out.append(">")
            if let time = CellText.timeToRewrite(tape, node) {
                RFC3339.format(time, into: out)
            } else {
                tape.withStringBytes(node) { text($0, into: out, attribute: false) }
            }
        default:
            out.append(">")
            out.append(tape.rawBytes(node))
        }
        out.append("</")
        if valid { name.withUnsafeBytes { out.append($0) } } else { out.append("field") }
        out.append(">\n")
    }

    /// XML 1.0 text: markup characters escaped, control characters other
    /// than tab and line ends (not allowed in XML 1.0) as U+FFFD.
    private func text(_ bytes: UnsafeRawBufferPointer, into out: OutputBuffer, attribute: Bool) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): out.append("&amp;")
            case UInt8(ascii: "<"): out.append("&lt;")
            case UInt8(ascii: ">"): out.append("&gt;")
            case UInt8(ascii: "\"") where attribute: out.append("&quot;")
            case 9, 10, 13: if attribute { out.append(contentsOf: "&#\(byte);") } else { out.append(byte) }
            case 0..<32, 0x7F: out.append("\u{FFFD}")
            default: out.append(byte)
            }
        }
    }

    /// A name XML allows and does not reserve: a letter or `_` first, then
    /// letters, digits, `-`, `.`, `_`; not beginning with `xml`; no `:`.
    static func isName(_ name: [UInt8]) -> Bool {
        guard let first = name.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        if name.count >= 3 && name[0...2].map({ $0 | 0x20 }) == Array("xml".utf8) { return false }
        return name.allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") }
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0x80 }
}
