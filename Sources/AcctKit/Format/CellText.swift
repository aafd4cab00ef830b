/// A record value as text for a table (people) or a delimited file
/// (programs), straight from the tape.
enum CellText {
    /// Table text: times in the zone as `YYYY-MM-DD HH:MM:SS`, sizes in
    /// human units, floats rounded for reading; with `raw`, numbers as they
    /// stand in the stream.
    static func table(_ tape: JSONTape, _ node: Int, key: String, options: FormatOptions) -> String {
        switch tape.kind(node) {
        case .string:
            if tape.isTimeKey(node), let time = tape.time(node) {
                return localTime(time, options.zone)
            }
            return tape.string(node)
        case .int:
            if !options.rawUnits, let scale = HumanUnits.scale(of: key) {
                return HumanUnits.text(Double(tape.int64(node)), scale: scale)
            }
            return String(tape.int64(node))
        case .float:
            if options.rawUnits { return String(decoding: tape.rawBytes(node), as: UTF8.self) }
            if let scale = HumanUnits.scale(of: key) { return HumanUnits.text(tape.double(node), scale: scale) }
            return HumanUnits.plain(tape.double(node))
        case .bool, .object, .array:
            return String(decoding: tape.rawBytes(node), as: UTF8.self)
        case .null:
            return ""
        }
    }

    static func localTime(_ epoch: Int64, _ zone: Zone) -> String {
        let t = zone.isUTC ? CivilTime(epochSeconds: epoch) : zone.local(epoch).civil
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(t.year)-\(two(t.month))-\(two(t.day)) \(two(t.hour)):\(two(t.minute)):\(two(t.second))"
    }

    /// The instant of a `start`/`end` value written with an offset or a
    /// fraction, which output formats rewrite in UTC (`...Z`); nil when it
    /// is already so written, or not a time key.
    static func timeToRewrite(_ tape: JSONTape, _ node: Int) -> Int64? {
        guard tape.kind(node) == .string, tape.isTimeKey(node) else { return nil }
        let raw = tape.rawBytes(node)
        if raw.count == 20 && raw[19] == UInt8(ascii: "Z") { return nil }
        return RFC3339.parse(raw)
    }

    /// Whether a column's values line up on the right (numbers).
    static func isNumeric(_ kind: JSONKind) -> Bool { kind == .int || kind == .float }
}
