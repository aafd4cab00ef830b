import AcctCore

/// A well-formed XML document: `<records>` with a `<record>` per record and
/// an element per key (nested objects nest, array items repeat the
/// element, an object with nothing to show is an empty element). A key
/// that is not an XML name becomes `<field name="KEY">`.
final class XMLFormatter: RecordFormatter {
    private let sink: ByteSink
    private let options: FormatOptions
    private var columns: [String] = []
    private var started = false
    private let zone: DisplayZone

    init(sink: ByteSink, options: FormatOptions) {
        self.sink = sink
        self.options = options
        zone = DisplayZone(options.common.zone)
    }

    func begin(columns: [String]) throws(OutputError) {
        self.columns = columns
        sink.buffer.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n")
        started = true
    }

    func write(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError) {
        try write(tape, nodes: nodes, everyKey: options.columns == nil)
    }

    /// The total row, a record of the figures and `<total>true</total>`.
    func writeTotal(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError) {
        try write(tape, nodes: nodes, everyKey: true)
    }

    var wantsTotalRecord: Bool { true }

    private func write(_ tape: JSONTape, nodes: [Int?], everyKey: Bool) throws(OutputError) {
        let out = sink.buffer
        if everyKey {
            if Self.isEmpty(tape, JSONTape.root) {
                out.append("  <record/>\n")
            } else {
                out.append("  <record>\n")
                var child = JSONTape.root + 1
                while child < tape.end(JSONTape.root) {
                    element(Array(tape.key(child)!.utf8), tape, child, depth: 2, into: out)
                    child = tape.end(child)
                }
                out.append("  </record>\n")
            }
        } else if !nodes.contains(where: { $0.map { Self.makesElement(tape, $0) } ?? false }) {
            out.append("  <record/>\n")
        } else {
            out.append("  <record>\n")
            for (name, node) in zip(columns, nodes) {
                guard let node else { continue }
                element(Array(name.utf8), tape, node, depth: 2, into: out)
            }
            out.append("  </record>\n")
        }
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
            name.withUnsafeBytes { Self.text($0, into: out, attribute: true) }
            out.append("\"")
        }
        switch tape.kind(node) {
        case .null:
            out.append("/>\n")
            return
        case .object:
            if Self.isEmpty(tape, node) {
                out.append("/>\n")
                return
            }
            out.append(">\n")
            var child = node + 1
            while child < tape.end(node) {
                element(Array(tape.key(child)!.utf8), tape, child, depth: depth + 1, into: out)
                child = tape.end(child)
            }
            for _ in 0..<depth { out.append("  ") }
        case .string:
            out.append(">")
            // Only the record's own times: its members are at depth 2.
            if depth == 2, let time = CellText.timeToRewrite(tape, node, in: zone) {
                zone.write(time, into: out)
            } else {
                tape.withStringBytes(node) { Self.text($0, into: out, attribute: false) }
            }
        case .float where options.precision != nil:
            out.append(">")
            out.append(contentsOf: DecimalPlaces.text(tape.rawBytes(node), places: options.precision!))
        default:
            out.append(">")
            out.append(tape.rawBytes(node))
        }
        out.append("</")
        if valid { name.withUnsafeBytes { out.append($0) } } else { out.append("field") }
        out.append(">\n")
    }

    /// Whether a value writes at least one element: anything but an array
    /// whose items (arrays in turn) write none.
    static func makesElement(_ tape: JSONTape, _ node: Int) -> Bool {
        guard tape.kind(node) == .array else { return true }
        var item = node + 1
        while item < tape.end(node) {
            if makesElement(tape, item) { return true }
            item = tape.end(item)
        }
        return false
    }

    /// Whether an object writes no element inside: `{}`, or only keys of
    /// empty arrays. It is then written as an empty element, `<tags/>`.
    static func isEmpty(_ tape: JSONTape, _ object: Int) -> Bool {
        var child = object + 1
        while child < tape.end(object) {
            if makesElement(tape, child) { return false }
            child = tape.end(child)
        }
        return true
    }

    /// XML 1.0 text: markup characters escaped; a carriage return as a
    /// character reference (a parser turns a literal one into a newline),
    /// and in an attribute TAB and newline too (a parser turns them into
    /// spaces); characters XML 1.0 does not allow at all, the C0 controls
    /// but those three and U+FFFE and U+FFFF (DEL too, which it
    /// discourages), as U+FFFD.
    static func text(_ bytes: UnsafeRawBufferPointer, into out: OutputBuffer, attribute: Bool) {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "&"): out.append("&amp;")
            case UInt8(ascii: "<"): out.append("&lt;")
            case UInt8(ascii: ">"): out.append("&gt;")
            case UInt8(ascii: "\"") where attribute: out.append("&quot;")
            case 13: out.append("&#13;")
            case 9 where attribute: out.append("&#9;")
            case 10 where attribute: out.append("&#10;")
            case 9, 10: out.append(byte)
            case 0..<32, 0x7F: out.append("\u{FFFD}")
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE:
                // U+FFFE, U+FFFF (EF BF BE, EF BF BF)
                out.append("\u{FFFD}")
                i += 2
            default: out.append(byte)
            }
            i += 1
        }
    }

    /// A name XML 1.0 allows (its Name production) without a colon, which
    /// namespaces reserve, and not beginning with `xml` in any case, which
    /// the standard reserves.
    static func isName(_ name: [UInt8]) -> Bool {
        guard !name.isEmpty else { return false }
        if name.count >= 3 && name[0...2].map({ $0 | 0x20 }) == Array("xml".utf8) { return false }
        if name.allSatisfy({ $0 < 0x80 }) {
            return isNameStart(UInt32(name[0])) && name.dropFirst().allSatisfy { isNameCharacter(UInt32($0)) }
        }
        let scalars = String(decoding: name, as: UTF8.self).unicodeScalars
        return isNameStart(scalars.first!.value) && scalars.dropFirst().allSatisfy { isNameCharacter($0.value) }
    }

    /// XML 1.0's NameStartChar, less `:`.
    static func isNameStart(_ v: UInt32) -> Bool {
        switch v {
        case 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
            0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
            0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    /// XML 1.0's NameChar, less `:`.
    static func isNameCharacter(_ v: UInt32) -> Bool {
        switch v {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return isNameStart(v)
        }
    }
}
