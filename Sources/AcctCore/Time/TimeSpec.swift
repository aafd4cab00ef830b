/// Why a command-line time was refused.
public struct TimeSpecError: Error, Equatable, CustomStringConvertible {
    /// The time as given.
    public let text: String
    /// What is wrong with it.
    public let reason: String
    /// Whether the text is written in one of the forms but names no time
    /// (an impossible date, a number out of range, a time the zone skips),
    /// rather than being no time form at all.
    public let isTimeForm: Bool

    /// Creates the error for `text`.
    public init(text: String, reason: String, isTimeForm: Bool = true) {
        self.text = text
        self.reason = reason
        self.isTimeForm = isTimeForm
    }

    /// "invalid time '2024-02-30': day out of range for February 2024".
    public var description: String { "invalid time '\(text)': \(reason)" }
}

/// Times given on the command line (`-s`, `-e`, `--until`, `--time`).
public enum TimeSpec {
    /// Parses a command-line time into seconds since the epoch:
    /// - RFC 3339 with an offset or `Z`: that instant;
    /// - `YYYY-MM-DD` or `YYYYMMDD`: the start of that day in `zone`, or
    ///   with `endOfDay` the start of the next, so `-e 2024-03-01` includes
    ///   all of March 1 (however many hours the day has). A day starts at
    ///   midnight, or where the zone skips midnight, when its clocks jump;
    /// - `YYYY-MM`, `YYYY` and `YYYY-Www` (an ISO 8601 week, from Monday):
    ///   the start of that month, year or week in `zone` by the same rule,
    ///   or with `endOfDay` the start of the next, so `-e 2024-03` is the
    ///   end of March;
    /// - `YYYY-MM-DD HH:MM[:SS]` (or with `T`) without an offset: local time
    ///   in `zone`, the earlier instant when it occurs twice; a time the
    ///   zone skips is refused, naming the jump;
    /// - `@EPOCH`: seconds since the epoch;
    /// - `now`: `now`;
    /// - `-Nd`, `-Nh`, `-Nm`, `-Ns`: N days (of 86,400 s), hours, minutes or
    ///   seconds before `now`.
    ///
    /// A time a record cannot hold (`RecordTimeRange`) is refused, as it
    /// would reach the output as a `start` or `end` no tool reads back.
    public static func parse(_ text: String, zone: Zone, now: Int64, endOfDay: Bool = false) throws(TimeSpecError) -> Int64 {
        let epoch = try unbounded(text, zone: zone, now: now, endOfDay: endOfDay)
        guard RecordTimeRange.contains(epoch) else {
            throw TimeSpecError(text: text, reason: "outside \(RFC3339.string(RecordTimeRange.first)) to \(RFC3339.string(RecordTimeRange.last)), the times a record can hold")
        }
        return epoch
    }

    private static func unbounded(_ text: String, zone: Zone, now: Int64, endOfDay: Bool) throws(TimeSpecError) -> Int64 {
        let expected = "expected YYYY-MM-DD[ HH:MM[:SS]], RFC 3339, YYYYMMDD, YYYY-MM, YYYY, YYYY-Www, @EPOCH, now or -N[dhms]"
        func failure(_ reason: String) -> TimeSpecError {
            TimeSpecError(text: text, reason: reason, isTimeForm: reason != expected)
        }
        if text == "now" { return now }
        if text.hasPrefix("@") {
            guard let epoch = integer(text.utf8.dropFirst(), allowSign: true) else {
                throw failure(isNumber(text.utf8.dropFirst()) ? "number out of range" : expected)
            }
            return epoch
        }
        if text.hasPrefix("-"), let unit = text.utf8.last, let scale = secondsPer(unit) {
            let digits = text.utf8.dropFirst().dropLast()
            guard let count = integer(digits, allowSign: false) else {
                throw failure(isNumber(digits) ? "number out of range" : expected)
            }
            let (seconds, o1) = count.multipliedReportingOverflow(by: scale)
            let (result, o2) = now.subtractingReportingOverflow(seconds)
            guard !o1 && !o2 else { throw failure("number out of range") }
            return result
        }

        do throws(CalendarPeriod.Failure) {
            let period = try CalendarPeriod.scan(text)
            let day = CivilTime.civilFromDays(endOfDay ? period.endDay : period.firstDay)
            return zone.firstInstant(atOrAfterLocal: CivilTime(year: day.year, month: day.month, day: day.day))
        } catch .outOfRange(let reason) {
            throw failure(reason)
        } catch {}

        var utf8 = text
        let scanned = utf8.withUTF8 { bytes -> Result<DateTimeText, DateTimeText.Failure> in
            do throws(DateTimeText.Failure) {
                return .success(try DateTimeText.scan(UnsafeRawBufferPointer(bytes)))
            } catch {
                return .failure(error)
            }
        }
        let written: DateTimeText
        switch scanned {
        case let .success(fields): written = fields
        case .failure(.syntax): throw failure(expected)
        case let .failure(.outOfRange(reason)): throw failure(reason)
        }
        var civil = written.civil
        if let offset = written.offset {
            return civil.epochSeconds - Int64(offset)
        }
        if !written.hasTime && endOfDay {
            let next = CivilTime.civilFromDays(CivilTime.daysFromCivil(year: civil.year, month: civil.month, day: civil.day) + 1)
            civil = CivilTime(year: next.year, month: next.month, day: next.day)
        }
        if !written.hasTime { return zone.firstInstant(atOrAfterLocal: civil) }
        do throws(ZoneGap) {
            return try zone.instant(ofLocal: civil)
        } catch {
            throw failure(error.description)
        }
    }

    private static func secondsPer(_ unit: UInt8) -> Int64? {
        switch unit {
        case UInt8(ascii: "d"): return 86_400
        case UInt8(ascii: "h"): return 3600
        case UInt8(ascii: "m"): return 60
        case UInt8(ascii: "s"): return 1
        default: return nil
        }
    }

    /// Whether `digits` is an optional minus and one or more ASCII digits.
    private static func isNumber(_ digits: Substring.UTF8View) -> Bool {
        let body = digits.first == UInt8(ascii: "-") ? digits.dropFirst() : digits
        return !body.isEmpty && body.allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
    }

    /// The Int64 written in `digits` (no `+`, no spaces), or nil.
    private static func integer(_ digits: Substring.UTF8View, allowSign: Bool) -> Int64? {
        guard isNumber(digits), allowSign || digits.first != UInt8(ascii: "-") else { return nil }
        return Int64(Substring(digits))
    }
}
