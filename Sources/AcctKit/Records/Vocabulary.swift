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
