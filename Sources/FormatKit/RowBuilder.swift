import AcctCore
import ExprKit

/// The row of a record when `-o` computes columns: a JSON object of the
/// columns, in order, each the record's own value of its key or the value
/// of its expression, parsed into a tape of its own so that every format
/// renders it as it renders a record.
///
/// A number that is NaN or infinite has no place in a bill: it is
/// reported at the record's FILE:LINE, naming the column, and the cell is
/// left empty. The buffer and the tape are reused from row to row.
final class RowBuilder {
    private let columns: [String]
    private let expressions: [Expression?]
    private let buffer = OutputBuffer()
    let tape = JSONTape()

    init(columns: [String], computed: [String: Expression]) {
        self.columns = columns
        expressions = columns.map { computed[$0] }
    }

    /// The text of the last row built.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try buffer.withUnsafeBytes(body)
    }

    /// Builds the row of the record in `record` into `tape`; `report` is
    /// called with what is wrong with a computed value and says whether to
    /// go on (false under --strict).
    func build(_ record: JSONTape, report: (String) -> Bool) -> Bool {
        buffer.removeAll()
        buffer.append(UInt8(ascii: "{"))
        var goOn = true
        var first = true
        for (name, expression) in zip(columns, expressions) {
            guard let expression else {
                if let node = record.member(JSONTape.root, named: name) {
                    buffer.appendJSONKey(name, first: &first)
                    Self.copy(record, node, into: buffer)
                }
                continue
            }
            switch expression.value(record) {
            case let .number(x, exact):
                if let exact {
                    buffer.appendJSONKey(name, first: &first)
                    buffer.appendInteger(exact)
                } else if x.isFinite {
                    buffer.appendJSONKey(name, first: &first)
                    buffer.appendDouble(x)
                } else if goOn {
                    goOn = report(x.isNaN
                        ? "column '\(name)' is NaN (a key it reads is missing or not a number, or 0 div 0): its cell is empty"
                        : "column '\(name)' is infinite (a division by zero, or past the largest double): its cell is empty")
                }
            case .string(let bytes):
                buffer.appendJSONKey(name, first: &first)
                bytes.withUnsafeBytes { _ = buffer.appendJSONString(bytes: $0) }
            case .boolean(let b):
                buffer.appendJSONKey(name, first: &first)
                buffer.append(b ? "true" : "false")
            case .node(let node):
                if let node {
                    buffer.appendJSONKey(name, first: &first)
                    Self.copy(record, node, into: buffer)
                }
            }
        }
        buffer.append(UInt8(ascii: "}"))
        // The row is well-formed JSON by construction.
        buffer.withUnsafeBytes { try? tape.parse($0) }
        return goOn
    }

    /// A value of `tape` as JSON text.
    static func copy(_ tape: JSONTape, _ node: Int, into out: OutputBuffer) {
        if tape.kind(node) == .string {
            out.append(UInt8(ascii: "\""))
            out.append(tape.rawBytes(node))
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(tape.rawBytes(node))
        }
    }
}
