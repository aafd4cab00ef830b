import AcctCore

/// One record's values for oneacct's columns, formatted as oneacct
/// formats them but not yet cut to width (CSV writes them whole).
///
/// The record is what `acct-import --from opennebula` writes (see
/// acct-records(5)). oneacct reads each cell from the HISTORY's VM
/// snapshot (`VM/TEMPLATE/MEMORY`, `VM/MONITORING/NETRX`, ...): where only
/// the value's own element is missing, Ruby's `nil.to_i` is 0, so MEMORY
/// is `0M`, NETRX/NETTX/DISK `0K` and CPU empty; where an element above it
/// is missing (the record's `missing` names it), indexing nil raises and
/// oneacct's rescue prints `-`. A missing ACTION is `nil.to_i`, code 0,
/// `none`.
enum OneAcctCells {
    /// A `start` or `end` that is there but is not an RFC 3339 time.
    struct BadTime: Error {
        let key: String
    }

    /// The cells of `columns`; `csv` puts the owner (`user`) in UID, as
    /// oneacct --csv does, where the table shows `action_uid`. With
    /// `neutralize`, a cell that is the record's own text and that a
    /// spreadsheet would run as a formula gets a leading apostrophe.
    static func cells(_ tape: JSONTape, columns: [OneAcctColumn], csv: Bool, zone: Zone, neutralize: Bool = false) throws(BadTime) -> [String] {
        let missing = Missing(tape)
        var cells: [String] = []
        cells.reserveCapacity(columns.count)
        for column in columns {
            cells.append(try cell(tape, column, csv: csv, zone: zone, missing: missing, neutralize: neutralize))
        }
        return cells
    }

    static func cell(_ tape: JSONTape, _ column: OneAcctColumn, csv: Bool, zone: Zone, missing: Missing,
                     neutralize: Bool = false) throws(BadTime) -> String {
        func member(_ key: String) -> Int? { tape.member(JSONTape.root, named: key) }
        /// A value shown as the record has it: only a string can be a formula.
        func shown(_ node: Int?) -> String {
            let value = text(tape, node)
            guard neutralize, let node, tape.kind(node) == .string else { return value }
            return FormulaText.neutralized(value)
        }
        switch column {
        case .uid: return shown(member(csv ? "user" : "action_uid"))
        case .vid: return shown(member("vm"))
        case .seq: return shown(member("seq"))
        case .hostname: return shown(member("host"))
        case .action:
            let name = action(tape)
            return neutralize ? FormulaText.neutralized(name) : name
        case .startTime: return try time(tape, member("start"), key: "start", zone: zone)
        case .endTime: return try time(tape, member("end"), key: "end", zone: zone)
        case .memory:
            if missing.template { return "-" }
            return size(integer(tape, member("mem_mb")), unit: .mega)
        case .cpu:
            if missing.template { return "-" }
            return shown(member("cpu"))
        case .netrx:
            if missing.monitoring { return "-" }
            return size(integer(tape, member("netrx")).map { $0 / 1024.0 }, unit: .kilo)
        case .nettx:
            if missing.monitoring { return "-" }
            return size(integer(tape, member("nettx")).map { $0 / 1024.0 }, unit: .kilo)
        case .disk:
            if missing.vm { return "-" }
            return size(integer(tape, member("disk_mb")).map { $0 * 1024.0 }, unit: .kilo)
        }
    }

    /// The parts of the VM snapshot that the record's `missing` names
    /// (`VM`, `VM/TEMPLATE`, `VM/MONITORING`, separated by spaces), as
    /// acct-import writes it; without the VM, neither of the others is
    /// there either.
    struct Missing {
        let vm: Bool
        let template: Bool
        let monitoring: Bool

        init(vm: Bool = false, template: Bool = false, monitoring: Bool = false) {
            self.vm = vm
            self.template = template || vm
            self.monitoring = monitoring || vm
        }

        init(_ tape: JSONTape) {
            var vm = false, template = false, monitoring = false
            if let node = tape.member(JSONTape.root, named: "missing"), tape.kind(node) == .string {
                tape.withStringBytes(node) { bytes in
                    for part in bytes.split(separator: UInt8(ascii: " ")) {
                        if part.elementsEqual("VM".utf8) { vm = true }
                        if part.elementsEqual("VM/TEMPLATE".utf8) { template = true }
                        if part.elementsEqual("VM/MONITORING".utf8) { monitoring = true }
                    }
                }
            }
            self.init(vm: vm, template: template, monitoring: monitoring)
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

    /// The name for `action_code` as oneacct looks it up, nothing for a
    /// code its list lacks (64 and 65); without a code, the `action`
    /// string the record carries, else `none`: a HISTORY without ACTION
    /// is Ruby's `nil.to_i`, code 0.
    static func action(_ tape: JSONTape) -> String {
        if let node = tape.member(JSONTape.root, named: "action_code"), tape.kind(node) == .int {
            return tape.int64(node).flatMap { actionName($0) } ?? ""
        }
        if let node = tape.member(JSONTape.root, named: "action"), tape.kind(node) == .string {
            return tape.string(node)
        }
        return OpenNebulaAction.names[0]
    }

    /// oneacct's `HISTORY_ACTION[code]`: a Ruby array, so a negative code
    /// counts from the end (-1 is the last name, `exec-cancel`).
    static func actionName(_ code: Int64) -> String? {
        let count = Int64(OpenNebulaAction.names.count)
        if code < 0 && code >= -count { return OpenNebulaAction.names[Int(count + code)] }
        return OpenNebulaAction.name(code)
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

    /// Ruby's `to_i` of the value: absent or null is 0; a number or a
    /// string is read up to its first non-digit, as Ruby reads the XML
    /// text the number was written from (`512.7` is 512, `1e3` is 1); nil
    /// (Ruby raises, oneacct prints `-`) for booleans, arrays and objects.
    static func integer(_ tape: JSONTape, _ node: Int?) -> Double? {
        guard let node else { return 0 }
        switch tape.kind(node) {
        case .null: return 0
        case .int: return tape.double(node)
        case .float: return leadingInteger(tape.rawBytes(node))
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
