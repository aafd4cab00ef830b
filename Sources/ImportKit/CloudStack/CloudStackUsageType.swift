import AcctCore

/// CloudStack's usage types (UsageTypes.java) and the metric each row's
/// `raw_usage` becomes.
struct CloudStackUsageType {
    enum Metric {
        /// `raw_usage` is an amount: hours, bytes or operations.
        case counter(StaticString)
        /// `raw_usage` is hours a thing of `size` bytes was kept: the size
        /// becomes the gauge `size_bytes` and the hours `seconds`, so
        /// acct-slice rolls them up into `size_bytes_hours`, CloudStack's
        /// byte-hours (raw_usage × size).
        case storage
        /// `raw_usage` is a size in bytes seen during the window (a bucket;
        /// `size` is NULL): the size becomes `size_bytes` and the window's
        /// length `seconds`, so the byte-hours are size × window.
        case sizeOverWindow
    }

    let code: Int64
    let name: StaticString
    let metric: Metric

    /// Every type CloudStack defines (ids 15-20 are unused upstream);
    /// anything not here is kept with its raw code and reported once.
    static func of(_ code: Int64) -> CloudStackUsageType? {
        switch code {
        case 1: return .init(code: 1, name: "RUNNING_VM", metric: .counter("vm_running_hours"))
        case 2: return .init(code: 2, name: "ALLOCATED_VM", metric: .counter("vm_allocated_hours"))
        case 3: return .init(code: 3, name: "IP_ADDRESS", metric: .counter("ip_hours"))
        case 4: return .init(code: 4, name: "NETWORK_BYTES_SENT", metric: .counter("net_tx_bytes"))
        case 5: return .init(code: 5, name: "NETWORK_BYTES_RECEIVED", metric: .counter("net_rx_bytes"))
        case 6: return .init(code: 6, name: "VOLUME", metric: .storage)
        case 7: return .init(code: 7, name: "TEMPLATE", metric: .storage)
        case 8: return .init(code: 8, name: "ISO", metric: .storage)
        case 9: return .init(code: 9, name: "SNAPSHOT", metric: .storage)
        case 10: return .init(code: 10, name: "SECURITY_GROUP", metric: .counter("security_group_hours"))
        case 11: return .init(code: 11, name: "LOAD_BALANCER_POLICY", metric: .counter("lb_policy_hours"))
        case 12: return .init(code: 12, name: "PORT_FORWARDING_RULE", metric: .counter("pf_rule_hours"))
        case 13: return .init(code: 13, name: "NETWORK_OFFERING", metric: .counter("network_offering_hours"))
        case 14: return .init(code: 14, name: "VPN_USERS", metric: .counter("vpn_user_hours"))
        case 21: return .init(code: 21, name: "VM_DISK_IO_READ", metric: .counter("disk_read_ops"))
        case 22: return .init(code: 22, name: "VM_DISK_IO_WRITE", metric: .counter("disk_write_ops"))
        case 23: return .init(code: 23, name: "VM_DISK_BYTES_READ", metric: .counter("disk_read_bytes"))
        case 24: return .init(code: 24, name: "VM_DISK_BYTES_WRITE", metric: .counter("disk_write_bytes"))
        case 25: return .init(code: 25, name: "VM_SNAPSHOT", metric: .storage)
        case 26: return .init(code: 26, name: "VOLUME_SECONDARY", metric: .storage)
        case 27: return .init(code: 27, name: "VM_SNAPSHOT_ON_PRIMARY", metric: .storage)
        case 28: return .init(code: 28, name: "BACKUP", metric: .storage)
        case 29: return .init(code: 29, name: "BUCKET", metric: .sizeOverWindow)
        case 30: return .init(code: 30, name: "NETWORK", metric: .counter("network_hours"))
        case 31: return .init(code: 31, name: "VPC", metric: .counter("vpc_hours"))
        default: return nil
        }
    }
}
