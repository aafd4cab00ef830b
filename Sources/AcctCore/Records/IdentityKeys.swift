extension Vocabulary {
    /// Numeric keys the record format itself names as identity (acct-records(5)):
    /// the ids of accounts, machines and the like, and the importers' codes.
    /// acct-slice leaves them out of a roll-up without the note it gives for
    /// other numbers that are not metrics, which may be metrics the user
    /// forgot to name with --gauge or --counter.
    public static let identityKeys: Set<String> = [
        // The record format's identity keys.
        "account", "user", "group", "host", "cloudspace", "vm", "seq", "hid", "offering", "resource",
        // OpenNebula: closing action and its requester; the raw cumulative counters.
        "action_code", "action_uid", "reason_code", "netrx", "nettx",
        // CloudStack, Abiquo, SlapOS ids and codes.
        "domain", "zone", "usage_type", "usage_id", "template", "network", "vdc", "vapp", "pid", "resource_type",
        // A CloudStack VM's offering sizes: copied, never summed (the running
        // and the allocated row of one VM both carry them).
        "cpu_cores", "cpu_speed", "memory",
    ]
}
