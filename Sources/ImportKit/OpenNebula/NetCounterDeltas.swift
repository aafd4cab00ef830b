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
        var added: Int64
        var resetFrom: Int64?
    }

    /// The bytes this record added to each counter (nil where it has none).
    mutating func deltas(vm: Int64?, rx: Int64?, tx: Int64?) -> (rx: Delta?, tx: Delta?) {
        if vm != self.vm {
            self.vm = vm
            lastRX = nil
            lastTX = nil
        }
        let result = (Self.delta(rx, since: lastRX), Self.delta(tx, since: lastTX))
        if let rx { lastRX = rx }
        if let tx { lastTX = tx }
        return result
    }

    /// A counter lower than before was reset: all of it is new. So is one
    /// whose difference does not fit in 64 bits (a negative value before).
    static func delta(_ value: Int64?, since last: Int64?) -> Delta? {
        guard let value else { return nil }
        guard let last else { return Delta(added: value) }
        let (difference, overflow) = value.subtractingReportingOverflow(last)
        guard value >= last, !overflow else { return Delta(added: value, resetFrom: last) }
        return Delta(added: difference)
    }
}
