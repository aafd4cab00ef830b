/// A growable array of plain values in memory the owner frees (`free()`):
/// reading an element is a load, with none of Array's reference counting
/// or uniqueness checks, for per-key tables read on every record.
public struct PODArray<Element> {
    @usableFromInline var storage = GrowableStorage<Element>(capacity: 16)
    public var count: Int { storedCount }
    @usableFromInline var storedCount = 0

    public init() {}

    @inlinable
    public subscript(index: Int) -> Element {
        get { storage.base[index] }
        nonmutating set {
            let base = storage.base
            base[index] = newValue
        }
    }

    @inlinable
    public mutating func append(_ element: Element) {
        storage.reserve(count + 1, keeping: count)
        (storage.base + storedCount).initialize(to: element)
        storedCount += 1
    }

    /// Forgets every element, keeping the memory for the next ones.
    @inlinable
    public mutating func removeAll() {
        storage.base.deinitialize(count: storedCount)
        storedCount = 0
    }

    /// Releases the memory; the array is not used again.
    public func free() {
        storage.base.deinitialize(count: count)
        storage.free()
    }
}
