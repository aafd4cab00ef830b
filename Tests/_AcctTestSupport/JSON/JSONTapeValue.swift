import AcctCore

extension JSONTape {
    /// The subtree at `node` as a JSONValue, read through the tape's public
    /// accessors: equal to what JSONParser gives for the same text, which
    /// is what the tape tests check.
    public func value(_ node: Int) -> JSONValue {
        switch kind(node) {
        case .null: return .null
        case .bool: return .bool(bool(node))
        case .int: return .int(integer(node))
        case .float: return .float(double(node))
        case .string: return .string(string(node))
        case .array:
            var elements: [JSONValue] = []
            var child = node + 1
            while child < end(node) {
                elements.append(value(child))
                child = end(child)
            }
            return .array(elements)
        case .object:
            var object = JSONObject()
            var child = node + 1
            while child < end(node) {
                object[key(child)!] = value(child)
                child = end(child)
            }
            return .object(object)
        }
    }
}
