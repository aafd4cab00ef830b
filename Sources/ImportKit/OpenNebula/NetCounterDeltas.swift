import AcctCore

/// Turns the cumulative NETRX/NETTX a VM's records show into what each
/// record added. oneacct lists a VM's records together, in order (vid,
/// seq), so only the VM before is remembered and memory stays flat however
/// many VMs a document holds.
struct NetCounterDeltas {
    private var vm: Int64?
    private var lastRX: Int64?
    private var lastTX: Int64?

    /// The bytes this record added to each counter (nil where it has none).
    mutating func deltas(vm: Int64?, rx: Int64?, tx: Int64?) -> (rx: Int64?, tx: Int64?) {
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

    /// A counter lower than before was reset: all of it is new.
    static func delta(_ value: Int64?, since last: Int64?) -> Int64? {
        guard let value else { return nil }
        guard let last, value >= last else { return value }
        return value - last
    }
}
