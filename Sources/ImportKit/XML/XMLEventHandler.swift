import AcctCore

/// What a streaming XML reader reports, element by element. Names are the
/// parser's own NUL-terminated bytes, valid only during the call.
protocol XMLEventHandler: AnyObject {
    func startElement(_ name: UnsafePointer<UInt8>, line: Int)
    func endElement(line: Int)
    /// Text or CDATA content, possibly in several pieces for one element.
    func characters(_ bytes: UnsafeRawBufferPointer)
    /// Whether to stop reading now (an output error the handler holds, or
    /// --strict after a bad record); checked after each end tag.
    var shouldStop: Bool { get }
    /// How many elements are open (0 once the root has ended).
    var openElements: Int { get }
    /// The innermost open element, for messages.
    var openElementName: String { get }
}
