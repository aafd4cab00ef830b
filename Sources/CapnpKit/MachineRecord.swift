import AcctCore
import CCapnp

/// Writes one flat record per OpenVCloud VMachine, with the record format's
/// vocabulary (acct-records(5)). Sums of Float32 fields are written as the
/// nearest Float32, so they carry the precision the data has.
struct MachineRecord {
    /// `"start":...,"end":...,"source":"ovc"` for the file's hour, made once
    /// per file.
    private var prefix: [UInt8]

    init(hour: Int64?) {
        var text = ""
        if let hour {
            text = "\"start\":\"\(RFC3339.string(hour))\",\"end\":\"\(RFC3339.string(hour + 3600))\","
        }
        prefix = Array((text + "\"source\":\"ovc\"").utf8)
    }

    /// Writes the record; false when some text needed U+FFFD for invalid UTF-8.
    func write(_ m: ccapnp_machine, to out: RecordWriter) throws(OutputError) -> Bool {
        var valid = true
        out.begin()
        prefix.withUnsafeBytes { out.members($0) }
        out.uint("account", UInt64(m.account))
        out.int("cloudspace", Int64(m.cloudspace))
        out.int("vm", Int64(m.id))
        valid = text("type", m.type, out) && valid
        valid = text("status", m.status, out) && valid
        valid = text("image", m.image, out) && valid
        out.int("vcpus", Int64(m.vcpus))
        out.float("mem_mb", m.mem)
        out.uint("disks", UInt64(m.disks))
        out.float("disk_gb", Float(m.disk_size))
        out.float("iops_read", Float(m.iops_read))
        out.float("iops_write", Float(m.iops_write))
        out.float("iops_read_max", m.iops_read_max)
        out.float("iops_write_max", m.iops_write_max)
        out.uint("nics", UInt64(m.nics))
        out.float("net_tx", Float(m.net_tx))
        out.float("net_rx", Float(m.net_rx))
        out.float("cpu_minutes", m.cpu_minutes)
        try out.end()
        return valid
    }

    /// A null Text is left out, as in --raw; an empty one is "".
    private func text(_ name: StaticString, _ t: ccapnp_text, _ out: RecordWriter) -> Bool {
        guard let pointer = t.ptr else { return true }
        return out.string(name, bytes: UnsafeRawBufferPointer(start: pointer, count: t.len))
    }
}
