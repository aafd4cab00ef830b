import AcctCore

/// The time grid acct-slice cuts on: fixed lengths aligned to the epoch
/// (`hour`, `15m`, `6h`: UTC clock times), runs of local days (`day`,
/// `week`, `Nd`: a DST day has 23 or 25 hours), local months and years in
/// a zone, or one slice for all time (`total`).
public struct Grid: Sendable {
    public enum Unit: Sendable, Equatable {
        case fixed(seconds: Int64)
        /// `count` local days from local midnight, counted from the day
        /// `anchor` (days since 1970-01-01): ISO weeks are 7 days from a
        /// Monday.
        case days(count: Int64, anchor: Int64)
        case month
        case year
        case total

        /// One local day: `day`.
        public static let day = Unit.days(count: 1, anchor: 0)
        /// ISO 8601 weeks, Monday to Sunday: 1970-01-05 was a Monday.
        public static let week = Unit.days(count: 7, anchor: 4)
    }

    public let unit: Unit
    public let zone: Zone
    /// The last local period found: records in time order fall in
    /// the same one again and again, and finding one in a zone other than
    /// UTC takes several glibc conversions.
    private let last = LastSlice()

    /// The unbounded slice of `total`.
    public static let allTime = (start: Int64.min / 4, end: Int64.max / 4)

    /// Whether `slice` is `total`'s unbounded slice (no real bounds to
    /// write, round up to or key on).
    static func isAllTime(_ sliceStart: Int64) -> Bool { sliceStart == allTime.start }

    /// The most days `Nd` may span: some 270 years, far inside every range
    /// the conversions have.
    public static let maximumDays: Int64 = 100_000

    public init(unit: Unit, zone: Zone) {
        self.unit = unit
        self.zone = zone
    }

    /// Parses `hour`, `day`, `week`, `month`, `year`, `total`, `Nm`, `Nh` or
    /// `Nd`; fixed lengths must divide a day, so fixed slices nest inside
    /// days. `Nd` counts its runs of N days from the local date of
    /// `anchor` (the window's start) when given, else from 1970-01-01.
    public init(parsing text: String, zone: Zone, anchor: Int64? = nil) throws(GridError) {
        self.zone = zone
        switch text {
        case "hour", "hours", "1h": unit = .fixed(seconds: 3600)
        case "day", "days", "1d": unit = .day
        case "week", "weeks": unit = .week
        case "month", "months": unit = .month
        case "year", "years": unit = .year
        case "total": unit = .total
        default:
            let expected = "expected hour, day, week, month, year, total, Nm, Nh or Nd"
            guard let last = text.last, last == "m" || last == "h" || last == "d", text.first?.isASCII == true,
                text.first?.isNumber == true, let count = Int64(text.dropLast()), count > 0
            else { throw GridError(text: text, reason: expected) }
            if last == "d" {
                guard count <= Self.maximumDays else {
                    throw GridError(text: text, reason: "at most \(Self.maximumDays) days")
                }
                let anchorDay = anchor.map { Self.localDay(of: $0, in: zone) } ?? 0
                unit = .days(count: count, anchor: anchorDay)
                return
            }
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
        case .days(let count, let anchor):
            if time >= last.start && time < last.end { return (last.start, last.end) }
            let first = anchor + Self.floorDivide(Self.localDay(of: time, in: zone) - anchor, count) * count
            return last.remember(settled(time, first, count) { startOfDay($0) })
        case .month:
            if time >= last.start && time < last.end { return (last.start, last.end) }
            let civil = local(time)
            let months = Int64(civil.year) * 12 + Int64(civil.month - 1)
            return last.remember(settled(time, months, 1) { startOfMonth($0) })
        case .year:
            if time >= last.start && time < last.end { return (last.start, last.end) }
            return last.remember(settled(time, Int64(local(time).year), 1) { startOfYear($0) })
        case .total:
            return Self.allTime
        }
    }

    /// The period [start(first), start(first + step)) that holds `time`.
    /// The local date of `time` names it; where a zone's clocks go back
    /// over midnight the date read may be one period off, so the neighbour
    /// is taken until the period holds `time` (never more than one step).
    private func settled(_ time: Int64, _ first: Int64, _ step: Int64, _ start: (Int64) -> Int64) -> (Int64, Int64) {
        var first = first
        var bounds = (start(first), start(first + step))
        for _ in 0..<4 {
            if time < bounds.0 {
                first -= step
            } else if time >= bounds.1 {
                first += step
            } else {
                break
            }
            bounds = (start(first), start(first + step))
        }
        return bounds
    }

    private func local(_ time: Int64) -> CivilTime {
        zone.isUTC ? CivilTime(epochSeconds: time) : zone.local(time).civil
    }

    /// The local date of `time` in `zone`, as days since 1970-01-01.
    static func localDay(of time: Int64, in zone: Zone) -> Int64 {
        if zone.isUTC { return floorDivide(time, 86_400) }
        let civil = zone.local(time).civil
        return CivilTime.daysFromCivil(year: civil.year, month: civil.month, day: civil.day)
    }

    /// The start of the local day `day` (days since 1970-01-01): its
    /// midnight (the earlier one where midnight occurs twice), or where the
    /// zone skips midnight, the instant its clocks jump.
    private func startOfDay(_ day: Int64) -> Int64 {
        if zone.isUTC { return day * 86_400 }
        let date = CivilTime.civilFromDays(day)
        return zone.firstInstant(atOrAfterLocal: CivilTime(year: date.year, month: date.month, day: date.day))
    }

    /// The start of the local month `months` (year × 12 + month − 1), by the same rule.
    private func startOfMonth(_ months: Int64) -> Int64 {
        let year = Int(Self.floorDivide(months, 12))
        let month = Int(months - Int64(year) * 12) + 1
        return startOfDay(CivilTime.daysFromCivil(year: year, month: month, day: 1))
    }

    /// The start of the local year `year`, by the same rule.
    private func startOfYear(_ year: Int64) -> Int64 {
        startOfDay(CivilTime.daysFromCivil(year: Int(year), month: 1, day: 1))
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

    func remember(_ bounds: (Int64, Int64)) -> (start: Int64, end: Int64) {
        start = bounds.0
        end = bounds.1
        return bounds
    }
}

/// A `--every` value that is not a grid.
public struct GridError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public let reason: String

    public var description: String { "invalid grid '\(text)': \(reason)" }
}
