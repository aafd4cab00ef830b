/// A growable array of plain values in memory the owner frees (`free()`):
/// reading an element is a load, with none of Array's reference counting
/// or uniqueness checks, for per-key tables read on every record.
struct PODArray<Element> {
    private var base = UnsafeMutablePointer<Element>.allocate(capacity: 16)
    private var capacity = 16
    private(set) var count = 0

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    mutating func append(_ element: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Releases the memory; the array is not used again.
    func free() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
