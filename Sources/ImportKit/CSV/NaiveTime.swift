import AcctCore

/// Times the exports write without a zone (`2024-03-01 13:05:00`, from
/// MySQL DATETIME/TIMESTAMP columns or SlapOS's separate date and time
/// columns), turned into instants in the zone of `--tz`.
///
/// The text is read by the project's one date-time scanner; zones other
/// than UTC go through glibc once per local hour (cached): a million rows
/// cost a million small scans, not a million mktime calls.
final class NaiveTime {
    let zone: Zone
    private var cachedHour: (year: Int, month: Int, day: Int, hour: Int) = (0, 0, 0, -1)
    private var cachedEpoch: Int64 = 0

    init(zone: Zone) {
        self.zone = zone
    }

    /// `YYYY-MM-DD HH:MM[:SS[.fraction]]` (or with `T`), or a date alone
    /// (midnight); a fraction is dropped. nil when it is not a valid time,
    /// or when it carries a zone of its own.
    func epoch(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard let text = try? DateTimeText.scan(bytes), !text.isCompact, text.offset == nil else { return nil }
        return instant(text.civil)
    }

    /// A date field and a time field (SlapOS's `date` and `time` columns),
    /// read as the one text `DATE TIME`.
    func epoch(date: UnsafeRawBufferPointer, time: UnsafeRawBufferPointer) -> Int64? {
        guard date.count == 10, time.count >= 5, time.count <= 32 else { return nil }
        return withUnsafeTemporaryAllocation(byteCount: 43, alignment: 1) { joined in
            joined.baseAddress!.copyMemory(from: date.baseAddress!, byteCount: 10)
            joined[10] = UInt8(ascii: " ")
            (joined.baseAddress! + 11).copyMemory(from: time.baseAddress!, byteCount: time.count)
            return epoch(UnsafeRawBufferPointer(rebasing: joined[0..<(11 + time.count)]))
        }
    }

    private func instant(_ t: CivilTime) -> Int64 {
        if zone.isUTC { return t.epochSeconds }
        if cachedHour != (t.year, t.month, t.day, t.hour) {
            cachedHour = (t.year, t.month, t.day, t.hour)
            cachedEpoch = zone.utcFromLocal(year: t.year, month: t.month, day: t.day, hour: t.hour)
        }
        return cachedEpoch + Int64(t.minute * 60 + t.second)
    }
}
