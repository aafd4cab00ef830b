/// Why a command-line time was refused.
public struct TimeSpecError: Error, Equatable, CustomStringConvertible {
    /// The time as given.
    public let text: String
    /// What is wrong with it.
    public let reason: String

    /// Creates the error for `text`.
    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    /// "invalid time '2024-02-30': day out of range for February 2024".
    public var description: String { "invalid time '\(text)': \(reason)" }
}

/// Times given on the command line (`-s`, `-e`, `--until`, `--time`).
public enum TimeSpec {
    /// Parses a command-line time into seconds since the epoch:
    /// - RFC 3339 with an offset or `Z`: that instant;
    /// - `YYYY-MM-DD` or `YYYYMMDD`: local midnight in `zone`, or with
    ///   `endOfDay` the next local midnight, so `-e 2024-03-01` includes all
    ///   of March 1 (however many hours the day has);
    /// - `YYYY-MM-DD HH:MM[:SS]` (or with `T`) without an offset: local time
    ///   in `zone` (see `Zone.utcFromLocal` for DST gaps and overlaps);
    /// - `@EPOCH`: seconds since the epoch;
    /// - `now`: `now`;
    /// - `-Nd`, `-Nh`, `-Nm`, `-Ns`: N days (of 86,400 s), hours, minutes or
    ///   seconds before `now`.
    public static func parse(_ text: String, zone: Zone, now: Int64, endOfDay: Bool = false) throws(TimeSpecError) -> Int64 {
        func failure(_ reason: String) -> TimeSpecError {
            TimeSpecError(text: text, reason: reason)
        }
        let expected = "expected YYYY-MM-DD[ HH:MM[:SS]], RFC 3339, YYYYMMDD, @EPOCH, now or -N[dhms]"
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
        return zone.utcFromLocal(year: civil.year, month: civil.month, day: civil.day,
                                 hour: civil.hour, minute: civil.minute, second: civil.second)
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
