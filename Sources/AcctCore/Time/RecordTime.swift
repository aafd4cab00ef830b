/// A record's times as the tools read them: the `start` and `end` keys,
/// RFC 3339 strings with an offset.
extension JSONTape {
    /// The instant a string node holds in RFC 3339, or nil.
    public func time(_ node: Int) -> Int64? {
        guard kind(node) == .string else { return nil }
        return withStringBytes(node) { RFC3339.parse($0) }
    }

    /// Whether the node is a member named `start` or `end`.
    public func isTimeKey(_ node: Int) -> Bool {
        guard let key = keyBytes(node) else { return false }
        return key.elementsEqual("start".utf8) || key.elementsEqual("end".utf8)
    }
}
