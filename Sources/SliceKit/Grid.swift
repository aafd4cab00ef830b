import AcctCore

/// The time grid acct-slice cuts on: fixed lengths aligned to the epoch
/// (`hour`, `15m`, `6h`: UTC clock times), local days and months in a zone
/// (a DST day has 23 or 25 hours), or one slice for all time (`total`).
public struct Grid: Sendable {
    public enum Unit: Sendable, Equatable {
        case fixed(seconds: Int64)
        case day
        case month
        case total
    }

    public let unit: Unit
    public let zone: Zone
    /// The last local day or month found: records in time order fall in
    /// the same one again and again, and finding one in a zone other than
    /// UTC takes several glibc conversions.
    private let last = LastSlice()

    /// The unbounded slice of `total`.
    public static let allTime = (start: Int64.min / 4, end: Int64.max / 4)

    /// Whether `slice` is `total`'s unbounded slice (no real bounds to
    /// write, round up to or key on).
    static func isAllTime(_ sliceStart: Int64) -> Bool { sliceStart == allTime.start }

    public init(unit: Unit, zone: Zone) {
        self.unit = unit
        self.zone = zone
    }

    /// Parses `hour`, `day`, `month`, `total`, `Nm` or `Nh`; fixed lengths
    /// must divide a day, so fixed slices nest inside days.
    public init(parsing text: String, zone: Zone) throws(GridError) {
        self.zone = zone
        switch text {
        case "hour", "hours", "1h": unit = .fixed(seconds: 3600)
        case "day", "days": unit = .day
        case "month", "months": unit = .month
        case "total": unit = .total
        default:
            guard let last = text.last, last == "m" || last == "h", text.first?.isASCII == true,
                text.first?.isNumber == true, let count = Int64(text.dropLast()), count > 0
            else { throw GridError(text: text, reason: "expected hour, day, month, total, Nm or Nh") }
            let (seconds, overflow) = count.multipliedReportingOverflow(by: last == "m" ? 60 : 3600)
            guard !overflow, 86_400 % seconds == 0 else {
                throw GridError(text: text, reason: "a fixed slice must divide a day (such as 5m, 15m, 2h, 6h)")
            }
            unit = .fixed(seconds: seconds)
        }
    }

    /// The same grid with a cache of its own, for another thread (`-j`).
    func copy() -> Grid { Grid(unit: unit, zone: zone) }

    /// The slice [start, end) that holds `time`.
    public func slice(containing time: Int64) -> (start: Int64, end: Int64) {
        switch unit {
        case .fixed(let length):
            let start = Self.floorDivide(time, length) * length
            return (start, start + length)
        case .day:
            if time >= last.start && time < last.end { return (last.start, last.end) }
            let start = localMidnight(of: time)
            // 26 hours on lands in the next local day whatever its length.
            return last.remember(start, localMidnight(of: start + 26 * 3600))
        case .month:
            if time >= last.start && time < last.end { return (last.start, last.end) }
            let start = localMonthStart(of: time)
            return last.remember(start, localMonthStart(of: start + 32 * 86_400))
        case .total:
            return Self.allTime
        }
    }

    /// The start of the local day that holds `time`: its midnight (the
    /// earlier one where midnight occurs twice), or where the zone skips
    /// midnight, the instant its clocks jump.
    private func localMidnight(of time: Int64) -> Int64 {
        if zone.isUTC { return Self.floorDivide(time, 86_400) * 86_400 }
        let civil = zone.local(time).civil
        return zone.firstInstant(atOrAfterLocal: CivilTime(year: civil.year, month: civil.month, day: civil.day))
    }

    /// The start of the local month that holds `time`, by the same rule.
    private func localMonthStart(of time: Int64) -> Int64 {
        let civil = zone.isUTC ? CivilTime(epochSeconds: time) : zone.local(time).civil
        if zone.isUTC { return CivilTime.daysFromCivil(year: civil.year, month: civil.month, day: 1) * 86_400 }
        return zone.firstInstant(atOrAfterLocal: CivilTime(year: civil.year, month: civil.month, day: 1))
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

/// One slice kept between calls (empty at first). A grid slices on one
/// thread (each worker of `-j` has its own copy), so the box needs no lock.
private final class LastSlice: @unchecked Sendable {
    var start: Int64 = 0
    var end: Int64 = 0

    func remember(_ start: Int64, _ end: Int64) -> (start: Int64, end: Int64) {
        self.start = start
        self.end = end
        return (start, end)
    }
}

/// A `--every` value that is not a grid.
public struct GridError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public let reason: String

    public var description: String { "invalid grid '\(text)': \(reason)" }
}
