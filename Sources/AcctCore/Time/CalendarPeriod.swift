/// A calendar period written on the command line: a year (`2024`), a month
/// (`2024-03`) or an ISO 8601 week (`2024-W09`), as the local dates it
/// spans. Days are counted since 1970-01-01, as `CivilTime` counts them.
public struct CalendarPeriod: Equatable, Sendable {
    /// The first day of the period.
    public let firstDay: Int64
    /// The day after its last.
    public let endDay: Int64

    public init(firstDay: Int64, endDay: Int64) {
        self.firstDay = firstDay
        self.endDay = endDay
    }

    public enum Failure: Error, Equatable {
        /// Not one of the three forms.
        case syntax
        /// One of the forms, with a field out of range: "week out of range for 2021 (it has 52 ISO weeks)".
        case outOfRange(String)
    }

    /// Reads `YYYY`, `YYYY-MM` or `YYYY-Www` (week 01 to 52 or 53).
    public static func scan(_ text: String) throws(Failure) -> CalendarPeriod {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) throws(Failure) -> Int {
            var value = 0
            for i in range {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit < 10 else { throw .syntax }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard bytes.count == 4 || bytes.count == 7 || bytes.count == 8 else { throw .syntax }
        let year = try digits(0..<4)
        if bytes.count == 4 {
            return CalendarPeriod(firstDay: CivilTime.daysFromCivil(year: year, month: 1, day: 1),
                                  endDay: CivilTime.daysFromCivil(year: year + 1, month: 1, day: 1))
        }
        guard bytes[4] == UInt8(ascii: "-") else { throw .syntax }
        if bytes.count == 7 {
            let month = try digits(5..<7)
            guard (1...12).contains(month) else { throw .outOfRange("month out of range") }
            let next = month == 12 ? (year: year + 1, month: 1) : (year: year, month: month + 1)
            return CalendarPeriod(firstDay: CivilTime.daysFromCivil(year: year, month: month, day: 1),
                                  endDay: CivilTime.daysFromCivil(year: next.year, month: next.month, day: 1))
        }
        guard bytes[5] == UInt8(ascii: "W") else { throw .syntax }
        let week = try digits(6..<8)
        let weeks = isoWeeks(in: year)
        guard week >= 1 && week <= weeks else {
            throw .outOfRange(week == 53 ? "week out of range for \(year) (it has 52 ISO weeks)" : "week out of range")
        }
        let first = isoWeekOneMonday(year) + Int64(week - 1) * 7
        return CalendarPeriod(firstDay: first, endDay: first + 7)
    }

    /// Monday-based day of the week of `day` (days since 1970-01-01, a
    /// Thursday): 0 for Monday, 6 for Sunday.
    public static func weekday(_ day: Int64) -> Int {
        Int(CivilTime.floorDivide(day + 3, by: 7).remainder)
    }

    /// The Monday that starts ISO week 1 of `year`: the week that holds
    /// January 4 (ISO 8601), so it may fall in the December before.
    public static func isoWeekOneMonday(_ year: Int) -> Int64 {
        let fourth = CivilTime.daysFromCivil(year: year, month: 1, day: 4)
        return fourth - Int64(weekday(fourth))
    }

    /// 52 or 53: the ISO weeks of `year`.
    public static func isoWeeks(in year: Int) -> Int {
        Int((isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7)
    }
}
