import Glibc

/// The metric kind of each key of a record, looked up by the key's raw
/// bytes. Records of one stream mostly share their keys in one order, so
/// remembering the last record's keys by position avoids building a String
/// per key per record.
final class KeyKinds {
    private let vocabulary: Vocabulary

    private static func same(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.isEmpty || a.withUnsafeBytes { memcmp($0.baseAddress!, b.baseAddress!, a.count) == 0 })
    }
    private var keys: [[UInt8]] = []
    private var known: [(name: String, kind: MetricKind?)] = []

    init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    /// The name (decoded once) and kind of the key at `position` among the
    /// record's members.
    func lookup(_ key: UnsafeRawBufferPointer, at position: Int, decoded: () -> String) -> (name: String, kind: MetricKind?) {
        if position < keys.count && Self.same(keys[position], key) { return known[position] }
        let name = key.contains(UInt8(ascii: "\\")) ? decoded() : String(decoding: key, as: UTF8.self)
        let entry = (name, vocabulary.kind(of: name))
        if position < keys.count {
            keys[position] = Array(key)
            known[position] = entry
        } else {
            keys.append(Array(key))
            known.append(entry)
        }
        return entry
    }
}
