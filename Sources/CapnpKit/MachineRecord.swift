import AcctKit
import CCapnp

/// Writes one flat record per OpenVCloud VMachine, with the record format's
/// vocabulary (acct-records(5)). Sums of Float32 fields are written as the
/// nearest Float32, so they carry the precision the data has.
struct MachineRecord {
    /// `{"start":...,"end":...,` for the file's hour, made once per file.
    private var prefix: [UInt8]

    init(hour: Int64?) {
        let out = OutputBuffer()
        out.append(UInt8(ascii: "{"))
        if let hour {
            out.append("\"start\":\"")
            RFC3339.format(hour, into: out)
            out.append("\",\"end\":\"")
            RFC3339.format(hour + 3600, into: out)
            out.append("\",")
        }
        prefix = out.withUnsafeBytes { Array($0) }
    }

    /// Appends the record and its newline; false when some text needed
    /// U+FFFD for invalid UTF-8.
    func write(_ m: ccapnp_machine, into out: OutputBuffer) -> Bool {
        var valid = true
        prefix.withUnsafeBytes { out.append($0) }
        out.append("\"source\":\"ovc\",\"account\":")
        out.appendUInt(UInt64(m.account))
        out.append(",\"cloudspace\":")
        out.appendInt(Int64(m.cloudspace))
        out.append(",\"vm\":")
        out.appendInt(Int64(m.id))
        valid = text(m.type, key: ",\"type\":", into: out) && valid
        valid = text(m.status, key: ",\"status\":", into: out) && valid
        valid = text(m.image, key: ",\"image\":", into: out) && valid
        out.append(",\"vcpus\":")
        out.appendInt(Int64(m.vcpus))
        out.append(",\"mem_mb\":")
        out.appendFloat(m.mem)
        out.append(",\"disks\":")
        out.appendUInt(UInt64(m.disks))
        out.append(",\"disk_gb\":")
        out.appendFloat(Float(m.disk_size))
        out.append(",\"iops_read\":")
        out.appendFloat(Float(m.iops_read))
        out.append(",\"iops_write\":")
        out.appendFloat(Float(m.iops_write))
        out.append(",\"iops_read_max\":")
        out.appendFloat(m.iops_read_max)
        out.append(",\"iops_write_max\":")
        out.appendFloat(m.iops_write_max)
        out.append(",\"nics\":")
        out.appendUInt(UInt64(m.nics))
        out.append(",\"net_tx\":")
        out.appendFloat(Float(m.net_tx))
        out.append(",\"net_rx\":")
        out.appendFloat(Float(m.net_rx))
        out.append(",\"cpu_minutes\":")
        out.appendFloat(m.cpu_minutes)
        out.append("}\n")
        return valid
    }

    /// A null Text is left out, as in --raw; an empty one is "".
    private func text(_ t: ccapnp_text, key: StaticString, into out: OutputBuffer) -> Bool {
        guard let pointer = t.ptr else { return true }
        out.append(key)
        return out.appendJSONString(bytes: UnsafeRawBufferPointer(start: pointer, count: t.len))
    }
}
