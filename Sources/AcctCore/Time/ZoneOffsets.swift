/// A zone's offsets from UTC, looked up per instant for output that shows
/// every time in the zone: each UTC day is asked of glibc once (its offset
/// at both ends, and where they differ the instant of the change, found by
/// bisection), then served from a small table. A day holds at most one
/// change: no zone of the tz database changes twice within 52 hours (see
/// `Zone`).
///
/// Not for sharing between threads: `Zone` converts on one thread only.
public final class ZoneOffsets {
    public let zone: Zone

    private struct Day {
        var day = Int64.min
        /// The first instant of the later offset (past the day's end when none).
        var change: Int64 = 0
        var before = 0
        var after = 0
    }

    /// Slots by day number modulo their count: streams come in time order
    /// or close to it, so a few days' worth is plenty.
    private var days = [Day](repeating: Day(), count: 64)

    public init(zone: Zone) {
        self.zone = zone
    }

    /// The offset in force at `epoch`, seconds east of UTC.
    @inline(__always)
    public func offset(at epoch: Int64) -> Int {
        if zone.isUTC { return 0 }
        let day = CivilTime.floorDivide(epoch, by: 86_400).quotient
        let slot = Int(truncatingIfNeeded: day & 63)
        if days[slot].day != day { learn(day, slot: slot) }
        return epoch < days[slot].change ? days[slot].before : days[slot].after
    }

    /// The wall-clock time in the zone at `epoch`.
    public func local(_ epoch: Int64) -> CivilTime {
        CivilTime(epochSeconds: epoch &+ Int64(offset(at: epoch)))
    }

    @inline(never)
    private func learn(_ day: Int64, slot: Int) {
        let first = day &* 86_400
        let last = first &+ 86_399
        let before = zone.local(first).utcOffset
        let after = zone.local(last).utcOffset
        var change = last &+ 1
        if before != after {
            var low = first  // before's offset still
            var high = last  // after's offset already
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if zone.local(middle).utcOffset == before { low = middle } else { high = middle }
            }
            change = high
        }
        days[slot] = Day(day: day, change: change, before: before, after: after)
    }
}
