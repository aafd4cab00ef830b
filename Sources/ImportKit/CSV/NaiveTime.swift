import AcctCore

/// Times the exports write without a zone (`2024-03-01 13:05:00`, from
/// MySQL DATETIME/TIMESTAMP columns or SlapOS's separate date and time
/// columns), turned into instants in the zone of `--tz`: a time shown twice
/// (clocks going back) is the earlier instant, and a time the zone skips
/// (clocks jumping forward) is no time at all, reported as a bad row, and
/// so is one that `--tz` moves outside the years 0001 to 9999 (the times a
/// record can hold, `RecordTimeRange`).
///
/// The text is read by the project's one date-time scanner; zones other
/// than UTC go through glibc once per local hour (its offset cached): a
/// million rows cost a million small scans, not a million conversions. An
/// hour in which the offset changes (Lord Howe's clocks move by half an
/// hour) is not cached, and each of its times is converted on its own.
final class NaiveTime {
    let zone: Zone
    private var cachedHour: (year: Int, month: Int, day: Int, hour: Int) = (0, 0, 0, -1)
    /// The offset in force all through the cached hour, seconds east; nil
    /// when it changes within it.
    private var cachedOffset: Int64?

    init(zone: Zone) {
        self.zone = zone
    }

    /// `YYYY-MM-DD HH:MM[:SS[.fraction]]` (or with `T`), or a date alone
    /// (midnight); a fraction is dropped. nil when it is not a valid time,
    /// when it carries a zone of its own, when the zone skips it, or when
    /// no record can hold it.
    func epoch(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard let epoch = unbounded(bytes), RecordTimeRange.contains(epoch) else { return nil }
        return epoch
    }

    private func unbounded(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard let text = try? DateTimeText.scan(bytes), !text.isCompact, text.offset == nil else { return nil }
        return instant(text.civil)
    }

    /// The message for `text`, the field `what` that `epoch` refused:
    /// "bad WHAT 'TEXT'", or, for a time outside the years a record holds,
    /// that it is.
    func refusal(_ what: String, _ text: String) -> String {
        var copy = text
        let epoch = copy.withUTF8 { unbounded(UnsafeRawBufferPointer($0)) }
        guard let epoch, !RecordTimeRange.contains(epoch) else { return "bad \(what) '\(text)'" }
        return "\(what) '\(text)' is outside \(RecordTimeRange.description), the times a record can hold"
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

    private func instant(_ t: CivilTime) -> Int64? {
        if zone.isUTC { return t.epochSeconds }
        if cachedHour != (t.year, t.month, t.day, t.hour) {
            cachedHour = (t.year, t.month, t.day, t.hour)
            cachedOffset = steadyOffset(t)
        }
        if let cachedOffset { return t.epochSeconds - cachedOffset }
        return try? zone.instant(ofLocal: t)
    }

    /// The offset of `t`'s hour when its first and last second both occur,
    /// with the same offset (and so every second between them).
    private func steadyOffset(_ t: CivilTime) -> Int64? {
        var first = t, last = t
        (first.minute, first.second) = (0, 0)
        (last.minute, last.second) = (59, 59)
        guard let a = try? zone.instant(ofLocal: first), let b = try? zone.instant(ofLocal: last),
              first.epochSeconds - a == last.epochSeconds - b
        else { return nil }
        return first.epochSeconds - a
    }
}
