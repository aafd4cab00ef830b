import AcctCore

/// `--from slapos`: the collector's CSV dumps (`dump_<table>.csv`, no
/// header) and the `.tar.gz` day archives holding them, an archive known
/// by its bytes (a tar header block), whatever its name.
///
/// A sample is a level at an instant, so it becomes an interval: held from
/// its time until the next sample of the same series (a process, by its
/// `pid-create_time`; a partition; a device; the host), at most its
/// table's `--max-gap` seconds. Cumulative counters become the growth from
/// one sample to the next, written on the earlier sample's interval; a
/// counter lower than before was reset, and its new value is the growth.
/// Numbers keep the form the dump gives them (`130.0` stays a float).
///
/// The collector writes its dates and times in UTC (`gmtime`), so they
/// are read as UTC whatever `TZ` says; `--tz` names another zone for dumps
/// of a collector that wrote local times.
///
/// State is one pending sample per live series. Series silent for longer
/// than `--max-gap` are written out and forgotten as time moves on, so
/// memory follows the number of processes alive at once, not the input.
final class SlapOSImporter: Importer {
    private struct SeriesKey: Hashable {
        var table: Int
        var name: [UInt8]
    }

    /// The last sample of a series, waiting for the next one.
    private final class Pending {
        var time: Int64
        var gauges: [FieldNumber?]
        var counters: [FieldNumber?]
        let identity: [[UInt8]?]
        /// Where the sample was read, for a message about its interval.
        var file: String
        var line: Int

        init(time: Int64, gauges: [FieldNumber?], counters: [FieldNumber?], identity: [[UInt8]?], file: String, line: Int) {
            self.time = time
            self.gauges = gauges
            self.counters = counters
            self.identity = identity
            self.file = file
            self.line = line
        }
    }

    private let options: ImportOptions
    private let diagnostics: Diagnostics
    private let clock: NaiveTime
    /// Per table, in the order of `SlapOSTable.all`.
    private let maxGap: [Int64]
    private var series: [SeriesKey: Pending] = [:]
    /// Per table: the dumps are one file per table, each in time order,
    /// so each table keeps its own clock.
    private var lastSweep = [Int64](repeating: .min, count: SlapOSTable.all.count)
    // Reused per row, and swapped with a series' own: no arrays allocated
    // for a sample that extends a series.
    private var gauges: [FieldNumber?] = []
    private var counters: [FieldNumber?] = []

    init(options: ImportOptions, diagnostics: Diagnostics) {
        self.options = options
        self.diagnostics = diagnostics
        clock = NaiveTime(zone: options.sourceZone)
        maxGap = options.maxGaps.seconds
    }

    func read(_ source: ByteSource, into out: RecordWriter) throws(OutputError) -> Bool {
        do {
            let input = PeekedInput(source, count: TarArchive.blockSize)
            if TarArchive.startsArchive(try input.peek()) {
                return try readArchive(input, into: out)
            }
            if [".tar", ".tar.gz", ".tgz"].contains(where: { source.name.hasSuffix($0) }) {
                return diagnostics.problem("not a tar archive", file: source.name)
            }
            guard let name = options.table ?? SlapOSTable.tableName(ofFile: source.name) else {
                return diagnostics.problem("cannot tell the collector table from the file name (give --table)", file: source.name)
            }
            guard let index = SlapOSTable.index(named: name) else {
                if SlapOSTable.notImported.contains(name) {
                    return diagnostics.problem("table '\(name)' holds no usage and is not imported", file: source.name)
                }
                return diagnostics.problem("unknown collector table '\(name)'", file: source.name)
            }
            return try readDump(input, table: index, into: out)
        } catch let error as OutputError {
            throw error
        } catch let failure as ReadFailure {
            // A truncated archive or file: the rows before the cut are written.
            return diagnostics.problem(failure.description)
        } catch {
            return diagnostics.problem("\(error)")
        }
    }

