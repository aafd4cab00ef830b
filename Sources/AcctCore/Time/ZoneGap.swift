/// A wall-clock time that never occurs in a zone: the clocks jumped over it
/// (into daylight-saving time, or across a change of offset).
public struct ZoneGap: Error, Equatable, CustomStringConvertible {
    /// The zone, as named.
    public let zoneName: String
    /// The instant of the jump, seconds since the epoch.
    public let transition: Int64
    /// The offsets (seconds east of UTC) before and after the jump.
    public let offsetBefore: Int
    public let offsetAfter: Int

    public init(zoneName: String, transition: Int64, offsetBefore: Int, offsetAfter: Int) {
        self.zoneName = zoneName
        self.transition = transition
        self.offsetBefore = offsetBefore
        self.offsetAfter = offsetAfter
    }

    /// "it does not exist in Europe/Brussels (clocks jump from 02:00 to 03:00)";
    /// seconds are shown when a side has them, dates when the jump crosses one.
    public var description: String {
        let from = CivilTime(epochSeconds: transition &+ Int64(offsetBefore))
        let to = CivilTime(epochSeconds: transition &+ Int64(offsetAfter))
        let showSeconds = from.second != 0 || to.second != 0
        let showDates = (from.year, from.month, from.day) != (to.year, to.month, to.day)
        func text(_ t: CivilTime) -> String {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            var text = showDates ? "\(t.year)-\(two(t.month))-\(two(t.day)) " : ""
            text += "\(two(t.hour)):\(two(t.minute))"
            if showSeconds { text += ":\(two(t.second))" }
            return text
        }
        return "it does not exist in \(zoneName) (clocks jump from \(text(from)) to \(text(to)))"
    }
}
