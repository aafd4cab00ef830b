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

/// The sheet a row goes to: that of a value of the split key, or that of
/// the records that lack the key, named after the key.
public enum SheetValue: Hashable, Sendable {
    case value(String)
    case lacking(key: String)
}

/// Where typed rows go when a format needs the whole table (xlsx): acct-fmt
/// hands it each record's cells in column order, with the sheet they go to;
/// a sheet's rows come together, sheet after sheet.
public protocol TableSink: AnyObject {
    /// `columns` are the record keys heading the columns.
    func begin(columns: [String]) throws
    /// One row; `total` marks the total row of `--total`.
    func add(_ cells: [Cell], sheet: SheetValue, total: Bool) throws
    func finish() throws
}

extension TableSink {
    /// A row of the sheet of `value`.
    public func add(_ cells: [Cell], sheet value: String) throws {
        try add(cells, sheet: .value(value), total: false)
    }
}
