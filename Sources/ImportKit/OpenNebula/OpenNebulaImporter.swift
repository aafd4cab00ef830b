import AcctCore

/// `--from opennebula`: one record per HISTORY of an `oneacct -x`
/// document (7.x, or 3.6/3.8 with REASON and VM/NET_RX), streamed.
final class OpenNebulaImporter: Importer {
    private let options: ImportOptions
    private let diagnostics: Diagnostics
    private var counters = NetCounterDeltas()

    init(options: ImportOptions, diagnostics: Diagnostics) {
        self.options = options
        self.diagnostics = diagnostics
    }

    func read(_ source: ByteSource, into out: RecordWriter) throws(OutputError) -> Bool {
        let handler = HistoryHandler()
        var outputError: OutputError?
        var stopped = false
        handler.onRecord = { [self] handler in
            let record = handler.record
            if let problem = record.problem {
                stopped = !diagnostics.problem("\(problem.element): not a number: '\(problem.text)'",
                                               file: source.name, line: problem.line)
                return !stopped
            }
            do throws(OutputError) {
                try write(record, from: source.name, to: out)
            } catch {
                outputError = error
                return false
            }
            return true
        }
        let failure: XMLStreamReader.Failure?
        do throws(InputError) {
            failure = try XMLStreamReader(handler: handler).read(source)
        } catch {
            if let outputError { throw outputError }
            return diagnostics.problem("\(error)")
        }
        if let outputError { throw outputError }
        if stopped { return false }
        if let wrongRoot = handler.wrongRoot {
            return diagnostics.problem("not an OpenNebula accounting document: the root element is \(wrongRoot), not HISTORY_RECORDS",
                                       file: source.name, line: 1)
        }
        if let failure {
            return diagnostics.problem("not well-formed XML: \(failure.message)", file: source.name, line: failure.line)
        }
        return true
    }

    private func write(_ record: HistoryRecord, from source: String, to out: RecordWriter) throws(OutputError) {
        out.begin()
        out.string("source", "opennebula")
        if let oid = record.oid { out.int("vm", oid) }
        if let seq = record.seq { out.int("seq", seq) }
        text("host", record.hostname, out)
        if let hid = record.hid { out.int("hid", hid) }
        if let owner = record.owner { out.int("user", owner) }
        text("uname", record.ownerName, out)
        if let group = record.group { out.int("group", group) }
        text("gname", record.groupName, out)
        text("name", record.name, out)
        if let action = record.action {
            if let name = OpenNebulaAction.name(action) { out.string("action", name) }
            out.int("action_code", action)
        } else if let reason = record.reason {
            // 3.6 and 3.8 name the closing cause REASON, with their own codes.
            if reason >= 0 && reason < OpenNebulaAction.legacyReasons.count {
                out.string("reason", OpenNebulaAction.legacyReasons[Int(reason)])
            }
            out.int("reason_code", reason)
        }
        if let uid = record.actionUID { out.int("action_uid", uid) }
        if let stime = record.stime, stime != 0 { out.time("start", stime) }
        if let etime = record.etime, etime != 0 { out.time("end", etime) } else { out.null("end") }
        number("cpu", record.cpu, out)
        number("vcpus", record.vcpu, out)
        number("mem_mb", record.memory, out)
        if record.hasVM { out.int("disk_mb", record.diskMB) }
        if let rx = record.netRX { out.int("netrx", rx) }
        if let tx = record.netTX { out.int("nettx", tx) }
        let deltas = counters.deltas(vm: record.oid, rx: record.netRX, tx: record.netTX)
        if let rx = deltas.rx { out.int("net_rx_bytes", rx.added) }
        if let tx = deltas.tx { out.int("net_tx_bytes", tx.added) }
        if let missing = record.missing { out.string("missing", missing) }
        try out.end()
        noteReset("NETRX", deltas.rx, record, source)
        noteReset("NETTX", deltas.tx, record, source)
    }

    /// A counter that went back (a reboot) is normal data: said as a note.
    private func noteReset(_ element: String, _ delta: NetCounterDeltas.Delta?, _ record: HistoryRecord, _ source: String) {
        guard let delta, let before = delta.resetFrom else { return }
        let place = "vm \(record.oid.map(String.init) ?? "?") seq \(record.seq.map(String.init) ?? "?")"
        diagnostics.note("\(source): \(place): \(element) went back from \(before) to \(delta.added); counted as a reset")
    }

    private func text(_ key: StaticString, _ value: TextValue, _ out: RecordWriter) {
        guard value.isSet else { return }
        _ = value.bytes.withUnsafeBytes { out.string(key, bytes: $0) }
    }

    private func number(_ key: StaticString, _ value: TextValue, _ out: RecordWriter) {
        guard value.isSet else { return }
        value.bytes.withUnsafeBytes { out.number(key, text: $0) }
    }
}
