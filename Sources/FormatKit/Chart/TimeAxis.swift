import AcctCore

/// The x axis: the span of the chart's instants, cut at round times of the
/// display zone (whole hours, days, Mondays, months or years, whichever
/// gives at most `maximumTicks` ticks, and none finer than the data's own
/// intervals: daily totals get no hour ticks), each labelled as a wall clock of
/// that zone would show it, with the date or year under the first tick and
/// wherever it changes.
struct TimeAxis: Equatable {
    enum Unit: Equatable {
        case hour, day, week, month, year
    }

    struct Tick: Equatable {
        let time: Int64
        let label: String
        /// The date or year below the label; empty when it did not change.
        let context: String
    }

    let low: Int64
    let high: Int64
    let unit: Unit
    let step: Int
    let ticks: [Tick]

    static let maximumTicks = 8
    /// A span of no length is widened by this much on each side.
    static let lonePad: Int64 = 43_200

    /// The steps tried, shortest first, with their length in seconds
    /// (months and years on average).
    private static let steps: [(Unit, Int, Double)] = [
        (.hour, 1, 3600), (.hour, 2, 7200), (.hour, 3, 10_800), (.hour, 6, 21_600), (.hour, 12, 43_200),
        (.day, 1, 86_400), (.day, 2, 172_800), (.week, 1, 604_800),
        (.month, 1, 2_629_746), (.month, 2, 5_259_492), (.month, 3, 7_889_238), (.month, 6, 15_778_476),
        (.year, 1, 31_556_952), (.year, 2, 63_113_904), (.year, 5, 157_784_760), (.year, 10, 315_569_520),
        (.year, 50, 1_577_847_600), (.year, 100, 3_155_695_200),
    ]

    /// The axis from `first` to `last`; `finest` is the length of the
    /// shortest interval of the data, below which ticks are not cut.
    init(from first: Int64, to last: Int64, finest: Int64 = 0, zone: Zone) {
        var low = first
        var high = last
        if high <= low {
            low = first - Self.lonePad
            high = first + Self.lonePad
        }
        self.low = low
        self.high = high
        let span = Double(high - low)
        // A month of 28 days still counts as a month.
        let chosen = Self.steps.first { span / $0.2 <= Double(Self.maximumTicks) && $0.2 >= 0.9 * Double(finest) }
            ?? Self.steps.last!
        unit = chosen.0
        step = chosen.1
        ticks = Self.ticks(low: low, high: high, unit: unit, step: step, zone: zone)
    }

    private static func ticks(low: Int64, high: Int64, unit: Unit, step: Int, zone: Zone) -> [Tick] {
        var civil = aligned(zone.local(low).civil, unit: unit, step: step)
        var ticks: [Tick] = []
        var previous: CivilTime?
        var lastTime = Int64.min
        for _ in 0..<200 {
            let time = zone.firstInstant(atOrAfterLocal: civil)
            if time > high { break }
            if time >= low && time > lastTime {
                ticks.append(Self.tick(time, civil, unit: unit, after: previous))
                previous = civil
                lastTime = time
            }
            civil = advanced(civil, unit: unit, step: step)
        }
        return ticks
    }

    /// The round time at or before `civil`.
    static func aligned(_ civil: CivilTime, unit: Unit, step: Int) -> CivilTime {
        switch unit {
        case .hour:
            return CivilTime(year: civil.year, month: civil.month, day: civil.day, hour: civil.hour - civil.hour % step)
        case .day:
            return CivilTime(year: civil.year, month: civil.month, day: civil.day)
        case .week:
            let days = CivilTime.daysFromCivil(year: civil.year, month: civil.month, day: civil.day)
            // 1970-01-01 was a Thursday: (days + 3) mod 7 counts from Monday.
            let monday = days - ((days + 3) % 7 + 7) % 7
            let date = CivilTime.civilFromDays(monday)
            return CivilTime(year: date.year, month: date.month, day: date.day)
        case .month:
            return CivilTime(year: civil.year, month: civil.month - (civil.month - 1) % step, day: 1)
        case .year:
            return CivilTime(year: civil.year - ((civil.year % step) + step) % step, month: 1, day: 1)
        }
    }

    static func advanced(_ civil: CivilTime, unit: Unit, step: Int) -> CivilTime {
        func date(plusDays days: Int, hour: Int = 0) -> CivilTime {
            let d = CivilTime.civilFromDays(CivilTime.daysFromCivil(year: civil.year, month: civil.month, day: civil.day) + Int64(days))
            return CivilTime(year: d.year, month: d.month, day: d.day, hour: hour)
        }
        switch unit {
        case .hour:
            let hour = civil.hour + step
            return hour >= 24 ? date(plusDays: hour / 24, hour: hour % 24) : date(plusDays: 0, hour: hour)
        case .day:
            return date(plusDays: step)
        case .week:
            return date(plusDays: 7 * step)
        case .month:
            let months = civil.year * 12 + civil.month - 1 + step
            return CivilTime(year: months / 12, month: months % 12 + 1, day: 1)
        case .year:
            return CivilTime(year: civil.year + step, month: 1, day: 1)
        }
    }

    static func shortMonth(_ month: Int) -> String {
        String(CivilTime.monthName(month).prefix(3))
    }

    private static func tick(_ time: Int64, _ civil: CivilTime, unit: Unit, after previous: CivilTime?) -> Tick {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let day = "\(shortMonth(civil.month)) \(civil.day)"
        let sameDay = previous.map { $0.year == civil.year && $0.month == civil.month && $0.day == civil.day } ?? false
        let sameYear = previous?.year == civil.year
        switch unit {
        case .hour:
            return Tick(time: time, label: "\(two(civil.hour)):\(two(civil.minute))", context: sameDay ? "" : day)
        case .day, .week:
            return Tick(time: time, label: day, context: sameYear ? "" : String(civil.year))
        case .month:
            return Tick(time: time, label: shortMonth(civil.month), context: sameYear ? "" : String(civil.year))
        case .year:
            return Tick(time: time, label: String(civil.year), context: "")
        }
    }
}
