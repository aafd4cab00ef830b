import AcctCore

/// The values of one HISTORY element as the reader meets them. One
/// instance is reused for every record, so the buffers keep their capacity
/// and a record costs no allocation.
final class HistoryRecord {
    var oid: Int64?
    var seq: Int64?
    var hid: Int64?
    var stime: Int64?
    var etime: Int64?
    var action: Int64?
    var actionUID: Int64?
    var reason: Int64?
    var owner: Int64?
    var group: Int64?
    var netRX: Int64?
    var netTX: Int64?
    var hasVM = false
    var hasTemplate = false
    var hasMonitoring = false
    /// The 3.6 layout's VM/NET_RX or VM/NET_TX, which hold the counters
    /// that MONITORING holds later.
    var hasLegacyCounters = false
    var diskMB: Int64 = 0
    var hostname = TextValue()
    var ownerName = TextValue()
    var groupName = TextValue()
    var name = TextValue()
    /// Template numbers kept as the source wrote them (`0.25` stays `0.25`).
    var cpu = TextValue()
    var vcpu = TextValue()
    var memory = TextValue()
    /// What is wrong with the first value that could not be read, and its line.
    var problem: (message: String, line: Int)?

    func reset() {
        oid = nil; seq = nil; hid = nil; stime = nil; etime = nil
        action = nil; actionUID = nil; reason = nil; owner = nil; group = nil
        netRX = nil; netTX = nil
        hasVM = false
        hasTemplate = false
        hasMonitoring = false
        hasLegacyCounters = false
        diskMB = 0
        hostname.clear(); ownerName.clear(); groupName.clear(); name.clear()
        cpu.clear(); vcpu.clear(); memory.clear()
        problem = nil
    }

    /// Keeps `text` (the element's whole content) as the value of `element`.
    func set(_ element: HistoryElement, _ text: [UInt8], line: Int) {
        text.withUnsafeBytes { set(element, FieldText.trimmed($0), line: line) }
    }

    private func set(_ element: HistoryElement, _ text: UnsafeRawBufferPointer, line: Int) {
        switch element {
        case .oid: oid = integer(text, element, line)
        case .seq: seq = integer(text, element, line)
        case .hid: hid = integer(text, element, line)
        case .stime: stime = integer(text, element, line)
        case .etime: etime = integer(text, element, line)
        case .action: action = integer(text, element, line)
        case .actionUID: actionUID = integer(text, element, line)
        case .reason: reason = integer(text, element, line)
        case .owner: owner = integer(text, element, line)
        case .group: group = integer(text, element, line)
        // An empty counter is none, as a missing one: oneacct's to_i reads 0 for both.
        case .netRX, .legacyNetRX: if !text.isEmpty { netRX = integer(text, element, line) }
        case .netTX, .legacyNetTX: if !text.isEmpty { netTX = integer(text, element, line) }
        case .diskSize, .snapshotSize:
            // An empty SIZE counts as 0, as oneacct's to_i does.
            guard !text.isEmpty, let size = integer(text, element, line) else { break }
            let (sum, overflow) = diskMB.addingReportingOverflow(size)
            if overflow {
                report("\(element.sourceName): the disk sizes add up to more than \(Int64.max) MiB", line)
            } else {
                diskMB = sum
            }
        case .hostname: hostname.set(text)
        case .ownerName: ownerName.set(text)
        case .groupName: groupName.set(text)
        case .name: name.set(text)
        case .cpu: number(text, into: &cpu, element, line)
        case .vcpu: number(text, into: &vcpu, element, line)
        case .memory: number(text, into: &memory, element, line)
        default: break
        }
    }

    /// The parts of the VM snapshot that oneacct reads columns from and
    /// that this HISTORY lacks, in document order; nil when none is.
    /// Without them oneacct prints `-` (VM: MEMORY to DISK; TEMPLATE:
    /// MEMORY and CPU; MONITORING: NETRX and NETTX), where a missing value
    /// inside them is 0 or empty.
    var missing: String? {
        guard hasVM else { return "VM" }
        switch (hasMonitoring || hasLegacyCounters, hasTemplate) {
        case (true, true): return nil
        case (false, true): return "VM/MONITORING"
        case (true, false): return "VM/TEMPLATE"
        case (false, false): return "VM/MONITORING VM/TEMPLATE"
        }
    }

    private func integer(_ text: UnsafeRawBufferPointer, _ element: HistoryElement, _ line: Int) -> Int64? {
        if let value = NumberText.int64(text) { return value }
        complain(text, element, line)
        return nil
    }

    private func number(_ text: UnsafeRawBufferPointer, into value: inout TextValue, _ element: HistoryElement, _ line: Int) {
        // An empty template value is as good as none (oneacct prints it empty).
        if text.isEmpty { return }
        if FieldText.isJSONNumber(text) {
            value.set(text)
        } else {
            complain(text, element, line)
        }
    }

    private func complain(_ text: UnsafeRawBufferPointer, _ element: HistoryElement, _ line: Int) {
        report("\(element.sourceName): not a number: '\(String(decoding: text.prefix(40), as: UTF8.self))'", line)
    }

    /// Keeps `message` unless an earlier value of the record had a problem.
    func report(_ message: String, _ line: Int) {
        if problem == nil { problem = (message, line) }
    }
}

/// A value's bytes and whether the element was there at all.
struct TextValue {
    private(set) var bytes: [UInt8] = []
    private(set) var isSet = false

    mutating func set(_ text: UnsafeRawBufferPointer) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: text)
        isSet = true
    }

    mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
        isSet = false
    }
}

extension HistoryElement {
    /// The element's path as the document spells it, for messages.
    var sourceName: String {
        switch self {
        case .oid: return "OID"
        case .seq: return "SEQ"
        case .hid: return "HID"
        case .stime: return "STIME"
        case .etime: return "ETIME"
        case .action: return "ACTION"
        case .actionUID: return "UID"
        case .reason: return "REASON"
        case .owner: return "VM/UID"
        case .group: return "VM/GID"
        case .netRX: return "VM/MONITORING/NETRX"
        case .netTX: return "VM/MONITORING/NETTX"
        case .legacyNetRX: return "VM/NET_RX"
        case .legacyNetTX: return "VM/NET_TX"
        case .diskSize: return "VM/TEMPLATE/DISK/SIZE"
        case .snapshotSize: return "VM/SNAPSHOTS/SNAPSHOT/SIZE"
        case .cpu: return "VM/TEMPLATE/CPU"
        case .vcpu: return "VM/TEMPLATE/VCPU"
        case .memory: return "VM/TEMPLATE/MEMORY"
        case .hostname: return "HOSTNAME"
        case .ownerName: return "VM/UNAME"
        case .groupName: return "VM/GNAME"
        case .name: return "VM/NAME"
        case .root: return "HISTORY_RECORDS"
        case .history: return "HISTORY"
        case .vm: return "VM"
        case .template: return "VM/TEMPLATE"
        case .monitoring: return "VM/MONITORING"
        case .disk: return "VM/TEMPLATE/DISK"
        case .snapshots: return "VM/SNAPSHOTS"
        case .snapshot: return "VM/SNAPSHOTS/SNAPSHOT"
        case .other: return "an element"
        }
    }
}
