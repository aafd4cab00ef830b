import Glibc

/// A growable byte buffer that records are encoded into before they are
/// written out.
///
/// A class, so a sink and the code that fills it share one buffer; the
/// allocation is reused for the life of the buffer, so encoding a record
/// allocates nothing once the buffer has grown to the largest record.
public final class OutputBuffer {
    // Every append touches these; the runtime exclusivity check on a class
    // property costs more than the append itself (measured: over half the
    // time of string encoding), and no access here can overlap another.
    @exclusivity(unchecked) @usableFromInline var storage: GrowableStorage<UInt8>
    @exclusivity(unchecked) @usableFromInline var used: Int

    /// Creates an empty buffer that can hold `capacity` bytes before growing.
    public init(capacity: Int = 4096) {
        storage = GrowableStorage(capacity: max(capacity, 16))
        used = 0
    }

    deinit {
        storage.free()
    }

    /// The first byte; valid until the buffer next grows.
    @inlinable var base: UnsafeMutablePointer<UInt8> { storage.base }

    /// The number of bytes in the buffer.
    @inlinable public var count: Int { used }

    /// The number of bytes the buffer holds before it grows.
    @inlinable public var capacity: Int { storage.capacity }

    /// Appends one byte.
    @inlinable @inline(__always)
    public func append(_ byte: UInt8) {
        if used == storage.capacity { grow(toHold: used + 1) }
        let base = storage.base
        base[used] = byte
        used += 1
    }

    /// Appends raw bytes.
    @inlinable
    public func append(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n > 0, let source = bytes.baseAddress else { return }
        if storage.capacity - used < n { grow(toHold: used + n) }
        UnsafeMutableRawPointer(storage.base + used).copyMemory(from: source, byteCount: n)
        used += n
    }

    /// Appends the UTF-8 bytes of a string literal (used for punctuation and
    /// fixed keys, which need no escaping and no String).
    @inlinable @inline(__always)
    public func append(_ string: StaticString) {
        guard string.hasPointerRepresentation else {
            // A one-character literal may be stored as a scalar, not bytes.
            return string.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
        }
        append(UnsafeRawBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
    }

    /// Appends the UTF-8 bytes of `string` as they are (no JSON quoting).
    public func append(contentsOf string: String) {
        var string = string
        string.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Empties the buffer; by default the allocation is kept for reuse.
    public func removeAll(keepingCapacity: Bool = true) {
        used = 0
        if !keepingCapacity && storage.capacity > 4096 { storage.reset(capacity: 4096) }
    }

    /// Drops the bytes after the first `count`, e.g. a record that failed
    /// half way through encoding.
    public func truncate(to count: Int) {
        precondition(count >= 0 && count <= used, "truncate(to:) beyond the buffer's end")
        used = count
    }

    /// Makes room for `additional` more bytes without further growth.
    public func reserveCapacity(additional: Int) {
        if storage.capacity - used < additional { grow(toHold: used + additional) }
    }

    /// Calls `body` with the buffer's bytes, valid only during the call.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: storage.base, count: used))
    }

    /// Space for at least `n` more bytes at the end; the caller writes into
    /// it and then calls `commit(_:)` with the number of bytes written. Lets
    /// encoders write digits and escapes in place instead of byte by byte.
    @inlinable @inline(__always)
    func reserveTail(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if storage.capacity - used < n { grow(toHold: used + n) }
        return storage.base + used
    }

    @inlinable @inline(__always)
    func commit(_ n: Int) {
        used += n
    }

    /// Drops the first `n` bytes; the rest move to the front (a partial
    /// flush of ByteSink, a separator a parallel run writes itself).
    public func removeFirst(_ n: Int) {
        precondition(n >= 0 && n <= used)
        if n == 0 { return }
        let rest = used - n
        if rest > 0 { memmove(base, base + n, rest) }
        used = rest
    }

    /// Growth stays out of line: the inlined appends only read the storage.
    @usableFromInline @inline(never)
    func grow(toHold needed: Int) {
        storage.reserve(needed, keeping: used)
    }
}
