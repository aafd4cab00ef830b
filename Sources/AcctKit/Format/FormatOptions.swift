/// How acct-fmt renders records.
public struct FormatOptions {
    public enum Style: Equatable {
        case table, csv, tsv, json, xml, xlsx(path: String)
    }

    public var style: Style = .table
    /// `-o a,b,c`; with `append`, added after the default columns (`-o +x`).
    public var columns: [String]?
    public var appendColumns = false
    /// A section (table, CSV, TSV) or worksheet grouping per value of this key.
    public var split: String?
    public var header = true
    /// Read every record first to size the table's columns.
    public var fit = false
    /// Numbers as they stand in the stream: no K/M/G units, no rounding.
    public var rawUnits = false
    public var pretty = false
    /// Bold header: only when standard output is a terminal.
    public var bold = false
    public var zone: Zone = .utc
    /// `--oneacct`: OpenNebula oneacct's table or CSV instead of `style`.
    public var oneacct: OneAcctOptions?

    public init() {}
}

/// Turns each record into output; `columns` are decided from the first record.
protocol RecordFormatter: AnyObject {
    func begin(columns: [String]) throws(OutputError)
    /// `nodes[i]` is the tape node of `columns[i]` in this record, or nil.
    func write(_ tape: JSONTape, nodes: [Int?], line: UnsafeRawBufferPointer) throws(OutputError)
    func finish() throws(OutputError)
}
