import AcctCore
import Glibc

/// The metric kind of each key of a record, and a small integer for its
/// name, looked up by the key's raw bytes. Records of one stream mostly
/// share their keys in one order, so the last record's keys are checked by
/// position first; names are decoded once and roll-ups index arrays by
/// their number instead of hashing strings per record.
final class KeyKinds {
    /// A key's bytes sit in `storage` at `offset`: entries hold no array,
    /// so reading one costs no reference counting.
    private struct Entry {
        var offset: Int
        var count: Int
        var id: Int
        var kind: MetricKind?
    }

    private let vocabulary: Vocabulary
    /// Every raw key spelling seen, found by its bytes through `slots`, so
    /// a stream whose records change shape (a routeros machine between
    /// VMs) builds no String per key.
    private var entries = PODArray<Entry>()
    private var slots = [Int32](repeating: -1, count: 64)
    private var keyBytes = GrowableStorage<UInt8>(capacity: 1024)
    private var storageUsed = 0
    private var storage: UnsafeMutablePointer<UInt8> { keyBytes.base }
    /// The entry of the last record's key at each position.
    private var positions = PODArray<Int32>()
    /// Every name seen, by id.
    private(set) var names: [String] = []
    private var ids: [String: Int] = [:]

    init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    deinit {
        keyBytes.free()
        entries.free()
        positions.free()
    }

    /// The id and kind of the key at `position` among the record's members.
    /// `node` is the member in `tape`, whose decoded name is needed only
    /// the first time a key with escapes is seen.
    func lookup(_ key: UnsafeRawBufferPointer, at position: Int, node: Int, in tape: JSONTape) -> (id: Int, kind: MetricKind?) {
        if position < positions.count {
            let entry = entries[Int(positions[position])]
            if same(entry, key) { return (entry.id, entry.kind) }
        }
        let index = find(key, node, tape)
        while positions.count <= position { positions.append(0) }
        positions[position] = Int32(index)
        let entry = entries[index]
        return (entry.id, entry.kind)
    }

    /// The entry of `key`'s bytes, made on first sight.
    private func find(_ key: UnsafeRawBufferPointer, _ node: Int, _ tape: JSONTape) -> Int {
        var slot = Self.hash(key) & (slots.count - 1)
        while slots[slot] >= 0 {
            if same(entries[Int(slots[slot])], key) { return Int(slots[slot]) }
            slot = (slot + 1) & (slots.count - 1)
        }
        let name = key.contains(UInt8(ascii: "\\")) ? tape.key(node)! : String(decoding: key, as: UTF8.self)
        entries.append(Entry(offset: keep(key), count: key.count, id: id(of: name), kind: vocabulary.kind(of: name)))
        slots[slot] = Int32(entries.count - 1)
        if entries.count * 2 > slots.count { rehash() }
        return entries.count - 1
    }

    private func rehash() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for index in 0..<entries.count {
            let entry = entries[index]
            var slot = Self.hash(UnsafeRawBufferPointer(start: storage + entry.offset, count: entry.count)) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(index)
        }
    }

    /// FNV-1a: keys are short, and this needs no Hasher seed per call.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    func id(of name: String) -> Int {
        if let id = ids[name] { return id }
        ids[name] = names.count
        names.append(name)
        return names.count - 1
    }

    /// Copies a key's bytes into `storage`; returns where they start.
    private func keep(_ key: UnsafeRawBufferPointer) -> Int {
        keyBytes.reserve(storageUsed + key.count, keeping: storageUsed)
        let offset = storageUsed
        if let base = key.baseAddress { (storage + offset).update(from: base.assumingMemoryBound(to: UInt8.self), count: key.count) }
        storageUsed += key.count
        return offset
    }

    private func same(_ entry: Entry, _ key: UnsafeRawBufferPointer) -> Bool {
        entry.count == key.count && (key.isEmpty || memcmp(storage + entry.offset, key.baseAddress!, key.count) == 0)
    }
}
