import AcctCore

/// The two ways oneacct writes a time, in the display zone.
enum OneAcctTime {
    /// A START_TIME/END_TIME cell: Ruby's `strftime("%m/%d %H:%M:%S")`,
    /// no year; the epoch itself (oneacct's "no time") is `-`.
    static func cell(_ epoch: Int64, zone: Zone) -> String {
        if epoch == 0 { return "-" }
        let t = zone.local(epoch).civil
        var text = ""
        text.reserveCapacity(14)
        two(t.month, &text)
        text += "/"
        two(t.day, &text)
        text += " "
        clock(t, &text)
        return text
    }

    /// The window banner's times: Ruby's `Time#to_s`,
    /// `2024-03-01 00:00:00 +0000` (`%Y-%m-%d %H:%M:%S %z`).
    static func banner(_ epoch: Int64, zone: Zone) -> String {
        let (t, offset) = zone.local(epoch)
        var text = t.year < 0 ? "-" : ""
        let year = String(abs(t.year))
        text += String(repeating: "0", count: max(0, 4 - year.count)) + year
        text += "-"
        two(t.month, &text)
        text += "-"
        two(t.day, &text)
        text += " "
        clock(t, &text)
        text += offset < 0 ? " -" : " +"
        two(abs(offset) / 3600, &text)
        two(abs(offset) / 60 % 60, &text)
        return text
    }

    /// `HH:MM:SS`, as both forms end.
    private static func clock(_ t: CivilTime, _ text: inout String) {
        two(t.hour, &text)
        text += ":"
        two(t.minute, &text)
        text += ":"
        two(t.second, &text)
    }

    private static func two(_ n: Int, _ text: inout String) {
        if n < 10 { text += "0" }
        text += String(n)
    }
}
