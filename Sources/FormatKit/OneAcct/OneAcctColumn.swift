import AcctCore

/// oneacct's columns (its `ACCT_TABLE`): the header text, the cell width
/// and which side a cell is aligned to, as OpenNebula 7's oneacct.yaml
/// sets them. `-o` with --oneacct takes these names, case-insensitive,
/// as `oneacct -l` does.
public enum OneAcctColumn: String, CaseIterable, Sendable {
    case uid = "UID"
    case vid = "VID"
    case seq = "SEQ"
    case hostname = "HOSTNAME"
    case action = "ACTION"
    case startTime = "START_TIME"
    case endTime = "END_TIME"
    case memory = "MEMORY"
    case cpu = "CPU"
    case netrx = "NETRX"
    case nettx = "NETTX"
    case disk = "DISK"

    /// The table oneacct prints without `-l`.
    public static let defaultTable: [OneAcctColumn] = [
        .vid, .hostname, .action, .startTime, .endTime, .memory, .cpu, .netrx, .nettx, .disk,
    ]

    /// oneacct --csv without `-l`: the owner's uid first.
    public static let defaultCSV: [OneAcctColumn] = [.uid] + defaultTable

    /// Cells are cut to this many characters and padded to it.
    var width: Int {
        switch self {
        case .uid, .vid: return 4
        case .seq, .cpu: return 3
        case .hostname: return 15
        case .action: return 16
        case .startTime, .endTime: return 14
        case .memory, .netrx, .nettx, .disk: return 6
        }
    }

    /// Text columns are padded on the right; the rest on the left.
    var leftAligned: Bool { self == .hostname || self == .action }

    /// A name as `-o` gives it, in any case.
    public init?(name: String) {
        self.init(rawValue: name.uppercased())
    }

    /// Reads an `-o` list (`+LIST` appends to `defaults`); throws the first
    /// name that is not a column.
    public static func parse(_ list: String, defaults: [OneAcctColumn]) throws(UnknownName) -> [OneAcctColumn] {
        let appending = list.hasPrefix("+")
        var columns = appending ? defaults : []
        for name in list.drop(while: { $0 == "+" }).split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = String(name.filter { $0 != " " })
            guard let column = OneAcctColumn(name: trimmed) else { throw UnknownName(name: String(name)) }
            if appending && columns.contains(column) { continue }
            columns.append(column)
        }
        return columns
    }

    /// A name `-o` gave that oneacct has no column for.
    public struct UnknownName: Error, CustomStringConvertible {
        public let name: String

        public var description: String {
            "unknown oneacct column '\(name)' (columns: \(OneAcctColumn.allCases.map(\.rawValue).joined(separator: " ")))"
        }
    }
}
