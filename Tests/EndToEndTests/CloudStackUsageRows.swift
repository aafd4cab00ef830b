import Foundation

/// The `cloud_usage` table as CloudStack's schema and upgrades make it, and
/// rows as its usage server writes them, for CloudStackMariaDBTests: every
/// usage type, daily windows in GMT and in Europe/Paris (the day the clocks
/// go forward included), hourly windows, VM snapshot rows that end at the
/// snapshot, NULLs, tabs, newlines, backslashes and non-ASCII text, and
/// hidden rows.
enum UsageRows {
    /// Column names and types from CloudStack's create-schema-premium.sql
    /// and the upgrades that appended columns since, in their order.
    static let schema = """
        CREATE DATABASE cloud_usage;
        CREATE TABLE cloud_usage.cloud_usage (
          id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
          zone_id BIGINT UNSIGNED NOT NULL,
          account_id BIGINT UNSIGNED NOT NULL,
          domain_id BIGINT UNSIGNED NOT NULL,
          description VARCHAR(1024) NOT NULL,
          usage_display VARCHAR(255) NOT NULL,
          usage_type INT(1) UNSIGNED,
          raw_usage DOUBLE UNSIGNED NOT NULL,
          vm_instance_id BIGINT UNSIGNED,
          vm_name VARCHAR(255),
          offering_id BIGINT UNSIGNED,
          template_id BIGINT UNSIGNED,
          usage_id BIGINT UNSIGNED,
          type VARCHAR(32),
          size BIGINT UNSIGNED,
          network_id BIGINT UNSIGNED,
          start_date DATETIME NOT NULL,
          end_date DATETIME NOT NULL,
          virtual_size BIGINT UNSIGNED,
          cpu_speed INT(10) UNSIGNED,
          cpu_cores INT(10) UNSIGNED,
          memory INT(10) UNSIGNED,
          quota_calculated TINYINT(1) NOT NULL DEFAULT 0,
          is_hidden SMALLINT(1) NOT NULL DEFAULT 0,
          state VARCHAR(100) DEFAULT NULL,
          PRIMARY KEY (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8;
        """

    /// The counter each type's raw_usage becomes.
    static let counters: [Int: String] = [
        1: "vm_running_hours", 2: "vm_allocated_hours", 3: "ip_hours", 4: "net_tx_bytes", 5: "net_rx_bytes",
        10: "security_group_hours", 11: "lb_policy_hours", 12: "pf_rule_hours", 13: "network_offering_hours",
        14: "vpn_user_hours", 21: "disk_read_ops", 22: "disk_write_ops", 23: "disk_read_bytes", 24: "disk_write_bytes",
        30: "network_hours", 31: "vpc_hours",
    ]

    /// One row; nil is NULL.
    private struct Row {
        var account = 2, type = 1
        var raw: Double
        var start: String, end: String
        var description = "usage"
        var vm: Int?, vmName: String?, offering: Int?, template: Int?, usageID: Int?, kind: String?
        var size: Int?, network: Int?, virtualSize: Int?, cpu: (speed: Int, cores: Int, memory: Int)?
        var hidden = false, state: String?

        var values: String {
            let fields: [String] = [
                "1", "\(account)", "1", text(description), text(String(format: "%.6g Hrs", raw)), "\(type)", "\(raw)",
                int(vm), text(vmName), int(offering), int(template), int(usageID), text(kind), int(size), int(network),
                text(start), text(end), int(virtualSize), int(cpu?.speed), int(cpu?.cores), int(cpu?.memory), "0",
                hidden ? "1" : "0", text(state),
            ]
            return "(" + fields.joined(separator: ", ") + ")"
        }

        private func int(_ value: Int?) -> String { value.map(String.init) ?? "NULL" }

        /// A MariaDB string literal: backslash and quote escaped, a tab and
        /// a line end as \t and \n.
        private func text(_ value: String?) -> String {
            guard let value else { return "NULL" }
            var out = "'"
            for c in value {
                switch c {
                case "\\": out += "\\\\"
                case "'": out += "\\'"
                case "\t": out += "\\t"
                case "\n": out += "\\n"
                default: out.append(c)
                }
            }
            return out + "'"
        }
    }

