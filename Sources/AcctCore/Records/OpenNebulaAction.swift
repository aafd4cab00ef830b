/// OpenNebula's history ACTION codes and the names oneacct prints for them.
///
/// The list is oneacct's own (its Ruby client), not the core's: code 37 is
/// `snapshot-resize` there (the core calls it snapshot-create), and 64 and
/// 65 (the core's vmgroup-add/-del) have no name, so oneacct prints an
/// empty cell. acct-import and acct-fmt --oneacct both read this one table.
public enum OpenNebulaAction {
    public static let names: [String] = [
        "none", "migrate", "live-migrate", "shutdown", "shutdown-hard", "undeploy", "undeploy-hard",
        "hold", "release", "stop", "suspend", "resume", "boot", "delete", "delete-recreate",
        "reboot", "reboot-hard", "resched", "unresched", "poweroff", "poweroff-hard", "disk-attach",
        "disk-detach", "nic-attach", "nic-detach", "disk-snapshot-create", "disk-snapshot-delete",
        "terminate", "terminate-hard", "disk-resize", "deploy", "chown", "chmod", "updateconf",
        "rename", "resize", "update", "snapshot-resize", "snapshot-delete", "snapshot-revert",
        "disk-saveas", "disk-snapshot-revert", "recover", "retry", "monitor", "disk-snapshot-rename",
        "alias-attach", "alias-detach", "poweroff-migrate", "poweroff-hard-migrate", "backup",
        "nic-update", "backup-cancel", "sched-add", "sched-update", "sched-delete", "sg-attach",
        "sg-detach", "pci-attach", "pci-detach", "restore", "exec", "exec-retry", "exec-cancel",
    ]

    /// The name oneacct prints for `code`, or nil when it has none.
    public static func name(_ code: Int64) -> String? {
        code >= 0 && code < names.count ? names[Int(code)] : nil
    }

    /// The legacy REASON names (OpenNebula 3.6 to 3.8, codes 0 to 4).
    public static let legacyReasons: [String] = ["none", "erro", "stop", "user", "canc"]
}
