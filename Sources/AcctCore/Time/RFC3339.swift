/// RFC 3339 date-times as the record stream carries them.
public enum RFC3339 {
    /// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`
    /// (`t` and `z` also accepted), or nil when the text is not one or names
    /// an impossible time (2023-02-29, 25:00, a leap second :60).
    ///
    /// A fraction is dropped: the result is the whole second the instant
    /// falls in. A time without an offset is not RFC 3339 and gives nil.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        if let seconds = parseCommon(bytes) { return seconds }
        guard let text = try? DateTimeText.scan(bytes),
              text.hasSeconds, text.separator != UInt8(ascii: " "),
              let offset = text.offset
        else { return nil }
        return text.civil.epochSeconds - Int64(offset)
    }

    /// The form nearly every record has, `YYYY-MM-DDTHH:MM:SSZ` (20 bytes,
    /// `t` and `z` too), read with no scanner: nil for anything else,
    /// second 60 included, which `parse` then reads the long way. What it
    /// accepts, the scanner accepts with the same value.
    @inline(__always)
    private static func parseCommon(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard bytes.count == 20, let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        // `t` and `T` are the only bytes that are `t` with bit 5 set; so for `z`.
        guard p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"), p[10] | 0x20 == UInt8(ascii: "t"),
              p[13] == UInt8(ascii: ":"), p[16] == UInt8(ascii: ":"), p[19] | 0x20 == UInt8(ascii: "z") else { return nil }
        @inline(__always) func two(_ i: Int) -> Int? {
            let (a, b) = (p[i] &- UInt8(ascii: "0"), p[i + 1] &- UInt8(ascii: "0"))
            return a < 10 && b < 10 ? Int(a) * 10 + Int(b) : nil
        }
        guard let century = two(0), let years = two(2), let month = two(5), let day = two(8),
              let hour = two(11), let minute = two(14), let second = two(17) else { return nil }
        let time = CivilTime(year: century * 100 + years, month: month, day: day, hour: hour, minute: minute, second: second)
        return time.isValid ? time.epochSeconds : nil
    }

    /// Seconds since the epoch of an RFC 3339 `text` (see the bytes variant).
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `epoch` as `YYYY-MM-DDTHH:MM:SSZ`.
    ///
    /// Years outside 0000-9999 (which RFC 3339 cannot write) come out with
    /// more digits or a minus sign, as ISO 8601's expanded years.
    public static func format(_ epoch: Int64, into buffer: OutputBuffer) {
        let out = buffer.reserveTail(maximumLength)
        buffer.commit(write(epoch, to: out))
    }

    /// Appends `epoch` as the wall-clock time of a zone `offset` seconds
    /// east of UTC, `YYYY-MM-DDTHH:MM:SS±HH:MM` (`+00:00` for offset 0).
    /// RFC 3339 offsets are whole minutes below 24 hours; another (local
    /// mean times before 1900 have seconds, a POSIX rule may say 24:30)
    /// cannot be written, and the time is written in UTC, `...Z`, the same
    /// instant.
    public static func format(_ epoch: Int64, offset: Int, into buffer: OutputBuffer) {
        let out = buffer.reserveTail(maximumLength)
        buffer.commit(write(epoch, offset: writable(offset), to: out))
    }

    private static func writable(_ offset: Int) -> Int? {
        offset % 60 == 0 && abs(offset) < 86_400 ? offset : nil
    }

    /// `epoch` as `YYYY-MM-DDTHH:MM:SSZ`, or with `offset` as by
    /// `format(_:offset:into:)` (allocates; the `format` methods do not).
    public static func string(_ epoch: Int64, offset: Int? = nil) -> String {
        String(unsafeUninitializedCapacity: maximumLength) {
            write(epoch, offset: offset.flatMap(writable), to: $0.baseAddress!)
        }
    }

    /// A sign, up to 12 year digits, and `-MM-DDTHH:MM:SS+HH:MM`.
    private static let maximumLength = 40

    /// Writes the wall-clock time `offset` seconds east of UTC with that
    /// offset (`writable`), or UTC with `Z` when nil.
    private static func write(_ epoch: Int64, offset: Int? = nil, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let t = CivilTime(epochSeconds: epoch &+ Int64(offset ?? 0))
        var i = 0
        var year = t.year
        if year < 0 {
            out[0] = UInt8(ascii: "-")
            i = 1
            year = -year
        }
        var yearDigits = 4
        while year >= power10(yearDigits) { yearDigits += 1 }
        for k in (0..<yearDigits).reversed() {
            out[i + k] = UInt8(ascii: "0") + UInt8(year % 10)
            year /= 10
        }
        i += yearDigits
        func two(_ separator: UInt8, _ value: Int) {
            out[i] = separator
            out[i + 1] = UInt8(ascii: "0") + UInt8(value / 10)
            out[i + 2] = UInt8(ascii: "0") + UInt8(value % 10)
            i += 3
        }
        two(UInt8(ascii: "-"), t.month)
        two(UInt8(ascii: "-"), t.day)
        two(UInt8(ascii: "T"), t.hour)
        two(UInt8(ascii: ":"), t.minute)
        two(UInt8(ascii: ":"), t.second)
        guard let offset else {
            out[i] = UInt8(ascii: "Z")
            return i + 1
        }
        let minutes = abs(offset) / 60
        two(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"), minutes / 60)
        two(UInt8(ascii: ":"), minutes % 60)
        return i
    }

    private static func power10(_ n: Int) -> Int {
        var p = 1
        for _ in 0..<n { p *= 10 }
        return p
    }
}
