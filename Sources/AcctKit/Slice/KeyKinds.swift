import Glibc

/// The metric kind of each key of a record, and a small integer for its
/// name, looked up by the key's raw bytes. Records of one stream mostly
/// share their keys in one order, so the last record's keys are checked by
/// position first; names are decoded once and roll-ups index arrays by
/// their number instead of hashing strings per record.
final class KeyKinds {
    private let vocabulary: Vocabulary
    private var keys: [[UInt8]] = []
    private var known: [(id: Int, kind: MetricKind?)] = []
    /// Every name seen, by id.
    private(set) var names: [String] = []
    private var ids: [String: Int] = [:]

    init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    /// The id and kind of the key at `position` among the record's members.
    func lookup(_ key: UnsafeRawBufferPointer, at position: Int, decoded: () -> String) -> (id: Int, kind: MetricKind?) {
        if position < keys.count && Self.same(keys[position], key) { return known[position] }
        let name = key.contains(UInt8(ascii: "\\")) ? decoded() : String(decoding: key, as: UTF8.self)
        let entry = (id(of: name), vocabulary.kind(of: name))
        if position < keys.count {
            keys[position] = Array(key)
            known[position] = entry
        } else {
            keys.append(Array(key))
            known.append(entry)
        }
        return entry
    }

    /// The id of a name, given one the first time it is seen.
    func id(of name: String) -> Int {
        if let id = ids[name] { return id }
        ids[name] = names.count
        names.append(name)
        return names.count - 1
    }

    private static func same(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.isEmpty || a.withUnsafeBytes { memcmp($0.baseAddress!, b.baseAddress!, a.count) == 0 })
    }
}
