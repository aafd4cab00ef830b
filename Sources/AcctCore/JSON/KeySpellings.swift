#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every raw key spelling seen in a stream, each given a small index, found
/// by its bytes as the line has them (escapes not decoded), so that a table
/// per key is read without building a String per key per record.
///
/// Records of one stream mostly share their keys in one order, so the
/// spelling last seen at a key's position is tried first: a memcmp, no
/// hashing. Other spellings are found through an open-addressing table.
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
    /// The index of the spelling last seen at each position.
    @usableFromInline var positions = PODArray<Int32>()
    /// Spellings beyond this many are not kept (`index` gives nil), so a
    /// stream of ever new keys cannot grow the table without end.
    private let limit: Int

    /// The number of spellings kept.
    public var count: Int { entries.count }

    public init(limit: Int = Int(Int32.max)) {
        self.limit = min(limit, Int(Int32.max))
    }

    deinit {
        entries.free()
        bytes.free()
        positions.free()
    }

    /// The index of `key` (seen at `position` among a record's keys) and
    /// whether this is its first sight; nil for a new spelling once the
    /// table holds `limit` of them.
    @inlinable @inline(__always)
    public func index(of key: UnsafeRawBufferPointer, at position: Int) -> (index: Int, isNew: Bool)? {
        if position < positions.count {
            let index = Int(positions[position])
            if same(index, key) { return (index, false) }
        }
        return find(key, at: position)
    }

    /// The raw bytes of the spelling at `index`.
    @inlinable @inline(__always)
    public func spelling(_ index: Int) -> UnsafeRawBufferPointer {
        let entry = entries[index]
        return UnsafeRawBufferPointer(start: bytes.base + entry.offset, count: entry.count)
    }

    @inlinable @inline(__always)
    func same(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let entry = entries[index]
        return entry.count == key.count && (key.isEmpty || memcmp(bytes.base + entry.offset, key.baseAddress!, key.count) == 0)
    }

    /// The slow path: the hash table, then a new entry.
    @usableFromInline @inline(never)
    func find(_ key: UnsafeRawBufferPointer, at position: Int) -> (index: Int, isNew: Bool)? {
        var slot = Self.hash(key) & (slots.count - 1)
        var isNew = false
        while slots[slot] >= 0 {
            if same(Int(slots[slot]), key) { break }
            slot = (slot + 1) & (slots.count - 1)
        }
        if slots[slot] < 0 {
            guard entries.count < limit else { return nil }
            entries.append(Entry(offset: keep(key), count: key.count))
            slots[slot] = Int32(entries.count - 1)
            isNew = true
        }
        let index = Int(slots[slot])
        if entries.count * 2 > slots.count { rehash() }
        while positions.count <= position { positions.append(0) }
        positions[position] = Int32(index)
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
