import AcctCore

/// Which keys become columns: `-o` as given, or defaults that follow the
/// data: OpenVCloud machine records, rolled-up rows (slice start, group
/// keys, totals), or for any other stream the keys of the first record.
enum ColumnPlan {
    static let openVCloud = [
        "account", "cloudspace", "vm", "status", "image", "vcpus", "mem_mb", "disk_gb", "cpu_minutes",
        "net_tx", "net_rx", "iops_read", "iops_write",
    ]

    static func columns(for tape: JSONTape, options: FormatOptions) -> [String] {
        if let given = options.columns, !options.appendColumns { return given }
        var keys: [String] = []
        var node = JSONTape.root + 1
        while node < tape.end(JSONTape.root) {
            keys.append(tape.key(node)!)
            node = tape.end(node)
        }
        var defaults: [String]
        let source = tape.member(JSONTape.root, named: "source").flatMap { tape.kind($0) == .string ? tape.string($0) : nil }
        if source == "ovc" && tape.member(JSONTape.root, named: "records") == nil {
            defaults = openVCloud
        } else if keys.contains("records") && keys.contains("seconds") {
            // A rolled-up row: its end follows from the slice and the grid.
            defaults = keys.filter { $0 != "end" }
        } else {
            defaults = keys
        }
        if options.appendColumns, let extra = options.columns {
            defaults += extra.filter { !defaults.contains($0) }
        }
        return defaults
    }
}
