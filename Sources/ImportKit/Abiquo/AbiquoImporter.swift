import AcctCore

/// `--from abiquo`: rows of `accounting_event_vm` (one per VM lifetime at
/// one size) or of `accounting_event_detail` (one per resource and
/// accounting period), as CSV or TSV with a header. The header tells which
/// table a file holds. MySQL TIMESTAMPs are kept in UTC and printed in the
/// export session's zone: they are read as UTC, whatever `TZ` says, unless
/// `--tz` names the zone the session was in.
///
/// Detail rows must carry names: since the accounting refactor,
/// `kinton_accounting.accounting_event_detail` keeps ids in their place
/// (`resourceName` points into `object_name`), and `HOURLY_USAGE_MAX_VW`
/// is what joins the names back; a `resourceName` of digits alone is
/// refused rather than imported as a name.
final class AbiquoImporter: Importer {
    private struct VMColumns {
        let event, vm, enterprise, vdc, vapp, cpu, ram, hd, start, stop, costCode, hypervisor, datacenter: Int
        static let required = ["idVM", "idEnterprise", "cpu", "ram", "hd", "startTime", "stopTime"]

        init(_ h: Header) {
            event = h.column("idVMAccountingEvent"); vm = h.column("idVM"); enterprise = h.column("idEnterprise")
            vdc = h.column("idVirtualDataCenter"); vapp = h.column("idVirtualApp")
            cpu = h.column("cpu"); ram = h.column("ram"); hd = h.column("hd")
            start = h.column("startTime"); stop = h.column("stopTime")
            costCode = h.column("costCode"); hypervisor = h.column("hypervisorType"); datacenter = h.column("idDataCenter")
        }
    }

    private struct DetailColumns {
        let start, end, code, units, resourceName, enterprise, vdc, vapp, vm: Int
        let enterpriseName, vdcName, vappName, vmName, costCode: Int
        static let required = ["startTime", "endTime", "idAccountingResourceType", "resourceUnits", "idEnterprise"]

        init(_ h: Header) {
            start = h.column("startTime"); end = h.column("endTime"); code = h.column("idAccountingResourceType")
            units = h.column("resourceUnits"); resourceName = h.column("resourceName")
            enterprise = h.column("idEnterprise"); vdc = h.column("idVirtualDataCenter")
            vapp = h.column("idVirtualApp"); vm = h.column("idVirtualMachine")
            enterpriseName = h.column("enterpriseName"); vdcName = h.column("virtualDataCenter")
            vappName = h.column("virtualApp"); vmName = h.column("virtualMachine"); costCode = h.column("costCode")
        }
    }

    private let diagnostics: Diagnostics
    private let clock: NaiveTime

    init(options: ImportOptions, diagnostics: Diagnostics) {
        self.diagnostics = diagnostics
        clock = NaiveTime(zone: options.sourceZone)
    }

    func read(_ source: ByteSource, into out: RecordWriter) throws(OutputError) -> Bool {
        var isDetail = false
        var vm: VMColumns?
        var detail: DetailColumns?
        return try HeaderedRows(diagnostics: diagnostics).read(source, setUp: { header in
            isDetail = header.column("idAccountingResourceType") >= 0
            let required = isDetail ? DetailColumns.required : VMColumns.required
            if let missing = header.missing(required) {
                let table = isDetail ? "accounting_event_detail" : "accounting_event_vm"
                return "no \(missing) column in the header of \(table) rows"
            }
            vm = VMColumns(header)
            detail = DetailColumns(header)
            return nil
        }, row: { reader throws(OutputError) in
            isDetail ? try detailRow(reader, detail!, out) : try vmRow(reader, vm!, out)
        })
    }

    /// A time column that may be NULL: .some(nil) when it is, nil when bad.
    private func time(_ reader: CSVReader, _ column: Int) -> Int64?? {
        if reader.isAbsent(column) { return .some(nil) }
        guard let epoch = clock.epoch(reader.bytes(column)) else { return nil }
        return .some(epoch)
    }

    /// An integer column that may be empty: .some(nil) when it is, nil when bad.
    private func whole(_ reader: CSVReader, _ column: Int) -> Int64?? {
        if reader.isAbsent(column) { return .some(nil) }
        guard let value = NumberText.int64(reader.bytes(column)) else { return nil }
        return .some(value)
    }

