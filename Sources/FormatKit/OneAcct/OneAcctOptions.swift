import AcctCore

/// What `acct-fmt --oneacct` was asked for: oneacct's table (or with
/// `csv`, its CSV), the columns, a table per VM, and oneacct's window.
public struct OneAcctOptions: Sendable {
    public var columns: [OneAcctColumn]
    public var csv: Bool
    /// `--split vm`: a table per VM inside each user's section.
    public var splitByVM = false
    /// `-s`: keep records still running at or after this time, and show
    /// it in the banner.
    public var start: Int64?
    /// `-e`: keep records that began before this time (already moved to
    /// the end of the day for a date), and show it in the banner.
    public var end: Int64?

    /// oneacct's default columns for the table or the CSV.
    public init(csv: Bool) {
        self.csv = csv
        columns = csv ? OneAcctColumn.defaultCSV : OneAcctColumn.defaultTable
    }
}
