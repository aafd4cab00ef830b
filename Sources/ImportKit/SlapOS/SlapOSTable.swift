import AcctCore

/// The collector's SQLite tables (slapos/collect/db.py) as their dumps
/// write them: `SELECT *` rows without a header, so the columns are known
/// by position, followed by the `reported` flag.
struct SlapOSTable {
    enum Identity {
        case text
        /// A REAL column holding a whole number (`1234.0`): an integer.
        case whole
    }

    let name: String
    /// The record's `table` value.
    let label: StaticString
    /// Columns before `reported` (a dump may lack it).
    let columns: Int
    let dateColumn: Int
    let timeColumn: Int
    /// The column naming a series (a process, a partition, a device); nil
    /// for the one series of the host.
    let seriesColumn: Int?
    let identity: [(key: StaticString, column: Int, kind: Identity)]
    /// Levels, held until the next sample; `scale` turns the unit into the
    /// metric's (KiB to bytes).
    let gauges: [(key: StaticString, column: Int, scale: Int64)]
    /// Cumulative counters, written as the growth to the next sample.
    let counters: [(key: StaticString, column: Int, source: String)]
    /// How long a sample is held at most when no next one comes: a little
    /// more than the collector's interval for the table, so that a late run
    /// leaves no hole and a series that ended is not stretched.
    let defaultMaxGap: Int64

    static let user = SlapOSTable(
        name: "user", label: "user", columns: 12, dateColumn: 10, timeColumn: 11, seriesColumn: 2,
        identity: [("user", 0, .text), ("pid", 1, .whole), ("process", 2, .text)],
        gauges: [("cpu_percent", 3, 1), ("threads", 5, 1), ("memory_percent", 6, 1), ("rss_bytes", 7, 1)],
        counters: [("cpu_seconds", 4, "cpu_time"), ("io_bytes", 8, "io_rw_counter"), ("io_ops", 9, "io_cycles_counter")],
        defaultMaxGap: everyMinute)

    static let system = SlapOSTable(
        name: "system", label: "system", columns: 12, dateColumn: 10, timeColumn: 11, seriesColumn: nil,
        identity: [],
        gauges: [("loadavg", 0, 1), ("cpu_percent", 1, 1), ("mem_used_bytes", 2, 1), ("mem_free_bytes", 3, 1)],
        counters: [("net_rx_bytes", 4, "net_in_bytes"), ("net_rx_errors", 5, "net_in_errors"),
                   ("net_rx_dropped", 6, "net_in_dropped"), ("net_tx_bytes", 7, "net_out_bytes"),
                   ("net_tx_errors", 8, "net_out_errors"), ("net_tx_dropped", 9, "net_out_dropped")],
        defaultMaxGap: everyMinute)

    /// `du -s` of a partition, in KiB, taken once the collector's
    /// `disk_snapshot_time_cycle` (86400 s by default) has passed since the
    /// last one: a day and the minute of the run that notices, or more
    /// when a slow `du` still holds its pid file. Held up to 25 hours.
    static let folder = SlapOSTable(
        name: "folder", label: "folder", columns: 4, dateColumn: 2, timeColumn: 3, seriesColumn: 0,
        identity: [("user", 0, .text)],
        gauges: [("disk_bytes", 1, 1024)],
        counters: [],
        defaultMaxGap: 90_000)

    static let disk = SlapOSTable(
        name: "disk", label: "disk", columns: 6, dateColumn: 4, timeColumn: 5, seriesColumn: 0,
        identity: [("device", 0, .text), ("mountpoint", 3, .text)],
        gauges: [("used_bytes", 1, 1), ("free_bytes", 2, 1)],
        counters: [],
        defaultMaxGap: everyMinute)

    /// Processes, the host and its disks are sampled at each run, which
    /// cron starts every minute: held two minutes, so one missed run
    /// leaves no hole.
    static let everyMinute: Int64 = 120

    static let all = [user, system, folder, disk]

    /// Tables the collector has that hold no usage (inventory, sensors).
    static let notImported: Set<String> = ["computer", "temperature", "heating"]

    /// The position in `all` of the table called `name`.
    static func index(named name: String) -> Int? {
        all.firstIndex { $0.name == name }
    }

    /// `dump_user.csv` (any folder, compressed or not) names the user table.
    static func tableName(ofFile path: String) -> String? {
        var base = Substring(path)
        if let slash = base.lastIndex(of: "/") { base = base[base.index(after: slash)...] }
        for suffix in [".zst", ".gz", ".csv"] where base.hasSuffix(suffix) { base = base.dropLast(suffix.count) }
        guard base.hasPrefix("dump_") else { return nil }
        return String(base.dropFirst(5))
    }
}
