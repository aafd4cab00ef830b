import AcctCore

/// One value of a record as a table cell, typed, for formats that keep
/// types (a spreadsheet's number and date cells).
public enum Cell: Equatable, Sendable {
    case empty
    /// An integer of the record format, up to 128 bits.
    case integer(Int128)
    case float(Double)
    case string(String)
    /// A time key (`start`, `end`) as the display zone's wall clock shows
    /// it: seconds since 1970-01-01 00:00:00 on that clock (in UTC, the
    /// instant's seconds since the epoch).
    case time(Int64)
    case bool(Bool)
    /// An array or object, as its JSON text.
    case json(String)
}

/// Where typed rows go when a format needs the whole table (xlsx): acct-fmt
/// hands it each record's cells in column order, with the value that
/// chooses its sheet.
public protocol TableSink: AnyObject {
    /// `columns` are the record keys heading the columns.
    func begin(columns: [String]) throws
    func add(_ cells: [Cell], sheet: String) throws
    func finish() throws
}
