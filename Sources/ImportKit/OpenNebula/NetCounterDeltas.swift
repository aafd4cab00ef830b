import AcctCore

/// Turns the cumulative NETRX/NETTX a VM's records show into what each
/// record added. oneacct lists a VM's records together, in order (vid,
/// seq), so only the VM before is remembered and memory stays flat however
/// many VMs a document holds.
struct NetCounterDeltas {
    private var vm: Int64?
    private var lastRX: Int64?
    private var lastTX: Int64?

    /// What a counter added since the record before, and the value before
    /// when it went back (a reset: the hypervisor restarted counting).
    struct Delta: Equatable {
        /// nil for a negative counter, which counts no bytes.
        var added: Int64?
        var resetFrom: Int64?
    }

    /// The bytes this record added to each counter (nil where it has none).
    mutating func deltas(vm: Int64?, rx: Int64?, tx: Int64?) -> (rx: Delta?, tx: Delta?) {
        if vm != self.vm {
            self.vm = vm
            lastRX = nil
            lastTX = nil
        }
        return (Self.delta(rx, since: &lastRX), Self.delta(tx, since: &lastTX))
    }

    /// A counter lower than before was reset: all of it is new. A negative
    /// one is no count of bytes: it adds nothing and, as after a reset, the
    /// next value counts whole (the importer reports it). With no negative
    /// value kept, a difference always fits in 64 bits; one that did not
    /// would be a reset too.
    static func delta(_ value: Int64?, since last: inout Int64?) -> Delta? {
        guard let value else { return nil }
        guard value >= 0 else {
            last = nil
            return Delta(added: nil)
        }
        defer { last = value }
        guard let before = last else { return Delta(added: value) }
        let (difference, overflow) = value.subtractingReportingOverflow(before)
        guard value >= before, !overflow else { return Delta(added: value, resetFrom: before) }
        return Delta(added: difference)
    }
}