    /// A day archive: each `dump_<table>.csv` in it, in archive order,
    /// decompressed as a file is when it is a `.csv.zst` or `.csv.gz`;
    /// other tables and files are passed over.
    private func readArchive(_ input: ByteInput, into out: RecordWriter) throws -> Bool {
        let archive = TarArchive(source: input)
        while let member = try archive.nextMember() {
            guard let name = SlapOSTable.tableName(ofFile: member.path),
                  let index = SlapOSTable.index(named: name) else { continue }
            let source = ByteSource(name: member.name) { (buffer) throws(InputError) -> Int in
                do throws(ReadFailure) {
                    return try member.readBytes(into: buffer)
                } catch {
                    throw .pullFailed(message: error.description)
                }
            }
            guard try readDump(source, table: index, into: out) else { return false }
        }
        return true
    }

    /// One dump's rows; a read failure is thrown to the caller.
    private func readDump(_ input: ByteInput, table index: Int, into out: RecordWriter) throws -> Bool {
        let table = SlapOSTable.all[index]
        let reader = CSVReader(input: input, dialect: .csv)
        while try reader.next() {
            guard try row(reader, table, index, out) else { return false }
        }
        return true
    }

    private func row(_ reader: CSVReader, _ table: SlapOSTable, _ index: Int, _ out: RecordWriter)
        throws(OutputError) -> Bool {
        let file = reader.input.name, line = reader.lineNumber
        if let problem = reader.problem { return diagnostics.problem(problem, file: file, line: line) }
        guard reader.count == table.columns || reader.count == table.columns + 1 else {
            return diagnostics.problem(
                "expected \(table.columns) fields (\(table.columns + 1) with reported) in a \(table.name) row, found \(reader.count)",
                file: file, line: line)
        }
        guard let time = clock.epoch(date: reader.bytes(table.dateColumn), time: reader.bytes(table.timeColumn)) else {
            return diagnostics.problem(
                clock.refusal("date and time", "\(reader.string(table.dateColumn)) \(reader.string(table.timeColumn))"),
                file: file, line: line)
        }
        gauges.removeAll(keepingCapacity: true)
        for gauge in table.gauges {
            guard let value = number(reader, gauge.column) else {
                return diagnostics.problem("bad \(gauge.key) '\(reader.string(gauge.column))'", file: file, line: line)
            }
            gauges.append(gauge.scale == 1 ? value : value?.times(gauge.scale))
        }
        counters.removeAll(keepingCapacity: true)
        for counter in table.counters {
            guard let value = number(reader, counter.column) else {
                return diagnostics.problem("bad \(counter.source) '\(reader.string(counter.column))'", file: file, line: line)
            }
            counters.append(value)
        }
        let key = SeriesKey(table: index, name: table.seriesColumn.map { Array(reader.bytes($0)) } ?? [])
        let gap = maxGap[index]
        if let pending = series[key] {
            guard time > pending.time else {
                return diagnostics.problem("sample is not later than the one before it of \(describe(key, table))",
                                       file: file, line: line)
            }
            if time - pending.time > gap {
                // Nothing is known of the gap: the sample is held --max-gap
                // seconds and the counters start again from here.
                try write(pending, table, end: pending.time + gap, growth: false, out)
            } else {
                // A counter that went back was reset (a reboot, a restarted
                // process): normal data, said as a note.
                for i in table.counters.indices {
                    guard let now = counters[i], let before = pending.counters[i], now.value < before.value else { continue }
                    diagnostics.note(
                        "\(table.counters[i].source) of \(describe(key, table)) went back from \(before.description) to \(now.description); counted as a reset",
                        file: file, line: line)
                }
                try write(pending, table, end: time, growth: true, out)
            }
            pending.time = time
            pending.file = file
            pending.line = line
            swap(&pending.gauges, &gauges)
            swap(&pending.counters, &counters)
        } else {
            let identity = table.identity.map { reader.isAbsent($0.column) ? nil : Array(reader.bytes($0.column)) }
            series[key] = Pending(time: time, gauges: gauges, counters: counters, identity: identity, file: file, line: line)
        }
        try sweep(table: index, before: time, out)
        return true
    }

