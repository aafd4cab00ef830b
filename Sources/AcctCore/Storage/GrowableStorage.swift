/// Memory for plain values that grows by doubling: the one growth rule
/// behind every buffer the tools reuse from record to record (output bytes,
/// input lines, whole files, JSON tapes, CSV fields, key names, per-key
/// tables).
///
/// A plain value that owns nothing: its owner calls `free()` once. Reading
/// an element is a load, with none of Array's reference counting or
/// uniqueness checks. The start is 16-byte aligned whatever the element,
/// so a file read into bytes can be read in place as 8-byte words.
@frozen
public struct GrowableStorage<Element> {
    /// The first element; valid until the next `reserve` that grows.
    public private(set) var base: UnsafeMutablePointer<Element>
    /// How many elements fit before the storage grows.
    public private(set) var capacity: Int

    /// Allocates room for `capacity` elements (at least one).
    public init(capacity: Int) {
        self.capacity = Swift.max(capacity, 1)
        base = Self.allocate(self.capacity)
    }

    /// Makes room for at least `needed` elements, doubling until they fit;
    /// the first `count` elements move to the new memory.
    @inlinable @inline(__always)
    public mutating func reserve(_ needed: Int, keeping count: Int) {
        if needed > capacity { grow(needed, keeping: count) }
    }

    /// Like `reserve`, but the doubling stops at `ceiling` elements (or
    /// `needed`, when more): a buffer with a size limit is not allocated
    /// twice as large as it may ever be filled.
    public mutating func reserve(_ needed: Int, keeping count: Int, atMost ceiling: Int) {
        if needed > capacity { grow(needed, keeping: count, ceiling: Swift.max(ceiling, needed)) }
    }

    @usableFromInline @inline(never)
    mutating func grow(_ needed: Int, keeping count: Int, ceiling: Int = .max) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity &*= 2 }
        newCapacity = Swift.min(newCapacity, ceiling)
        MemoryLimit.reserve(newCapacity &* MemoryLayout<Element>.stride)
        let newBase = Self.allocate(newCapacity)
        newBase.moveInitialize(from: base, count: count)
        UnsafeMutableRawPointer(base).deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Shrinks back to `capacity` elements, dropping every element.
    public mutating func reset(capacity: Int) {
        UnsafeMutableRawPointer(base).deallocate()
        self.capacity = Swift.max(capacity, 1)
        base = Self.allocate(self.capacity)
    }

    /// Releases the memory; the storage is not used again.
    public func free() {
        UnsafeMutableRawPointer(base).deallocate()
    }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Element> {
        UnsafeMutableRawPointer.allocate(
            byteCount: count * MemoryLayout<Element>.stride,
            alignment: Swift.max(16, MemoryLayout<Element>.alignment)
        ).bindMemory(to: Element.self, capacity: count)
    }
}
