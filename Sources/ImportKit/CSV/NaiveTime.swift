import AcctKit

/// Times the exports write without a zone (`2024-03-01 13:05:00`, from
/// MySQL DATETIME/TIMESTAMP columns or SlapOS's separate date and time
/// columns), turned into instants in the zone of `--tz` (DESIGN §1).
///
/// Parsed by hand, and other zones than UTC go through glibc once per local
/// hour (cached): a million rows cost a million small parses, not a
/// million mktime calls.
final class NaiveTime {
    let zone: Zone
    private var cachedHour: (year: Int, month: Int, day: Int, hour: Int) = (0, 0, 0, -1)
    private var cachedEpoch: Int64 = 0

    init(zone: Zone) {
        self.zone = zone
    }

    /// `YYYY-MM-DD HH:MM[:SS[.fraction]]` (or with `T`), or a date alone
    /// (midnight); a fraction is dropped. nil when it is not a valid time.
    func epoch(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard bytes.count >= 10, let date = Self.date(bytes, 0) else { return nil }
        if bytes.count == 10 { return instant(date, (0, 0, 0)) }
        let separator = bytes[10]
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "T"),
              let time = Self.time(UnsafeRawBufferPointer(rebasing: bytes[11...])) else { return nil }
        return instant(date, time)
    }

    /// A date field and a time field (SlapOS's `date` and `time` columns).
    func epoch(date: UnsafeRawBufferPointer, time: UnsafeRawBufferPointer) -> Int64? {
        guard date.count == 10, let day = Self.date(date, 0), let clock = Self.time(time) else { return nil }
        return instant(day, clock)
    }

    private func instant(_ d: (Int, Int, Int), _ t: (Int, Int, Int)) -> Int64 {
        let civil = CivilTime(year: d.0, month: d.1, day: d.2, hour: t.0, minute: t.1, second: t.2)
        if zone.isUTC { return civil.epochSeconds }
        if cachedHour != (d.0, d.1, d.2, t.0) {
            cachedHour = (d.0, d.1, d.2, t.0)
            cachedEpoch = zone.utcFromLocal(year: d.0, month: d.1, day: d.2, hour: t.0)
        }
        return cachedEpoch + Int64(t.1 * 60 + t.2)
    }

    private static func date(_ b: UnsafeRawBufferPointer, _ at: Int) -> (Int, Int, Int)? {
        guard b[at + 4] == UInt8(ascii: "-"), b[at + 7] == UInt8(ascii: "-"),
              let year = digits(b, at, 4), let month = digits(b, at + 5, 2), let day = digits(b, at + 8, 2),
              CivilTime(year: year, month: month, day: day).isValid else { return nil }
        return (year, month, day)
    }

    /// `HH:MM[:SS[.fraction]]`.
    private static func time(_ b: UnsafeRawBufferPointer) -> (Int, Int, Int)? {
        guard b.count >= 5, b[2] == UInt8(ascii: ":"), let hour = digits(b, 0, 2), let minute = digits(b, 3, 2),
              hour < 24, minute < 60 else { return nil }
        var second = 0
        if b.count > 5 {
            guard b.count >= 8, b[5] == UInt8(ascii: ":"), let s = digits(b, 6, 2), s < 60 else { return nil }
            second = s
            if b.count > 8 {
                guard b[8] == UInt8(ascii: "."), b.count > 9 else { return nil }
                for i in 9..<b.count where b[i] &- UInt8(ascii: "0") >= 10 { return nil }
            }
        }
        return (hour, minute, second)
    }

    private static func digits(_ b: UnsafeRawBufferPointer, _ at: Int, _ width: Int) -> Int? {
        var value = 0
        for i in at..<(at + width) {
            let digit = b[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}
