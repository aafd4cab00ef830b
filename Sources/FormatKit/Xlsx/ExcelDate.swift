import AcctCore

/// Excel's date numbers (the 1900 date system): days since 1899-12-30 with
/// the time of day as the fraction, for dates from 1900-03-01. Excel counts
/// a 29 February 1900 that never was, so January and February 1900 are one
/// day off, and it has no dates before 1900 or after 9999.
enum ExcelDate {
    /// The number format of time cells.
    static let format = "yyyy-mm-dd hh:mm:ss"
    /// The number format of time cells that are all midnights: dates.
    static let dateFormat = "yyyy-mm-dd"
    /// The first and last epoch seconds Excel shows as a date:
    /// 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
    static let first = CivilTime(year: 1900, month: 1, day: 1).epochSeconds
    static let last = CivilTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59).epochSeconds
    /// Days from 1970-01-01 to 1900-03-01, where the phantom leap day is behind.
    static let marchFirst1900 = CivilTime.daysFromCivil(year: 1900, month: 3, day: 1)

    /// The date number of `epochSeconds` (a wall clock's seconds since
    /// 1970-01-01 00:00:00), or nil when Excel has no date for it.
    static func serial(_ epochSeconds: Int64) -> Double? {
        guard epochSeconds >= first && epochSeconds <= last else { return nil }
        let days = floorDiv(epochSeconds, 86_400)
        let secondOfDay = epochSeconds - days * 86_400
        // 1970-01-01 is 25569; before March 1900 no phantom day to count.
        let dayNumber = days + (days >= marchFirst1900 ? 25_569 : 25_568)
        return Double(dayNumber) + Double(secondOfDay) / 86_400
    }

    /// The time as the cell format shows it, for times Excel cannot hold.
    static func text(_ epochSeconds: Int64) -> String {
        let t = CivilTime(epochSeconds: epochSeconds)
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n.magnitude)
            return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2)) \(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))"
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b < 0) ? q - 1 : q
    }
}
