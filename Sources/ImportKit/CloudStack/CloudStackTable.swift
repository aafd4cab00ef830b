/// CloudStack's `cloud_usage.cloud_usage` table as the usage server makes
/// it, for exports without a header line (`SELECT * ... INTO OUTFILE`,
/// `mysql -B -N`), whose fields come in the table's column order.
enum CloudStackTable {
    /// The columns in the order of a table created by CloudStack 4.0 or
    /// later (create-schema-premium.sql) and brought up to date by its
    /// upgrades, each of which appended its columns at the end. A table
    /// created before 4.0 and upgraded since has `type` and `network_id`
    /// elsewhere: its exports need their column names given.
    static let columns = [
        "id", "zone_id", "account_id", "domain_id", "description", "usage_display", "usage_type", "raw_usage",
        "vm_instance_id", "vm_name", "offering_id", "template_id", "usage_id", "type", "size", "network_id",
        "start_date", "end_date",
        // Appended by later upgrades, in this order: the template's or
        // volume's virtual size; the service offering's figures on virtual
        // machine rows; the quota plug-in's mark; rows the usage listing
        // leaves out (system IP addresses); a network's or VPC's state
        // (usage types 30 and 31).
        "virtual_size", "cpu_speed", "cpu_cores", "memory", "quota_calculated", "is_hidden", "state",
    ]

    /// The numbers of columns the table has had, oldest first: an export
    /// of one of these widths is read with the first that many columns.
    static let widths = [18, 19, 22, 23, 24, 25]

    /// The columns of a header-less row of `count` fields, if the table has
    /// had that width.
    static func columns(forWidth count: Int) -> [String]? {
        widths.contains(count) ? Array(columns.prefix(count)) : nil
    }
}
