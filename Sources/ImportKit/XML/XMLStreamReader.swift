import AcctCore
import CXMLStream

/// Feeds an input to libxml2's SAX2 push parser a chunk at a time, so a
/// document of any size is read in flat memory: no tree is built, only the
/// element events reach the handler.
final class XMLStreamReader {
    /// The first error that stopped the parse, with its line.
    struct Failure: Error {
        let line: Int
        let message: String
        /// Whether the document is not well-formed (libxml2's finding),
        /// rather than over one of the reader's limits.
        var notWellFormed = true
    }

    private let handler: XMLEventHandler

    /// What the C callbacks get back: a plain class reference, so no
    /// dynamic cast runs per event.
    private final class Box {
        let handler: XMLEventHandler
        /// Set once the parser exists: a handler that asks to stop (an
        /// output error, --strict) stops it at once, not at the chunk's end.
        var stream: OpaquePointer?
        init(_ handler: XMLEventHandler) { self.handler = handler }
    }

    init(handler: XMLEventHandler) {
        self.handler = handler
    }

    /// Reads `source` to its end. Throws the input's own read error
    /// (`InputError`); a document that is not well-formed comes back as a
    /// `Failure`, everything before it already handed on.
    func read(_ source: ByteSource) throws(InputError) -> Failure? {
        var callbacks = acct_xml_callbacks(
            start: { user, name, line in
                Unmanaged<Box>.fromOpaque(user!)._withUnsafeGuaranteedRef { $0.handler.startElement(name!, line: Int(line)) }
            },
            end: { user, line in
                Unmanaged<Box>.fromOpaque(user!)._withUnsafeGuaranteedRef { box in
                    box.handler.endElement(line: Int(line))
                    if box.handler.shouldStop, let stream = box.stream { acct_xml_stop(stream) }
                }
            },
            text: { user, bytes, count in
                Unmanaged<Box>.fromOpaque(user!)._withUnsafeGuaranteedRef { $0.handler.characters(UnsafeRawBufferPointer(start: bytes, count: Int(count))) }
            })
        let box = Box(handler)
        let user = Unmanaged.passUnretained(box).toOpaque()
        guard let stream = acct_xml_open(&callbacks, user) else {
            return Failure(line: 0, message: "libxml2 could not start a parser")
        }
        box.stream = stream
        defer { acct_xml_close(stream); withExtendedLifetime(box) {} }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: ByteSource.chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var total = 0
        while !handler.shouldStop {
            let count = try source.read(into: chunk)
            total += count
            let base = chunk.baseAddress!.assumingMemoryBound(to: CChar.self)
            let status = acct_xml_feed(stream, base, Int32(count), count == 0 ? 1 : 0)
            if handler.shouldStop { return nil }
            if status != 0 || count == 0 {
                return failure(stream, total: total, ended: count == 0)
            }
        }
        return nil
    }

    private func failure(_ stream: OpaquePointer, total: Int, ended: Bool) -> Failure? {
        if total == 0 { return Failure(line: 1, message: "the input is empty") }
        var line: Int32 = 0
        var own: Int32 = 0
        guard let message = acct_xml_error(stream, &line, &own) else { return nil }
        // libxml2's push parser calls a cut document "extra content at the
        // end"; what the user needs to hear is that it was cut.
        if ended && handler.openElements > 0 {
            return Failure(line: Int(line), message: "the document ends inside \(handler.openElementName) (truncated?)")
        }
        return Failure(line: Int(line), message: String(cString: message), notWellFormed: own == 0)
    }
}