    /// Hours as the usage server computes them: milliseconds from the
    /// clipped start to the clipped end, plus one, in Float arithmetic.
    private static func hours(milliseconds: Int) -> Double {
        Double(Float(milliseconds) / 1000 / 60 / 60)
    }

    private static func day(_ date: String) -> (String, String) { ("\(date) 00:00:00", "\(date) 23:59:59") }

    private static var rows: [Row] {
        let gib = 1 << 30
        let (d1s, d1e) = day("2024-03-01")
        let (d2s, d2e) = day("2024-03-02")
        let offeringCPU = (speed: 2000, cores: 2, memory: 4096)
        var rows: [Row] = []
        // Account 2: GMT days.
        for (s, e, running) in [(d1s, d1e, 24.0), (d2s, d2e, hours(milliseconds: 49_347_000 + 1))] {
            rows.append(Row(type: 1, raw: running, start: s, end: e, description: "web running time",
                            vm: 10, vmName: "web\t\"prod\"", offering: 17, template: 5, usageID: 10, kind: "KVM", cpu: offeringCPU))
            rows.append(Row(type: 2, raw: 24, start: s, end: e, description: "web allocated time",
                            vm: 10, vmName: "web\t\"prod\"", offering: 17, template: 5, usageID: 10, kind: "KVM", cpu: offeringCPU))
        }
        rows.append(Row(type: 3, raw: 24, start: d1s, end: d1e, description: "IPAddress: 10.1.1.20\nsource NAT",
                        usageID: 31, kind: "VirtualNetwork", size: 1))
        // System IP addresses, hidden from the usage listing.
        rows.append(Row(type: 3, raw: 24, start: d1s, end: d1e, description: "IPAddress: 10.1.1.2", usageID: 32, size: 0, hidden: true))
        rows.append(Row(type: 3, raw: 24, start: d2s, end: d2e, description: "IPAddress: 10.1.1.2", usageID: 32, size: 0, hidden: true))
        rows.append(Row(type: 4, raw: 1_000_000, start: d1s, end: d1e, description: "Bytes sent by network ID: 204",
                        usageID: 12, kind: "DomainRouter", network: 204))
        rows.append(Row(type: 5, raw: 4_000_000_000, start: d1s, end: d1e, description: "Bytes received by network ID: 204",
                        usageID: 12, kind: "DomainRouter", network: 204))
        for (s, e) in [(d1s, d1e), (d2s, d2e)] {
            rows.append(Row(type: 6, raw: 24, start: s, end: e, description: "Volume Id: 55 usage time (DiskOffering: 3)",
                            vm: 10, offering: 3, usageID: 55, size: 10 * gib))
        }
        rows.append(Row(type: 7, raw: 24, start: d1s, end: d1e, description: "Template Id:5 Size:2147483648",
                        template: 5, usageID: 5, size: 2 * gib, virtualSize: 10 * gib))
        rows.append(Row(type: 8, raw: 24, start: d1s, end: d1e, description: "ISO Id:8", template: 8, usageID: 8, size: gib / 2))
        rows.append(Row(type: 9, raw: hours(milliseconds: 23_400_000 + 1), start: d1s, end: d1e,
                        description: "Snapshot Id: 77 C:\\backups\\daily", usageID: 77, size: gib))
        for (type, raw) in [(10, 24.0), (11, 12.25), (12, 24.0), (13, 24.0), (14, hours(milliseconds: 3_600_000 + 1))] {
            rows.append(Row(type: type, raw: raw, start: d1s, end: d1e, description: "type \(type)", vm: 10, usageID: 100 + type))
        }
        for (type, raw) in [(21, 12_345.0), (22, 678.0), (23, 1.5e9), (24, 98_765_432_109.0)] {
            rows.append(Row(type: type, raw: raw, start: d1s, end: d1e, description: "disk io", vm: 10, usageID: 55, kind: "Volume"))
        }
        // A VM snapshot taken at 14:23:59: the row before ends there, the
        // next begins there.
        rows.append(Row(type: 25, raw: hours(milliseconds: 51_839_000 + 1), start: d1s, end: "2024-03-01 14:23:59",
                        description: "VMSnapshot Id: 71", vm: 10, offering: 3, usageID: 71, size: 3 * gib))
        rows.append(Row(type: 25, raw: hours(milliseconds: 34_560_999 + 1), start: "2024-03-01 14:23:59", end: d1e,
                        description: "VMSnapshot Id: 71", vm: 10, offering: 3, usageID: 71, size: 4 * gib))
        rows.append(Row(type: 26, raw: 24, start: d1s, end: d1e, description: "Volume on secondary", usageID: 56, size: 20 * gib))
        rows.append(Row(type: 27, raw: hours(milliseconds: 7_200_000 + 1), start: d1s, end: d1e,
                        description: "VMSnapshot on primary", vm: 10, usageID: 72, size: 512 * (1 << 20)))
        rows.append(Row(type: 28, raw: 24, start: d1s, end: d1e, description: "Backup", vm: 10, usageID: 80, size: 7 * gib))
        rows.append(Row(type: 29, raw: Double(5 * gib), start: d1s, end: d1e, description: "Bucket Size", usageID: 90))
        rows.append(Row(type: 30, raw: 24, start: d1s, end: d1e, description: "Network usage for network ID: 204, network offering: 7",
                        offering: 7, usageID: 204, size: 0, state: "Implemented"))
        rows.append(Row(type: 31, raw: 24, start: d1s, end: d1e, description: "VPC usage for VPC ID: 300", usageID: 300, size: 0))
        // Account 3: a usage server aggregating in Europe/Paris; its days
        // are stored in GMT, 23:00 to 22:59:59, 23 hours when the clocks go
        // forward.
        for (s, e, hours) in [("2024-03-29 23:00:00", "2024-03-30 22:59:59", 24.0), ("2024-03-30 23:00:00", "2024-03-31 21:59:59", 23.0)] {
            rows.append(Row(account: 3, type: 1, raw: hours, start: s, end: e, description: "running",
                            vm: 20, vmName: "café-日本 C:\\vm\nline two", offering: 18, template: 5, usageID: 20, kind: "KVM"))
            rows.append(Row(account: 3, type: 6, raw: hours, start: s, end: e, description: "Volume Id: 60",
                            vm: 20, offering: 3, usageID: 60, size: 5 * gib))
            rows.append(Row(account: 3, type: 29, raw: Double(gib), start: s, end: e, description: "Bucket Size", usageID: 91))
        }
        rows.append(Row(account: 3, type: 2, raw: 24, start: "2024-03-29 23:00:00", end: "2024-03-30 22:59:59",
                        description: "allocated", vm: 21, vmName: "NULL", offering: 18, template: 5, usageID: 21, kind: "KVM"))
        // Account 4: hourly windows.
        rows.append(Row(account: 4, type: 1, raw: 1, start: "2024-03-01 10:00:00", end: "2024-03-01 10:59:59",
                        description: "hourly", vm: 30, vmName: "batch", offering: 17, template: 5, usageID: 30, kind: "KVM"))
        rows.append(Row(account: 4, type: 29, raw: Double(2 * gib), start: "2024-03-01 10:00:00", end: "2024-03-01 10:59:59",
                        description: "Bucket Size", usageID: 92))
        return rows
    }

    static var inserts: String {
        "INSERT INTO cloud_usage (zone_id, account_id, domain_id, description, usage_display, usage_type, raw_usage, "
            + "vm_instance_id, vm_name, offering_id, template_id, usage_id, type, size, network_id, start_date, end_date, "
            + "virtual_size, cpu_speed, cpu_cores, memory, quota_calculated, is_hidden, state) VALUES\n"
            + rows.map(\.values).joined(separator: ",\n") + ";"
    }
}
