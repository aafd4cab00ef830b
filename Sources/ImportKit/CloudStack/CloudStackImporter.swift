import AcctCore

/// `--from cloudstack`: `cloud_usage` rows (CSV or `mysql -B` TSV with a
/// header) to one record per row.
///
/// The row's window (`start_date`, `end_date`) is naive time in the zone of
/// `--tz`; CloudStack's `end_date` is the window's last instant (23:59:59),
/// so the record ends one second later and a day's window is a whole day.
final class CloudStackImporter: Importer {
    /// The columns read, by header name; others are ignored.
    private struct Columns {
        var usageType = -1, rawUsage = -1, start = -1, end = -1
        var account = -1, domain = -1, zone = -1, vm = -1, vmName = -1, offering = -1, template = -1
        var usageID = -1, type = -1, size = -1, network = -1, description = -1
        var cpuCores = -1, cpuSpeed = -1, memory = -1

        init(_ h: Header) {
            usageType = h.column("usage_type"); rawUsage = h.column("raw_usage")
            start = h.column("start_date"); end = h.column("end_date")
            account = h.column("account_id"); domain = h.column("domain_id"); zone = h.column("zone_id")
            vm = h.column("vm_instance_id"); vmName = h.column("vm_name"); offering = h.column("offering_id")
            template = h.column("template_id"); usageID = h.column("usage_id"); type = h.column("type")
            size = h.column("size"); network = h.column("network_id"); description = h.column("description")
            cpuCores = h.column("cpu_cores"); cpuSpeed = h.column("cpu_speed"); memory = h.column("memory")
        }
    }

    static let requiredColumns = ["account_id", "usage_type", "raw_usage", "start_date", "end_date"]

    private let options: ImportOptions
    private let diagnostics: Diagnostics
    private let clock: NaiveTime

    init(options: ImportOptions, diagnostics: Diagnostics) {
        self.options = options
        self.diagnostics = diagnostics
        self.clock = NaiveTime(zone: options.common.zone)
    }

    func read(_ source: ByteSource, into out: RecordWriter) throws(OutputError) -> Bool {
        var columns: Columns?
        return try HeaderedRows(diagnostics: diagnostics).read(source, setUp: { header in
            if let missing = header.missing(Self.requiredColumns) { return "no \(missing) column in the header" }
            columns = Columns(header)
            return nil
        }, row: { reader throws(OutputError) in try row(reader, columns!, out) })
    }

    /// One row to one record; false when `--strict` says stop.
    private func row(_ reader: CSVReader, _ c: Columns, _ out: RecordWriter) throws(OutputError) -> Bool {
        let file = reader.input.name
        let line = reader.lineNumber
        guard let code = NumberText.int64(reader.bytes(c.usageType)) else {
            return diagnostics.problem("bad usage_type '\(reader.string(c.usageType))'", file: file, line: line)
        }
        guard let start = clock.epoch(reader.bytes(c.start)) else {
            return diagnostics.problem("bad start_date '\(reader.string(c.start))'", file: file, line: line)
        }
        guard let last = clock.epoch(reader.bytes(c.end)) else {
            return diagnostics.problem("bad end_date '\(reader.string(c.end))'", file: file, line: line)
        }
        guard last >= start else {
            return diagnostics.problem("end_date is before start_date", file: file, line: line)
        }
        guard let raw = NumberText.decimal(reader.bytes(c.rawUsage))?.value else {
            return diagnostics.problem("bad raw_usage '\(reader.string(c.rawUsage))'", file: file, line: line)
        }
        var size: Double?
        if c.size >= 0 && !reader.isAbsent(c.size) {
            guard let value = NumberText.decimal(reader.bytes(c.size))?.value else {
                return diagnostics.problem("bad size '\(reader.string(c.size))'", file: file, line: line)
            }
            size = value
        }
        let type = CloudStackUsageType.of(code)
        if type == nil {
            guard diagnostics.problemOnce("unknown usage type \(code), kept with its raw_usage", file: file, line: line)
            else { return false }
        }

        out.begin()
        out.string("source", "cloudstack")
        out.time("start", start)
        out.time("end", last + 1)
        out.identity("account", reader, c.account)
        out.identity("domain", reader, c.domain)
        out.identity("zone", reader, c.zone)
        out.int("usage_type", code)
        if let type { out.literal("usage_name", type.name) }
        out.identity("vm", reader, c.vm)
        out.text("name", reader, c.vmName)
        out.identity("offering", reader, c.offering)
        out.identity("template", reader, c.template)
        out.identity("usage_id", reader, c.usageID)
        out.text("type", reader, c.type)
        out.identity("network", reader, c.network)
        out.identity("cpu_cores", reader, c.cpuCores)
        out.identity("cpu_speed", reader, c.cpuSpeed)
        out.identity("memory", reader, c.memory)
        out.text("description", reader, c.description)
        switch type?.metric {
        case .counter(let name)?:
            out.amount(name, raw)
        case .storage?:
            if let size { out.amount("size_bytes", size) }
            out.amount("seconds", raw * 3600)
        case nil:
            out.amount("raw_usage", raw)
            if let size { out.amount("size", size) }
        }
        try out.end()
        return true
    }
}
