import AcctCore

/// The unit of a metric for the y axis's title, as acct-records(5) gives
/// it: a gauge's own unit, and for `NAME_hours` that unit times hours. A
/// metric counted in bytes, KiB, MiB, GiB or TiB says bytes, as its tick
/// labels carry the size letter (`1.5G`).
enum MetricUnit {
    private static let units: [String: String] = [
        "vcpus": "CPUs", "cpu": "CPUs", "pm_cpus": "CPUs", "cpu_on": "CPUs", "cpu_off": "CPUs",
        "disks": "disks", "nics": "network interfaces", "ips": "IP addresses", "vlans": "VLANs",
        "backups": "backups", "firewalls": "firewalls", "load_balancers": "load balancers",
        "iops_read": "operations/s", "iops_write": "operations/s",
        "net_tx": "packets/s", "net_rx": "packets/s",
        "cpu_minutes": "busy CPUs ÷ 60",
        "seconds": "seconds", "records": "rows", "cpu_seconds": "CPU seconds",
        "threads": "threads", "cpu_percent": "% of a CPU", "memory_percent": "% of memory",
        "loadavg": "load", "io_ops": "operations", "disk_read_ops": "operations", "disk_write_ops": "operations",
        "memory_on": "MiB", "memory_off": "MiB",
        "hypervisor_type": "machines", "ha_hosted": "machines", "anti_affinity": "machines",
        "net_rx_errors": "packets", "net_rx_dropped": "packets", "net_tx_errors": "packets", "net_tx_dropped": "packets",
    ]

    /// The unit of `metric`, or nil when the vocabulary gives none.
    static func unit(of metric: String) -> String? {
        if HumanUnits.scale(of: metric) != nil {
            return metric.hasSuffix("_hours") ? "bytes × hours" : "bytes"
        }
        if let unit = units[metric] { return unit }
        if metric.hasSuffix("_max") { return units[String(metric.dropLast(4))] }
        if metric.hasSuffix("_hours") {
            let base = String(metric.dropLast(6))
            if Vocabulary().kind(of: base) == .gauge, let unit = units[base] { return "\(unit) × hours" }
            // CloudStack's counters of hours (vm_running_hours).
            if Vocabulary.builtIn[metric] != nil { return "hours" }
        }
        return nil
    }

    /// The y axis's title: `vcpus_hours (CPUs × hours)`.
    static func title(of metric: String) -> String {
        unit(of: metric).map { "\(metric) (\($0))" } ?? metric
    }
}
