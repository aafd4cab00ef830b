/// Every raw key spelling seen in a stream, each given a small index, found
/// by its bytes as the line has them (escapes not decoded), so that a table
/// per key is read without building a String per key per record.
///
/// Records of one stream mostly share their keys in one order, so the
/// spelling that last followed the record's previous key is tried first: a
/// compare, no hashing. Following the previous key rather than counting
/// positions keeps a stream of two shapes (a router without `status` and
/// `image` between machines) to one miss per record, where the shift would
/// miss at every later position. Other spellings are found through an
/// open-addressing table.
public final class KeySpellings {
    /// A spelling's bytes sit in `bytes` at `offset`: entries hold no
    /// array, so reading one costs no reference counting.
    @usableFromInline struct Entry {
        @usableFromInline var offset: Int
        @usableFromInline var count: Int
    }

    @usableFromInline var entries = PODArray<Entry>()
    @usableFromInline var bytes = GrowableStorage<UInt8>(capacity: 1024)
    private var bytesUsed = 0
    private var slots = [Int32](repeating: -1, count: 64)
    /// The index of the spelling that last followed each one, at
    /// `previous + 1` (slot 0: the first key of a record); -1 for none.
    @usableFromInline var successors = PODArray<Int32>()
    /// Spellings beyond this many are not kept (`index` gives nil), so a
    /// stream of ever new keys cannot grow the table without end.
    private let limit: Int

    /// The number of spellings kept.
    public var count: Int { entries.count }

    public init(limit: Int = Int(Int32.max) - 1) {
        self.limit = min(limit, Int(Int32.max) - 1)
        successors.append(-1)
    }

    deinit {
        entries.free()
        bytes.free()
        successors.free()
    }

    /// The index of `key` and whether this is its first sight; nil for a
    /// new spelling once the table holds `limit` of them. `previous` is the
    /// index of the key before it in the record, or -1 for the first (or
    /// after a nil).
    @inlinable @inline(__always)
    public func index(of key: UnsafeRawBufferPointer, after previous: Int) -> (index: Int, isNew: Bool)? {
        let guess = Int(successors[previous &+ 1])
        if guess >= 0 && same(guess, key) { return (guess, false) }
        return find(key, after: previous)
    }

    /// The raw bytes of the spelling at `index`.
    @inlinable @inline(__always)
    public func spelling(_ index: Int) -> UnsafeRawBufferPointer {
        let entry = entries[index]
        return UnsafeRawBufferPointer(start: bytes.base + entry.offset, count: entry.count)
    }

    /// Whether the spelling at `index` is `key`. Keys are short: compared
    /// in place a word at a time, the last word overlapping the one before
    /// (a key of 4 to 7 bytes is two 4-byte words), with no call to memcmp
    /// and no loop over bytes; every load stays inside the key.
    @inlinable @inline(__always)
    public func same(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let entry = entries[index]
        let n = entry.count
        guard n == key.count else { return false }
        guard n > 0, let b = key.baseAddress else { return true }
        let a = UnsafeRawPointer(bytes.base + entry.offset)
        if n >= 8 {
            var i = 0
            while i &+ 8 < n {
                if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                    return false
                }
                i &+= 8
            }
            return a.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        }
        if n >= 4 {
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
        }
        // 1 to 3 bytes: the first, the middle and the last.
        let m = n >> 1
        return a.load(as: UInt8.self) == b.load(as: UInt8.self)
            && a.load(fromByteOffset: m, as: UInt8.self) == b.load(fromByteOffset: m, as: UInt8.self)
            && a.load(fromByteOffset: n &- 1, as: UInt8.self) == b.load(fromByteOffset: n &- 1, as: UInt8.self)
    }

    /// The slow path: the hash table, then a new entry.
    @usableFromInline @inline(never)
    func find(_ key: UnsafeRawBufferPointer, after previous: Int) -> (index: Int, isNew: Bool)? {
        var slot = Self.hash(key) & (slots.count - 1)
        var isNew = false
        while slots[slot] >= 0 {
            if same(Int(slots[slot]), key) { break }
            slot = (slot + 1) & (slots.count - 1)
        }
        if slots[slot] < 0 {
            guard entries.count < limit else { return nil }
            entries.append(Entry(offset: keep(key), count: key.count))
            successors.append(-1)
            slots[slot] = Int32(entries.count - 1)
            isNew = true
        }
        let index = Int(slots[slot])
        if entries.count * 2 > slots.count { rehash() }
        successors[previous + 1] = Int32(index)
        return (index, isNew)
    }

    private func rehash() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for index in 0..<entries.count {
            var slot = Self.hash(spelling(index)) & (slots.count - 1)
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

    /// Copies a key's bytes into `bytes`; returns where they start.
    private func keep(_ key: UnsafeRawBufferPointer) -> Int {
        bytes.reserve(bytesUsed + key.count, keeping: bytesUsed)
        let offset = bytesUsed
        if let base = key.baseAddress {
            (bytes.base + offset).update(from: base.assumingMemoryBound(to: UInt8.self), count: key.count)
        }
        bytesUsed += key.count
        return offset
    }
}
