import AcctCore

/// Follows the element events of a HISTORY_RECORDS document, keeps the
/// values of the current HISTORY, and hands each finished one on.
final class HistoryHandler: XMLEventHandler {
    /// The longest value kept (a HOSTNAME, a NAME, a number): far above
    /// any real one, and what a value costs at most, however long the
    /// document makes it.
    static let longestValue = 1 << 20

    /// The element at each open depth; only known places are classified,
    /// so the hundreds of template and monitoring keys cost one compare.
    private var stack: [HistoryElement] = []
    private var text: [UInt8] = []
    private var capturing = false
    /// Whether the value being read went past `longestValue`.
    private var overlong = false
    let record = HistoryRecord()
    /// The line of the current HISTORY's start tag, for messages.
    private(set) var recordLine = 0
    /// Called at each HISTORY end tag; returns false to stop reading.
    var onRecord: (HistoryHandler) -> Bool = { _ in true }
    /// The root element's name when it is not HISTORY_RECORDS.
    private(set) var wrongRoot: String?
    private(set) var shouldStop = false

    var openElements: Int { stack.count }

    /// The innermost open element this reader knows by name.
    var openElementName: String {
        if stack.count >= 2 && stack[1] == .history { return "HISTORY (begun at line \(recordLine))" }
        return stack.first == .root ? "HISTORY_RECORDS" : "the root element"
    }

    init() {
        stack.reserveCapacity(64)
        text.reserveCapacity(256)
    }

    func startElement(_ name: UnsafePointer<UInt8>, line: Int) {
        let element: HistoryElement
        if let parent = stack.last {
            element = HistoryElement.classify(name, in: parent)
        } else if String(cString: name) == "HISTORY_RECORDS" {
            element = .root
        } else {
            wrongRoot = String(cString: name)
            element = .other
        }
        stack.append(element)
        switch element {
        case .history:
            record.reset()
            recordLine = line
        case .vm:
            record.hasVM = true
        case .template:
            record.hasTemplate = true
        case .monitoring:
            record.hasMonitoring = true
        case .legacyNetRX, .legacyNetTX:
            record.hasLegacyCounters = true
        default:
            break
        }
        capturing = element.isValue
        if capturing {
            text.removeAll(keepingCapacity: true)
            overlong = false
        }
    }

    func endElement(line: Int) {
        guard let element = stack.popLast() else { return }
        if element.isValue {
            if overlong {
                record.report("\(element.sourceName): a value longer than \(Self.longestValue) bytes", line)
            } else {
                record.set(element, text, line: line)
            }
        } else if element == .history {
            if !onRecord(self) { shouldStop = true }
        }
        capturing = false
    }

    func characters(_ bytes: UnsafeRawBufferPointer) {
        guard capturing else { return }
        if text.count + bytes.count > Self.longestValue {
            overlong = true
        } else {
            text.append(contentsOf: bytes)
        }
    }
}
