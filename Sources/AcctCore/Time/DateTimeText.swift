/// The fields of a written date-time before any zone is applied, shared by
/// the RFC 3339 parser (stream times), `TimeSpec` (command-line times) and
/// the importers' naive times, which accept different subsets of the same
/// syntax.
///
/// Scans `YYYY-MM-DD[(T|t| )HH:MM[:SS[.fraction]][Z|z|±HH:MM]]` or a
/// compact `YYYYMMDD`, and checks every field's range.
///
/// A leap second, second 60, is accepted only where it can occur: with an
/// offset that puts it at 23:59:60 UTC on the last day of a month (ITU-R
/// TF.460 inserts them there). POSIX time, which the records count in,
/// has no leap seconds, and `civil.epochSeconds` then reads it as the
/// second after 23:59:59, 00:00:00 of the next day, as mktime(3) does.
public struct DateTimeText: Sendable {
    public enum Failure: Error, Equatable {
        /// Not this syntax at all.
        case syntax
        /// The syntax, with a field out of range: "day out of range for February 2023".
        case outOfRange(String)
    }

    public var civil = CivilTime(year: 0, month: 0, day: 0)
    /// Whether a time of day follows the date.
    public var hasTime = false
    public var hasSeconds = false
    /// The byte between date and time (`T`, `t` or space), 0 without a time.
    public var separator: UInt8 = 0
    /// Whether the date was written `YYYYMMDD`.
    public var isCompact = false
    /// Seconds east of UTC, when an offset (or `Z`) was written.
    public var offset: Int?

    public static func scan(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> DateTimeText {
        let text = bytes.assumingMemoryBound(to: UInt8.self)
        let n = text.count
        var result = DateTimeText()

        func number(_ at: Int, _ width: Int) throws(Failure) -> Int {
            guard at + width <= n else { throw .syntax }
            var value = 0
            for i in at..<(at + width) {
                let digit = text[i] &- UInt8(ascii: "0")
                guard digit < 10 else { throw .syntax }
                value = value * 10 + Int(digit)
            }
            return value
        }
        func expect(_ at: Int, _ byte: UInt8) throws(Failure) {
            guard at < n, text[at] == byte else { throw .syntax }
        }

        var i: Int
        if n == 8 {
            result.civil.year = try number(0, 4)
            result.civil.month = try number(4, 2)
            result.civil.day = try number(6, 2)
            result.isCompact = true
            i = 8
        } else {
            result.civil.year = try number(0, 4)
            try expect(4, UInt8(ascii: "-"))
            result.civil.month = try number(5, 2)
            try expect(7, UInt8(ascii: "-"))
            result.civil.day = try number(8, 2)
            i = 10
        }
        if i < n && !result.isCompact {
            let separator = text[i]
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else {
                throw .syntax
            }
            result.separator = separator
            result.hasTime = true
            result.civil.hour = try number(i + 1, 2)
            try expect(i + 3, UInt8(ascii: ":"))
            result.civil.minute = try number(i + 4, 2)
            i += 6
            if i < n && text[i] == UInt8(ascii: ":") {
                result.civil.second = try number(i + 1, 2)
                result.hasSeconds = true
                i += 3
                if i < n && text[i] == UInt8(ascii: ".") {
                    i += 1
                    let digits = i
                    while i < n && text[i] &- UInt8(ascii: "0") < 10 { i += 1 }
                    guard i > digits else { throw .syntax }
                }
            }
            if i < n {
                switch text[i] {
                case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                    result.offset = 0
                    i += 1
                case UInt8(ascii: "+"), UInt8(ascii: "-"):
                    let sign = text[i] == UInt8(ascii: "-") ? -1 : 1
                    let hours = try number(i + 1, 2)
                    try expect(i + 3, UInt8(ascii: ":"))
                    let minutes = try number(i + 4, 2)
                    guard hours <= 23 && minutes <= 59 else { throw .outOfRange("offset out of range") }
                    result.offset = sign * (hours * 3600 + minutes * 60)
                    i += 6
                default:
                    throw .syntax
                }
            }
        }
        guard i == n else { throw .syntax }
        try result.checkRanges()
        return result
    }

    private func checkRanges() throws(Failure) {
        guard (1...12).contains(civil.month) else { throw .outOfRange("month out of range") }
        guard civil.day >= 1 && civil.day <= CivilTime.daysInMonth(year: civil.year, month: civil.month) else {
            throw .outOfRange("day out of range for \(CivilTime.monthName(civil.month)) \(civil.year)")
        }
        guard civil.hour <= 23 else { throw .outOfRange("hour out of range") }
        guard civil.minute <= 59 else { throw .outOfRange("minute out of range") }
        guard civil.second <= 59 || isLeapSecond else { throw .outOfRange("second out of range") }
    }

    /// Whether the time is 23:59:60 UTC on the last day of a month.
    private var isLeapSecond: Bool {
        guard civil.second == 60, let offset else { return false }
        var before = civil
        before.second = 59
        let utc = CivilTime(epochSeconds: before.epochSeconds - Int64(offset))
        return utc.hour == 23 && utc.minute == 59 && utc.day == CivilTime.daysInMonth(year: utc.year, month: utc.month)
    }
}
