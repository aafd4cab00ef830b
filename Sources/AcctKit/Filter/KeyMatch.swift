/// One of acct-filter's key flags (`-a 6,7`): the record matches when any
/// of the keys holds any of the values. A value matches a string with the
/// same text and a number with the same value, so `-u 6` finds both
/// `"user": 6` and `"user": "6"`.
public struct KeyMatch {
    struct Value {
        let bytes: [UInt8]
        let integer: Int64?
        let number: Double?
    }

    let keys: [[UInt8]]
    let values: [Value]

    /// `keys` are tried in order (`user`, then `uname`); `values` is the
    /// flag's comma list.
    public init(keys: [String], values: [String]) {
        self.keys = keys.map { Array($0.utf8) }
        self.values = values.map { text in
            let bytes = Array(text.utf8)
            let number = bytes.withUnsafeBytes { ExprText.number($0) }
            return Value(bytes: bytes, integer: number.exact, number: number.0.isNaN ? nil : number.0)
        }
    }

    func matches(_ tape: JSONTape) -> Bool {
        for key in keys {
            let found = key.withUnsafeBytes { tape.member(JSONTape.root, named: $0) }
            if let node = found, values.contains(where: { matches(node, $0, tape) }) { return true }
        }
        return false
    }

    private func matches(_ node: Int, _ value: Value, _ tape: JSONTape) -> Bool {
        switch tape.kind(node) {
        case .string:
            return tape.withStringBytes(node) { $0.elementsEqual(value.bytes) }
        case .int:
            if let integer = value.integer { return tape.int64(node) == integer }
            return value.number == Double(tape.int64(node))
        case .float:
            return value.number == tape.double(node)
        default:
            return false
        }
    }
}
