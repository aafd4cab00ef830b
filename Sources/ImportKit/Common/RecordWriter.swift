import AcctKit

/// Writes one record line at a time straight into the output buffer: the
/// importers name each key as they go, and no dictionary or String is
/// built per record.
public final class RecordWriter {
    public let sink: ByteSink
    private var buffer: OutputBuffer { sink.buffer }
    private var first = true

    public init(sink: ByteSink) {
        self.sink = sink
    }

    public func begin() {
        buffer.append(UInt8(ascii: "{"))
        first = true
    }

    /// Ends the line and hands it to the sink.
    public func end() throws(OutputError) {
        buffer.append("}\n")
        try sink.endRecord()
    }

    public func key(_ name: StaticString) {
        buffer.append(first ? "\"" : ",\"")
        buffer.append(name)
        buffer.append("\":")
        first = false
    }

    public func string(_ name: StaticString, _ value: String) {
        key(name)
        buffer.appendJSONString(value)
    }

    public func string(_ name: StaticString, bytes: UnsafeRawBufferPointer) {
        key(name)
        buffer.appendJSONString(bytes: bytes)
    }

    public func int(_ name: StaticString, _ value: Int64) {
        key(name)
        buffer.appendInt(value)
    }

    public func double(_ name: StaticString, _ value: Double) {
        key(name)
        buffer.appendDouble(value)
    }

    public func null(_ name: StaticString) {
        key(name)
        buffer.append("null")
    }

    /// An RFC 3339 UTC time from seconds since the epoch.
    public func time(_ name: StaticString, _ epoch: Int64) {
        key(name)
        buffer.append(UInt8(ascii: "\""))
        RFC3339.format(epoch, into: buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    /// A number already checked to be JSON number text, copied as it stands
    /// (a source's `0.25` stays `0.25`, its `7` an integer).
    public func number(_ name: StaticString, text: UnsafeRawBufferPointer) {
        key(name)
        buffer.append(text)
    }
}
