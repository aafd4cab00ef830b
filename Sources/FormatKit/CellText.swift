import AcctCore

/// A record value as text for a table (people) or a delimited file
/// (programs), straight from the tape.
enum CellText {
    /// Table text: times in the zone as `YYYY-MM-DD HH:MM:SS`, sizes in
    /// human units, floats rounded for reading (to the decimals of
    /// --precision when given); with `raw`, numbers as they stand in the
    /// stream. `scale` is `HumanUnits.scale(of:)` of the
    /// column's key, worked out once per column.
    static func table(_ tape: JSONTape, _ node: Int, scale: Int?, options: FormatOptions) -> String {
        switch tape.kind(node) {
        case .string:
            if tape.isTimeKey(node), let time = tape.time(node) {
                return localTime(time, options.common.zone)
            }
            return tape.string(node)
        case .int:
            if !options.rawUnits, let scale {
                return HumanUnits.text(tape.double(node), scale: scale)
            }
            // Every digit, however wide.
            return String(tape.integer(node))
        case .float:
            if let places = options.precision, options.rawUnits || scale == nil {
                return DecimalPlaces.text(tape.rawBytes(node), places: places)
            }
            if options.rawUnits { return String(decoding: tape.rawBytes(node), as: UTF8.self) }
            if let scale { return HumanUnits.text(tape.double(node), scale: scale) }
            return HumanUnits.plain(tape.double(node))
        case .bool, .object, .array:
            return String(decoding: tape.rawBytes(node), as: UTF8.self)
        case .null:
            return ""
        }
    }

    static func localTime(_ epoch: Int64, _ zone: Zone) -> String {
        let t = zone.isUTC ? CivilTime(epochSeconds: epoch) : zone.local(epoch).civil
        guard (0...9999).contains(t.year) else {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(t.year)-\(two(t.month))-\(two(t.day)) \(two(t.hour)):\(two(t.minute)):\(two(t.second))"
        }
        // Every row has one or two: digits into a fixed buffer, no interpolation.
        return String(unsafeUninitializedCapacity: 19) { out in
            func put(_ n: Int, _ digits: Int, at offset: Int) {
                var n = n
                for i in stride(from: offset + digits - 1, through: offset, by: -1) {
                    out[i] = UInt8(ascii: "0") + UInt8(n % 10)
                    n /= 10
                }
            }
            put(t.year, 4, at: 0)
            out[4] = UInt8(ascii: "-")
            put(t.month, 2, at: 5)
            out[7] = UInt8(ascii: "-")
            put(t.day, 2, at: 8)
            out[10] = UInt8(ascii: " ")
            put(t.hour, 2, at: 11)
            out[13] = UInt8(ascii: ":")
            put(t.minute, 2, at: 14)
            out[16] = UInt8(ascii: ":")
            put(t.second, 2, at: 17)
            return 19
        }
    }

    /// The instant of a `start`/`end` value, which output formats rewrite
    /// in the display zone; nil when it is not a time key, or, in UTC, when
    /// it is already written as the rewrite would (`...Z`, whole seconds).
    static func timeToRewrite(_ tape: JSONTape, _ node: Int, in zone: DisplayZone) -> Int64? {
        guard tape.kind(node) == .string, tape.isTimeKey(node) else { return nil }
        let raw = tape.rawBytes(node)
        if zone.isUTC && raw.count == 20 && raw[19] == UInt8(ascii: "Z") { return nil }
        return RFC3339.parse(raw)
    }

    /// Whether a column's values line up on the right (numbers).
    static func isNumeric(_ kind: JSONKind) -> Bool { kind == .int || kind == .float }
}
