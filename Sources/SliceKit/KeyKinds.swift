import AcctCore

/// The metric kind of each key of a record, and a small integer for its
/// name, looked up by the key's raw bytes (KeySpellings): names are decoded
/// once, and roll-ups index arrays by their number instead of hashing
/// strings per record.
final class KeyKinds {
    /// What a spelling stands for: entries hold no array, so reading one
    /// costs no reference counting.
    private struct Entry {
        var id: Int
        var kind: MetricKind?
        var role: KeyRole
    }

    private let vocabulary: Vocabulary
    /// Every raw key spelling seen, so a stream whose records change shape
    /// (a routeros machine between VMs) builds no String per key.
    private let spellings = KeySpellings()
    /// The entry of each spelling, by its index in `spellings`.
    private var entries = PODArray<Entry>()
    /// Every name seen, by id.
    private(set) var names: [String] = []
    private var ids: [String: Int] = [:]

    init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    deinit { entries.free() }

    /// The spelling's index, id and kind of a key of a record, looked up
    /// in their order: `previous` is the spelling of the key before it, -1
    /// for the first. `node` is the member in `tape`, whose decoded name is
    /// needed only the first time a key with escapes is seen.
    @inline(__always)
    func lookup(_ key: UnsafeRawBufferPointer, after previous: Int, node: Int, in tape: JSONTape) -> (spelling: Int, id: Int, kind: MetricKind?, role: KeyRole) {
        // The table has no limit: every spelling gets an index.
        let (index, isNew) = spellings.index(of: key, after: previous)!
        if isNew { addEntry(key, node: node, in: tape) }
        let entry = entries[index]
        return (index, entry.id, entry.kind, entry.role)
    }

    /// Whether `key` is the spelling at `index`.
    @inline(__always)
    func isSpelling(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        spellings.same(index, key)
    }

    /// The entry of a spelling seen for the first time.
    @inline(never)
    private func addEntry(_ key: UnsafeRawBufferPointer, node: Int, in tape: JSONTape) {
        let name = key.contains(UInt8(ascii: "\\")) ? tape.key(node)! : String(decoding: key, as: UTF8.self)
        entries.append(Entry(id: id(of: name), kind: vocabulary.kind(of: name), role: KeyRole(spelling: key)))
    }

    func id(of name: String) -> Int {
        if let id = ids[name] { return id }
        ids[name] = names.count
        names.append(name)
        return names.count - 1
    }
}

/// What a key spelling is to slicing: the times and seconds are known by
/// their exact spelling (an escaped `"st\u0061rt"` is not the start), worked
/// out once per spelling rather than compared per record.
enum KeyRole {
    case start, end, seconds, other

    init(spelling key: UnsafeRawBufferPointer) {
        if key.elementsEqual("start".utf8) {
            self = .start
        } else if key.elementsEqual("end".utf8) {
            self = .end
        } else if key.elementsEqual("seconds".utf8) {
            self = .seconds
        } else {
            self = .other
        }
    }
}
