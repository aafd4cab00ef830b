/// A proleptic Gregorian date and time of day, with no zone: what a clock
/// and calendar on the wall show.
///
/// Conversions to and from days since 1970-01-01 use Howard Hinnant's
/// `days_from_civil` / `civil_from_days`, exact for every Int64 epoch second.
public struct CivilTime: Equatable, Hashable, Sendable {
    /// The year (0-9999 in RFC 3339 text).
    public var year: Int
    /// The month, 1-12.
    public var month: Int
    /// The day of the month, from 1.
    public var day: Int
    /// The hour, 0-23.
    public var hour: Int
    /// The minute, 0-59.
    public var minute: Int
    /// The second, 0-59.
    public var second: Int

    /// Creates a civil time; the fields are not checked (see `isValid`).
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The civil time in UTC of `epochSeconds` seconds since 1970-01-01T00:00:00Z.
    public init(epochSeconds: Int64) {
        let (days, secondOfDay) = Self.floorDivide(epochSeconds, by: 86_400)
        let date = Self.civilFromDays(days)
        self.init(year: date.year, month: date.month, day: date.day,
                  hour: Int(secondOfDay / 3600), minute: Int(secondOfDay / 60 % 60), second: Int(secondOfDay % 60))
    }

    /// Seconds since 1970-01-01T00:00:00Z, reading the fields as UTC.
    public var epochSeconds: Int64 {
        Self.daysFromCivil(year: year, month: month, day: day) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Whether the fields name a real time: month 1-12, a day the month has
    /// (leap years counted), hour 0-23, minute 0-59, second 0-59 (no leap
    /// seconds: POSIX time has none).
    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= Self.daysInMonth(year: year, month: month)
            && (0...23).contains(hour) && (0...59).contains(minute) && (0...59).contains(second)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1-12) of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The English name of `month` (1-12), for messages.
    public static func monthName(_ month: Int) -> String {
        let names = ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"]
        return (1...12).contains(month) ? names[month - 1] : "month \(month)"
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12,
    /// day 1-31; a day past the month's end counts on into the next).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` days after 1970-01-01.
    public static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// Quotient and remainder rounded toward minus infinity, so times
    /// before 1970 fall on the right day.
    static func floorDivide(_ a: Int64, by b: Int64) -> (quotient: Int64, remainder: Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }
}
