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
            if let problem = record.problem ?? timeProblem(record, line: handler.recordLine) {
                stopped = !diagnostics.problem(problem.message, file: source.name, line: problem.line)
                return !stopped
            }
            do throws(OutputError) {
                stopped = !(try write(record, from: source.name, line: handler.recordLine, to: out))
            } catch {
                outputError = error
                return false
            }
            return !stopped
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
            let message = failure.notWellFormed ? "not well-formed XML: \(failure.message)" : failure.message
            return diagnostics.problem(message, file: source.name, line: failure.line)
        }
        return true
    }

    /// A record's times that no record can hold: STIME or ETIME outside
    /// 0001-9999 (0 is none), or ETIME before STIME, reported as
    /// CloudStack's end before start is.
    private func timeProblem(_ record: HistoryRecord, line: Int) -> (message: String, line: Int)? {
        if let problem = Self.outside("STIME", record.stime) ?? Self.outside("ETIME", record.etime) {
            return (problem, line)
        }
        if let stime = record.stime, let etime = record.etime, stime != 0, etime != 0, etime < stime {
            return ("ETIME is before STIME", line)
        }
        return nil
    }

    /// Why `value` of `element` is no time a record can hold; nil when it
    /// is one, or 0 (no time), or absent.
    private static func outside(_ element: StaticString, _ value: Int64?) -> String? {
        guard let value, value != 0, !RecordTimeRange.contains(value) else { return nil }
        return "\(element) \(value) is outside \(RecordTimeRange.description), the times a record can hold"
    }

    /// Writes the record; false when a negative counter was reported and
    /// `--strict` says stop.
    private func write(_ record: HistoryRecord, from source: String, line: Int, to out: RecordWriter) throws(OutputError) -> Bool {
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
        if let rx = deltas.rx?.added { out.int("net_rx_bytes", rx) }
        if let tx = deltas.tx?.added { out.int("net_tx_bytes", tx) }
        if let missing = record.missing { out.string("missing", missing) }
        try out.end()
        return report("NETRX", record.netRX, deltas.rx, record, source, line)
            && report("NETTX", record.netTX, deltas.tx, record, source, line)
    }

    /// A counter that went back (a reboot) is normal data: said as a note.
    /// A negative one is no count at all: reported as bad input, its
    /// record written without the bytes, and the next value counted whole.
    private func report(_ element: String, _ value: Int64?, _ delta: NetCounterDeltas.Delta?, _ record: HistoryRecord,
                        _ source: String, _ line: Int) -> Bool {
        guard let delta, let value, delta.added == nil || delta.resetFrom != nil else { return true }
        let place = "vm \(record.oid.map(String.init) ?? "?") seq \(record.seq.map(String.init) ?? "?")"
        if delta.added == nil {
            return diagnostics.problem("\(place): \(element) is negative (\(value)); treated as a reset, with no bytes counted",
                                       file: source, line: line)
        }
        if let before = delta.resetFrom {
            diagnostics.note("\(source): \(place): \(element) went back from \(before) to \(value); counted as a reset")
        }
        return true
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
