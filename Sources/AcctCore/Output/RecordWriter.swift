/// Writes records, one line each, straight into a sink's buffer: every tool
/// that makes records (capnp-cat's machines, the importers, acct-slice's
/// rows and roll-ups) names each key as it goes, and no dictionary or
/// String is built per record. The line reaches the sink whole at `end()`.
public final class RecordWriter {
    public let sink: ByteSink
    /// The buffer the record is encoded into, for values written by hand
    /// (a sum that prints itself) and text before the record (a shuffle key).
    /// Held here, not read through the sink: that read would retain and
    /// release the buffer on every key.
    public let buffer: OutputBuffer
    @exclusivity(unchecked) @usableFromInline var first = true

    public init(sink: ByteSink) {
        self.sink = sink
        self.buffer = sink.buffer
    }

    /// Opens a record.
    @inlinable @inline(__always)
    public func begin() {
        buffer.append(UInt8(ascii: "{"))
        first = true
    }

    /// Closes the record, ends the line and hands it to the sink.
    @inlinable @inline(__always)
    public func end() throws(OutputError) {
        buffer.append("}\n")
        try sink.endRecord()
    }

    /// Members already encoded, `"k":v,"k2":v2` (a prefix shared by many
    /// records), copied as they stand.
    public func members(_ encoded: UnsafeRawBufferPointer) {
        guard !encoded.isEmpty else { return }
        if !first { buffer.append(UInt8(ascii: ",")) }
        buffer.append(encoded)
        first = false
    }

    /// The next member's key; its value follows. Inlined with the name a
    /// constant, the separator, quotes and name are one small fixed copy.
    @inlinable @inline(__always)
    public func key(_ name: StaticString) {
        key(UnsafeRawPointer(name.utf8Start), count: name.utf8CodeUnitCount)
    }

    /// A key given at run time (a `--by` name), escaped as JSON needs.
    public func key(_ name: String) {
        if !first { buffer.append(UInt8(ascii: ",")) }
        buffer.appendJSONString(name)
        buffer.append(UInt8(ascii: ":"))
        first = false
    }

    /// A key as it stood in an input record: its text between the quotes,
    /// escapes and all.
    @inlinable @inline(__always)
    public func key(encoded: UnsafeRawBufferPointer) {
        key(encoded.baseAddress, count: encoded.count)
    }

    /// `,"name":` (no comma first) in one reservation and one copy.
    @inlinable @inline(__always)
    func key(_ name: UnsafeRawPointer?, count n: Int) {
        let p = buffer.reserveTail(n + 4)
        var i = 0
        if !first {
            p[0] = UInt8(ascii: ",")
            i = 1
        }
        p[i] = UInt8(ascii: "\"")
        if n > 0 { UnsafeMutableRawPointer(p + i + 1).copyMemory(from: name!, byteCount: n) }
        p[i + 1 + n] = UInt8(ascii: "\"")
        p[i + 2 + n] = UInt8(ascii: ":")
        buffer.commit(i + 3 + n)
        first = false
    }

    public func string(_ name: StaticString, _ value: String) {
        key(name)
        buffer.appendJSONString(value)
    }

    /// A string from bytes; false when they were not valid UTF-8 (written
    /// with U+FFFD in their place).
    @inlinable @inline(__always) @discardableResult
    public func string(_ name: StaticString, bytes: UnsafeRawBufferPointer) -> Bool {
        key(name)
        return buffer.appendJSONString(bytes: bytes)
    }

    @inlinable @inline(__always)
    public func int(_ name: StaticString, _ value: Int64) {
        key(name)
        buffer.appendInt(value)
    }

    @inlinable @inline(__always)
    public func uint(_ name: StaticString, _ value: UInt64) {
        key(name)
        buffer.appendUInt(value)
    }

    @inlinable @inline(__always)
    public func double(_ name: StaticString, _ value: Double) {
        key(name)
        buffer.appendDouble(value)
    }

    /// A Float32 value as the shortest text for a Float32.
    @inlinable @inline(__always)
    public func float(_ name: StaticString, _ value: Float) {
        key(name)
        buffer.appendFloat(value)
    }

    @inlinable @inline(__always)
    public func bool(_ name: StaticString, _ value: Bool) {
        key(name)
        if value { buffer.append("true") } else { buffer.append("false") }
    }

    @inlinable @inline(__always)
    public func null(_ name: StaticString) {
        key(name)
        buffer.append("null")
    }

    /// An RFC 3339 UTC time from seconds since the epoch.
    public func time(_ name: StaticString, _ epoch: Int64) {
        key(name)
        time(epoch)
    }

    /// An RFC 3339 UTC time as the value of the key just written.
    public func time(_ epoch: Int64) {
        buffer.append(UInt8(ascii: "\""))
        RFC3339.format(epoch, into: buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    /// A number already checked to be JSON number text, copied as it stands
    /// (a source's `0.25` stays `0.25`, its `7` an integer).
    @inlinable @inline(__always)
    public func number(_ name: StaticString, text: UnsafeRawBufferPointer) {
        key(name)
        buffer.append(text)
    }

    /// A value as it stood in an input record (JSON text), as the value of
    /// the key just written.
    @inlinable @inline(__always)
    public func encoded(_ text: UnsafeRawBufferPointer) {
        buffer.append(text)
    }

    /// A string's text between its quotes as it stood in an input record
    /// (escapes and all), as the value of the key just written.
    @inlinable @inline(__always)
    public func encodedString(_ text: UnsafeRawBufferPointer) {
        let n = text.count
        let p = buffer.reserveTail(n + 2)
        p[0] = UInt8(ascii: "\"")
        if n > 0 { UnsafeMutableRawPointer(p + 1).copyMemory(from: text.baseAddress!, byteCount: n) }
        p[n + 1] = UInt8(ascii: "\"")
        buffer.commit(n + 2)
    }
}
