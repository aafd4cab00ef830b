import AcctCore

/// One record's values for oneacct's columns, formatted as oneacct
/// formats them but not yet cut to width (CSV writes them whole).
///
/// The record is what `acct-import --from opennebula` writes (see
/// acct-records(5)); where a key is missing, the cell is what oneacct
/// shows when the XML element is missing: Ruby's `nil.to_i` is 0, so
/// MEMORY is `0M` and NETRX/NETTX/DISK `0K`; CPU and ACTION are empty.
enum OneAcctCells {
    /// A `start` or `end` that is there but is not an RFC 3339 time.
    struct BadTime: Error {
        let key: String
    }

    /// The cells of `columns`; `csv` puts the owner (`user`) in UID, as
    /// oneacct --csv does, where the table shows `action_uid`.
    static func cells(_ tape: JSONTape, columns: [OneAcctColumn], csv: Bool, zone: Zone) throws(BadTime) -> [String] {
        var cells: [String] = []
        cells.reserveCapacity(columns.count)
        for column in columns {
            cells.append(try cell(tape, column, csv: csv, zone: zone))
        }
        return cells
    }

    static func cell(_ tape: JSONTape, _ column: OneAcctColumn, csv: Bool, zone: Zone) throws(BadTime) -> String {
        func member(_ key: String) -> Int? { tape.member(JSONTape.root, named: key) }
        switch column {
        case .uid: return text(tape, member(csv ? "user" : "action_uid"))
        case .vid: return text(tape, member("vm"))
        case .seq: return text(tape, member("seq"))
        case .hostname: return text(tape, member("host"))
        case .action: return action(tape)
        case .startTime: return try time(tape, member("start"), key: "start", zone: zone)
        case .endTime: return try time(tape, member("end"), key: "end", zone: zone)
        case .memory: return size(integer(tape, member("mem_mb")), unit: .mega)
        case .cpu: return text(tape, member("cpu"))
        case .netrx: return size(integer(tape, member("netrx")).map { $0 / 1024.0 }, unit: .kilo)
        case .nettx: return size(integer(tape, member("nettx")).map { $0 / 1024.0 }, unit: .kilo)
        case .disk: return size(integer(tape, member("disk_mb")).map { $0 * 1024.0 }, unit: .kilo)
        }
    }

    /// The value as oneacct shows raw XML text: a string's contents, a
    /// number as written (`0.25`, `1`), nothing for null or absent.
    static func text(_ tape: JSONTape, _ node: Int?) -> String {
        guard let node else { return "" }
        switch tape.kind(node) {
        case .string: return tape.string(node)
        case .null: return ""
        default: return String(decoding: tape.rawBytes(node), as: UTF8.self)
        }
    }

    /// The name for `action_code` (oneacct's own list), else the `action`
    /// string the record carries, else nothing (codes 64 and 65).
    static func action(_ tape: JSONTape) -> String {
        if let node = tape.member(JSONTape.root, named: "action_code"), tape.kind(node) == .int,
           let code = tape.int64(node), let name = OpenNebulaAction.name(code) {
            return name
        }
        guard let node = tape.member(JSONTape.root, named: "action"), tape.kind(node) == .string else { return "" }
        return tape.string(node)
    }

    /// `%m/%d %H:%M:%S`, or `-` when there is no time (absent, null, or
    /// the epoch, which is how OpenNebula writes "not yet").
    static func time(_ tape: JSONTape, _ node: Int?, key: String, zone: Zone) throws(BadTime) -> String {
        guard let node, tape.kind(node) != .null else { return "-" }
        guard let epoch = tape.time(node) else { throw BadTime(key: key) }
        return OneAcctTime.cell(epoch, zone: zone)
    }

    /// A size as oneacct shows it; `-` where Ruby's formatting would raise.
    static func size(_ value: Double?, unit: OneAcctUnits.Unit) -> String {
        value.flatMap { OneAcctUnits.text($0, unit: unit) } ?? "-"
    }

    /// Ruby's `to_i` of the value: absent or null is 0, a float is cut
    /// toward zero, a string is read up to its first non-digit; nil (Ruby
    /// raises, oneacct prints `-`) for booleans, arrays and objects.
    static func integer(_ tape: JSONTape, _ node: Int?) -> Double? {
        guard let node else { return 0 }
        switch tape.kind(node) {
        case .null: return 0
        case .int: return tape.double(node)
        case .float: return tape.double(node).rounded(.towardZero)
        case .string: return tape.withStringBytes(node) { leadingInteger($0) }
        case .bool, .array, .object: return nil
        }
    }

    /// Ruby's `String#to_i`: blanks, a sign, then digits; 0 when none.
    static func leadingInteger(_ bytes: UnsafeRawBufferPointer) -> Double {
        var i = 0
        while i < bytes.count, bytes[i] == 32 || (9...13).contains(bytes[i]) { i += 1 }
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var value = 0.0
        while i < bytes.count, bytes[i] &- UInt8(ascii: "0") < 10 {
            value = value * 10 + Double(bytes[i] - UInt8(ascii: "0"))
            i += 1
        }
        return negative ? -value : value
    }
}
