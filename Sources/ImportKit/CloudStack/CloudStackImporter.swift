import AcctCore

/// `--from cloudstack`: `cloud_usage` rows (CSV, or TSV as `mysql -B` and
/// `SELECT ... INTO OUTFILE` write it, with a header or in the table's own
/// column order) to one record per row.
///
/// The row's window (`start_date`, `end_date`) is UTC: the usage server
/// formats both in GMT whatever its aggregation zone. A window CloudStack
/// closed is written with its last second (23:59:59), so such a record
/// ends one second later; a row ending at an event (a VM snapshot taken)
/// ends there, where the next row starts.
final class CloudStackImporter: Importer {
    /// The columns read, by name; others are ignored.
    private struct Columns {
        var usageType = -1, rawUsage = -1, start = -1, end = -1
        var account = -1, domain = -1, zone = -1, vm = -1, vmName = -1, offering = -1, template = -1
        var usageID = -1, type = -1, size = -1, network = -1, description = -1
        var cpuCores = -1, cpuSpeed = -1, memory = -1, hidden = -1, state = -1

        init(_ h: Header) {
            usageType = h.column("usage_type"); rawUsage = h.column("raw_usage")
            start = h.column("start_date"); end = h.column("end_date")
            account = h.column("account_id"); domain = h.column("domain_id"); zone = h.column("zone_id")
            vm = h.column("vm_instance_id"); vmName = h.column("vm_name"); offering = h.column("offering_id")
            template = h.column("template_id"); usageID = h.column("usage_id"); type = h.column("type")
            size = h.column("size"); network = h.column("network_id"); description = h.column("description")
            cpuCores = h.column("cpu_cores"); cpuSpeed = h.column("cpu_speed"); memory = h.column("memory")
            hidden = h.column("is_hidden"); state = h.column("state")
        }
    }

    static let requiredColumns = ["account_id", "usage_type", "raw_usage", "start_date", "end_date"]

    private let options: ImportOptions
    private let diagnostics: Diagnostics
    private let clock: NaiveTime
    /// Hidden rows left out of the current input.
    private var hiddenLeftOut = 0

    init(options: ImportOptions, diagnostics: Diagnostics) {
        self.options = options
        self.diagnostics = diagnostics
        self.clock = NaiveTime(zone: options.sourceZone)
    }

    func read(_ source: ByteSource, into out: RecordWriter) throws(OutputError) -> Bool {
        var columns: Columns?
        hiddenLeftOut = 0
        let goOn = try HeaderedRows(diagnostics: diagnostics).read(source, firstRow: firstRow, setUp: { header in
            if let missing = header.missing(Self.requiredColumns) { return "no \(missing) column in the header" }
            columns = Columns(header)
            return nil
        }, row: { reader throws(OutputError) in try row(reader, columns!, out) })
        if hiddenLeftOut > 0 {
            let rows = hiddenLeftOut == 1 ? "1 hidden row" : "\(hiddenLeftOut) hidden rows"
            diagnostics.note("\(source.name): \(rows) (is_hidden = 1) left out, as CloudStack's usage listing does; --keep-hidden keeps them")
        }
        return goOn
    }

    /// The first row is the header when it names `usage_type`; else it is a
    /// row of the columns `--header` names, or of the table's own columns
    /// when it has as many fields as the table has had.
    private func firstRow(_ reader: CSVReader) -> HeaderedRows.FirstRow {
        if let given = options.header { return .data(Header(names: given)) }
        if Header(reader).column("usage_type") >= 0 { return .header }
        if let columns = CloudStackTable.columns(forWidth: reader.count) { return .data(Header(names: columns)) }
        let widths = CloudStackTable.widths.map(String.init).joined(separator: ", ")
        return .unreadable("no header line, and \(reader.count) fields are not a width of the cloud_usage table (\(widths)); name the columns with --header")
    }

    /// One row to one record; false when `--strict` says stop.
    private func row(_ reader: CSVReader, _ c: Columns, _ out: RecordWriter) throws(OutputError) -> Bool {
        let file = reader.input.name
        let line = reader.lineNumber
        var hidden = false
        if c.hidden >= 0 && !reader.isAbsent(c.hidden) {
            guard let flag = NumberText.int64(reader.bytes(c.hidden)) else {
                return diagnostics.problem("bad is_hidden '\(reader.string(c.hidden))'", file: file, line: line)
            }
            hidden = flag != 0
            if hidden && !options.keepHidden {
                hiddenLeftOut += 1
                return true
            }
        }
        guard let code = NumberText.int64(reader.bytes(c.usageType)) else {
            return diagnostics.problem("bad usage_type '\(reader.string(c.usageType))'", file: file, line: line)
        }
        guard let start = clock.epoch(reader.bytes(c.start)) else {
            return diagnostics.problem(clock.refusal("start_date", reader.string(c.start)), file: file, line: line)
        }
        guard let last = clock.epoch(reader.bytes(c.end)) else {
            return diagnostics.problem(clock.refusal("end_date", reader.string(c.end)), file: file, line: line)
        }
        guard last >= start else {
            return diagnostics.problem("end_date is before start_date", file: file, line: line)
        }
        // The window whose last second is 9999-12-31T23:59:59Z closes at
        // the first instant of 10000, which no record can hold.
        guard last < RecordTimeRange.last || !Self.closesWindow(last) else {
            return diagnostics.problem(
                "end_date '\(reader.string(c.end))' closes its window at 10000-01-01T00:00:00Z, after \(RFC3339.string(RecordTimeRange.last)), the last time a record can hold",
                file: file, line: line)
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
        let end = Self.closesWindow(last) ? last + 1 : last

        out.begin()
        out.string("source", "cloudstack")
        out.time("start", start)
        out.time("end", end)
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
        out.text("state", reader, c.state)
        out.text("description", reader, c.description)
        if hidden { out.bool("hidden", true) }
        switch type?.metric {
        case .counter(let name)?:
            out.amount(name, raw)
        case .storage?:
            if let size { out.amount("size_bytes", size) }
            out.amount("seconds", raw * 3600)
        case .sizeOverWindow?:
            out.amount("size_bytes", raw)
            out.int("seconds", end - start)
        case nil:
            out.amount("raw_usage", raw)
            if let size { out.amount("size", size) }
        }
        try out.end()
        return true
    }

    /// Whether `last` (UTC) is the last second of a window CloudStack
    /// closed. A window ends 1 ms before a whole day or hour of the
    /// aggregation zone, and every zone's offset is whole quarter hours, so
    /// in GMT the last second shows 14:59, 29:59, 44:59 or 59:59 past the
    /// hour (23:59:59 for a day in GMT, 22:59:59 for one in Paris in
    /// winter). An event's time can fall there too, 4 times in 3600.
    static func closesWindow(_ last: Int64) -> Bool {
        let quarter: Int64 = 900
        return ((last % quarter) + quarter) % quarter == quarter - 1
    }
}