    /// A gauge or counter field: nil inside when empty, nil outside when bad.
    private func number(_ reader: CSVReader, _ column: Int) -> FieldNumber?? {
        if reader.isAbsent(column) { return .some(nil) }
        guard let value = FieldNumber(reader.bytes(column)) else { return nil }
        return .some(value)
    }

    /// Writes the interval of `pending` up to `end`: its gauges, and with
    /// `growth` the counters' growth to the sample now in `counters`.
    private func write(_ pending: Pending, _ table: SlapOSTable, end: Int64, growth: Bool, _ out: RecordWriter)
        throws(OutputError) {
        out.begin()
        out.string("source", "slapos")
        out.time("start", pending.time)
        out.time("end", end)
        out.literal("table", table.label)
        for (i, id) in table.identity.enumerated() {
            guard let bytes = pending.identity[i] else { continue }
            bytes.withUnsafeBytes { raw in
                if id.kind == .whole, let whole = FieldText.wholeNumber(raw) {
                    out.int(id.key, whole)
                } else {
                    out.string(id.key, bytes: raw)
                }
            }
        }
        for (i, gauge) in table.gauges.enumerated() {
            if let value = pending.gauges[i] { out.number(gauge.key, value) }
        }
        if growth {
            for (i, counter) in table.counters.enumerated() {
                guard let now = counters[i], let before = pending.counters[i] else { continue }
                out.number(counter.key, now.value >= before.value ? now.minus(before) : now)
            }
        }
        try out.end()
    }

    /// Writes and forgets the series of a table silent for longer than its
    /// --max-gap before `time`, looking at most once per --max-gap.
    private func sweep(table: Int, before time: Int64, _ out: RecordWriter) throws(OutputError) {
        let gap = maxGap[table]
        if lastSweep[table] == .min { lastSweep[table] = time }
        guard time - lastSweep[table] >= gap else { return }
        lastSweep[table] = time
        let stale = series.filter { $0.key.table == table && time - $0.value.time > gap }
        try writeHeld(stale, out)
        for key in stale.keys { series[key] = nil }
    }

    func finish(into out: RecordWriter) throws(OutputError) {
        try writeHeld(series, out)
        series = [:]
    }

    /// Last samples with no successor, held --max-gap seconds, in time
    /// then series order (so the output does not depend on hashing). A
    /// sample whose hold would end past the last time a record can hold
    /// (one taken in the last minutes of 9999) is reported instead; only
    /// the samples held at the end can be, as a sample followed by another
    /// ends at or before it.
    private func writeHeld(_ held: [SeriesKey: Pending], _ out: RecordWriter) throws(OutputError) {
        let ordered = held.sorted {
            ($0.value.time, $0.key.table) < ($1.value.time, $1.key.table)
                || ($0.value.time == $1.value.time && $0.key.table == $1.key.table
                    && $0.key.name.lexicographicallyPrecedes($1.key.name))
        }
        for (key, pending) in ordered {
            let table = SlapOSTable.all[key.table]
            let end = pending.time + maxGap[key.table]
            guard end <= RecordTimeRange.last else {
                _ = diagnostics.problem(
                    "the last sample of \(describe(key, table)), held --max-gap (\(maxGap[key.table]) s), would end at \(RFC3339.string(end)), after \(RFC3339.string(RecordTimeRange.last)), the last time a record can hold",
                    file: pending.file, line: pending.line)
                continue
            }
            try write(pending, table, end: end, growth: false, out)
        }
    }

    private func describe(_ key: SeriesKey, _ table: SlapOSTable) -> String {
        table.seriesColumn == nil ? "the host" : "'\(String(decoding: key.name, as: UTF8.self))'"
    }
}
