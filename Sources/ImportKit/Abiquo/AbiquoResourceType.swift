import AcctCore

/// Abiquo's `idAccountingResourceType` codes (wiki, 1-20) and the gauge
/// each detail row's `resourceUnits` becomes. The row covers one accounting
/// period at the largest size seen in it, so the units are a level held
/// for the period: a gauge, which acct-slice rolls up into unit-hours as
/// Abiquo's DAILY_USAGE_SUM_VW adds them up.
enum AbiquoResourceType {
    static func metric(_ code: Int64) -> (name: StaticString, metric: StaticString)? {
        switch code {
        case 1: return ("VirtualMachine-vcpu", "vcpus")
        case 2: return ("VirtualMachine-vram", "mem_mb")  // Abiquo's MB are MiB
        case 3: return ("VirtualMachine-vhd", "disk_bytes")
        case 4: return ("ExternalStorage", "external_storage_bytes")
        case 5: return ("IPAddress", "ips")
        case 6: return ("VLAN", "vlans")
        case 7: return ("VirtualMachine-hypervisorType", "hypervisor_type")
        case 8: return ("VirtualMachine-haHosted", "ha_hosted")
        case 9: return ("ReservedPhysicalMachine-cpu", "pm_cpus")
        case 10: return ("ReservedPhysicalMachine-ram", "pm_mem_mb")
        case 11: return ("RepositoryStorage", "repository_bytes")
        case 12: return ("VirtualMachine-antiAffinity", "anti_affinity")
        case 13: return ("VirtualMachine-tierhd", "tier_disk_bytes")
        case 14: return ("backup", "backups")
        case 15: return ("cpu_on", "cpu_on")
        case 16: return ("cpu_off", "cpu_off")
        case 17: return ("memory_on", "memory_on")
        case 18: return ("memory_off", "memory_off")
        case 19: return ("firewall", "firewalls")
        case 20: return ("loadbalancer", "load_balancers")
        default: return nil
        }
    }
}
