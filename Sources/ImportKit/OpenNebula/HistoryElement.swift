import AcctCore

/// The elements of a HISTORY_RECORDS document that acct-import reads, each
/// known by its place (its parent), so `UID` under HISTORY (who closed the
/// record) is not `UID` under VM (the owner), and a `SIZE` counts only
/// under a template DISK or a disk SNAPSHOT.
enum HistoryElement: UInt8 {
    case other
    case root, history, vm, template, monitoring, disk, snapshots, snapshot
    // HISTORY's own values.
    case oid, seq, hostname, hid, stime, etime, action, actionUID, reason
    // The VM snapshot's values.
    case owner, group, ownerName, groupName, name, legacyNetRX, legacyNetTX
    case cpu, vcpu, memory, netRX, netTX, diskSize, snapshotSize

    /// Whether the element holds a value (its text is kept).
    var isValue: Bool { rawValue >= HistoryElement.oid.rawValue }

    /// What the element `name` is, inside `parent`.
    static func classify(_ name: UnsafePointer<UInt8>, in parent: HistoryElement) -> HistoryElement {
        switch parent {
        case .other:
            return .other
        case .root:
            return matches(name, "HISTORY") ? .history : .other
        case .history:
            if matches(name, "OID") { return .oid }
            if matches(name, "SEQ") { return .seq }
            if matches(name, "HOSTNAME") { return .hostname }
            if matches(name, "HID") { return .hid }
            if matches(name, "STIME") { return .stime }
            if matches(name, "ETIME") { return .etime }
            if matches(name, "ACTION") { return .action }
            if matches(name, "UID") { return .actionUID }
            if matches(name, "REASON") { return .reason }
            if matches(name, "VM") { return .vm }
            return .other
        case .vm:
            if matches(name, "UID") { return .owner }
            if matches(name, "GID") { return .group }
            if matches(name, "UNAME") { return .ownerName }
            if matches(name, "GNAME") { return .groupName }
            if matches(name, "NAME") { return .name }
            if matches(name, "TEMPLATE") { return .template }
            if matches(name, "MONITORING") { return .monitoring }
            if matches(name, "SNAPSHOTS") { return .snapshots }
            if matches(name, "NET_RX") { return .legacyNetRX }
            if matches(name, "NET_TX") { return .legacyNetTX }
            return .other
        case .template:
            if matches(name, "CPU") { return .cpu }
            if matches(name, "VCPU") { return .vcpu }
            if matches(name, "MEMORY") { return .memory }
            if matches(name, "DISK") { return .disk }
            return .other
        case .monitoring:
            if matches(name, "NETRX") { return .netRX }
            if matches(name, "NETTX") { return .netTX }
            return .other
        case .disk:
            return matches(name, "SIZE") ? .diskSize : .other
        case .snapshots:
            return matches(name, "SNAPSHOT") ? .snapshot : .other
        case .snapshot:
            return matches(name, "SIZE") ? .snapshotSize : .other
        default:
            return .other
        }
    }


    private static func matches(_ name: UnsafePointer<UInt8>, _ candidate: StaticString) -> Bool {
        let count = candidate.utf8CodeUnitCount
        let bytes = candidate.utf8Start
        for i in 0..<count where name[i] != bytes[i] { return false }
        return name[count] == 0
    }
}