    private func bad(_ what: String, _ reader: CSVReader, _ column: Int) -> Bool {
        diagnostics.problem("bad \(what) '\(reader.string(column))'", file: reader.input.name, line: reader.lineNumber)
    }

    /// A time column `clock` refused: bad, or outside the years a record holds.
    private func badTime(_ what: String, _ reader: CSVReader, _ column: Int) -> Bool {
        diagnostics.problem(clock.refusal(what, reader.string(column)), file: reader.input.name, line: reader.lineNumber)
    }

    /// A lifetime: start to stop, open (`"end":null`) while stopTime is NULL.
    private func vmRow(_ reader: CSVReader, _ c: VMColumns, _ out: RecordWriter) throws(OutputError) -> Bool {
        guard let start = clock.epoch(reader.bytes(c.start)) else { return badTime("startTime", reader, c.start) }
        guard let stop = time(reader, c.stop) else { return badTime("stopTime", reader, c.stop) }
        if let stop, stop < start {
            return diagnostics.problem("stopTime is before startTime", file: reader.input.name, line: reader.lineNumber)
        }
        guard let cpu = whole(reader, c.cpu) else { return bad("cpu", reader, c.cpu) }
        guard let ram = whole(reader, c.ram) else { return bad("ram", reader, c.ram) }
        guard let hd = whole(reader, c.hd) else { return bad("hd", reader, c.hd) }
        out.begin()
        out.string("source", "abiquo")
        out.time("start", start)
        if let stop { out.time("end", stop) } else { out.null("end") }
        out.identity("account", reader, c.enterprise)
        out.identity("vdc", reader, c.vdc)
        out.identity("vapp", reader, c.vapp)
        out.identity("vm", reader, c.vm)
        out.identity("seq", reader, c.event)
        out.identity("datacenter", reader, c.datacenter)
        out.text("hypervisor", reader, c.hypervisor)
        out.identity("cost_code", reader, c.costCode)
        if let cpu { out.int("vcpus", cpu) }
        if let ram { out.int("mem_mb", ram) }  // Abiquo's MB are MiB
        if let hd { out.int("disk_bytes", hd) }
        try out.end()
        return true
    }

    /// One resource for one accounting period.
    private func detailRow(_ reader: CSVReader, _ c: DetailColumns, _ out: RecordWriter) throws(OutputError) -> Bool {
        let file = reader.input.name, line = reader.lineNumber
        guard let start = clock.epoch(reader.bytes(c.start)) else { return badTime("startTime", reader, c.start) }
        guard let end = clock.epoch(reader.bytes(c.end)) else { return badTime("endTime", reader, c.end) }
        guard end >= start else { return diagnostics.problem("endTime is before startTime", file: file, line: line) }
        guard let code = NumberText.int64(reader.bytes(c.code)) else {
            return bad("idAccountingResourceType", reader, c.code)
        }
        guard let units = NumberText.decimal(reader.bytes(c.units))?.value else { return bad("resourceUnits", reader, c.units) }
        if c.resourceName >= 0, !reader.isAbsent(c.resourceName), FieldText.isDigits(reader.bytes(c.resourceName)) {
            return diagnostics.problem(
                "resourceName '\(reader.string(c.resourceName))' is an id, not a name: export HOURLY_USAGE_MAX_VW, which joins the names in",
                file: file, line: line)
        }
        let type = AbiquoResourceType.metric(code)
        if type == nil {
            guard diagnostics.problemOnce("unknown resource type \(code), kept with its resourceUnits", file: file, line: line)
            else { return false }
        }
        out.begin()
        out.string("source", "abiquo")
        out.time("start", start)
        out.time("end", end)
        out.identity("account", reader, c.enterprise)
        out.text("account_name", reader, c.enterpriseName)
        out.identity("vdc", reader, c.vdc)
        out.text("vdc_name", reader, c.vdcName)
        out.identity("vapp", reader, c.vapp)
        out.text("vapp_name", reader, c.vappName)
        out.identity("vm", reader, c.vm)
        out.text("name", reader, c.vmName)
        out.identity("cost_code", reader, c.costCode)
        out.int("resource_type", code)
        if let type { out.literal("resource", type.name) }
        out.text("resource_name", reader, c.resourceName)
        out.amount(type?.metric ?? "units", units)
        try out.end()
        return true
    }
}
