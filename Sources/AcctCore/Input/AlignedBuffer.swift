/// A growable byte buffer whose start is 16-byte aligned, for a whole file
/// that is read in place as words (Cap'n Proto needs 8-byte alignment).
///
/// Reused from file to file, so reading many files allocates only when a
/// file is larger than any before it.
public final class AlignedBuffer {
    /// The alignment of the buffer's start (GrowableStorage's).
    public static let alignment = 16

    /// The number of bytes in the buffer.
    public private(set) var count = 0

    /// The number of bytes the buffer holds before it grows.
    public var capacity: Int { storage.capacity }

    private var storage: GrowableStorage<UInt8>
    private var base: UnsafeMutableRawPointer { UnsafeMutableRawPointer(storage.base) }

    /// Creates an empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 0) {
        storage = GrowableStorage(capacity: max(capacity, 64))
    }

    deinit {
        storage.free()
    }

    /// The bytes in the buffer, valid until it next grows.
    public var bytes: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: base, count: count)
    }

    /// Empties the buffer, keeping its allocation.
    public func removeAll() {
        count = 0
    }

    /// Makes room for `additional` more bytes.
    public func reserveCapacity(additional: Int) {
        storage.reserve(count + additional, keeping: count)
    }

    /// Appends a copy of `bytes`.
    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserveCapacity(additional: bytes.count)
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// The free space after the bytes, for reading into.
    var unusedCapacity: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: base + count, count: capacity - count)
    }

    /// Counts `n` bytes written into `unusedCapacity` as part of the buffer.
    func didAppend(_ n: Int) {
        precondition(n >= 0 && count + n <= capacity)
        count += n
    }
}
