/// The metric vocabulary of the record format: the one table saying which
/// numeric keys are metrics and of what kind. Every other key, numbers
/// included, is identity: copied onto sliced rows, never summed. Extended
/// whenever a decoder or importer emits a new metric, and printed in
/// acct-records(5).
public struct Vocabulary: Sendable {
    /// The built-in metrics.
    public static let builtIn: [String: MetricKind] = [
        "vcpus": .gauge,
        "cpu": .gauge,
        "mem_mb": .gauge,
        "disks": .gauge,
        "disk_gb": .gauge,
        "disk_mb": .gauge,
        "iops_read": .gauge,
        "iops_write": .gauge,
        "nics": .gauge,
        "net_tx": .gauge,
        "net_rx": .gauge,
        "cpu_minutes": .counter,
        "net_tx_bytes": .counter,
        "net_rx_bytes": .counter,
        "seconds": .counter,
        "records": .counter,
        // CloudStack (acct-import --from cloudstack): raw_usage by usage type.
        "vm_running_hours": .counter,
        "vm_allocated_hours": .counter,
        "ip_hours": .counter,
        "security_group_hours": .counter,
        "lb_policy_hours": .counter,
        "pf_rule_hours": .counter,
        "network_offering_hours": .counter,
        "vpn_user_hours": .counter,
        "disk_read_ops": .counter,
        "disk_write_ops": .counter,
        "disk_read_bytes": .counter,
        "disk_write_bytes": .counter,
        "network_hours": .counter,
        "vpc_hours": .counter,
        // Volumes, templates, ISOs, snapshots, buckets: with `seconds` =
        // hours kept, so the roll-up's size_bytes_hours is CloudStack's
        // byte-hours.
        "size_bytes": .gauge,
        // Abiquo (--from abiquo): accounting_event_vm and the resource
        // types of accounting_event_detail.
        "disk_bytes": .gauge,
        "external_storage_bytes": .gauge,
        "ips": .gauge,
        "vlans": .gauge,
        "hypervisor_type": .gauge,
        "ha_hosted": .gauge,
        "pm_cpus": .gauge,
        "pm_mem_mb": .gauge,
        "repository_bytes": .gauge,
        "anti_affinity": .gauge,
        "tier_disk_bytes": .gauge,
        "backups": .gauge,
        "cpu_on": .gauge,
        "cpu_off": .gauge,
        "memory_on": .gauge,
        "memory_off": .gauge,
        "firewalls": .gauge,
        "load_balancers": .gauge,
        // SlapOS (--from slapos): collector samples held as intervals,
        // cumulative counters differenced.
        "cpu_percent": .gauge,
        "threads": .gauge,
        "memory_percent": .gauge,
        "rss_bytes": .gauge,
        "cpu_seconds": .counter,
        "io_bytes": .counter,
        "io_ops": .counter,
        "loadavg": .gauge,
        "mem_used_bytes": .gauge,
        "mem_free_bytes": .gauge,
        "net_rx_errors": .counter,
        "net_rx_dropped": .counter,
        "net_tx_errors": .counter,
        "net_tx_dropped": .counter,
        "used_bytes": .gauge,
        "free_bytes": .gauge,
    ]

    private var overrides: [String: MetricKind] = [:]

    public init() {}

    /// `--gauge`/`--counter NAMES`: these names take the kind given,
    /// whatever the table says.
    public mutating func set(_ names: [String], to kind: MetricKind) {
        for name in names { overrides[name] = kind }
    }

    /// The kind of a key, or nil for identity keys.
    public func kind(of name: String) -> MetricKind? {
        if let kind = overrides[name] ?? Self.builtIn[name] { return kind }
        if name.hasSuffix("_max") { return .max }
        if name.hasSuffix("_hours") { return .counter }
        return nil
    }
}
