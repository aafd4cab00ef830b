/// A `TZ` value in the POSIX rule form that names no file:
/// `std offset [dst [offset] [,start[/time],end[/time]]]`, such as `UTC0`,
/// `EST5EDT` or `CET-1CEST,M3.5.0,M10.5.0/3`.
///
/// glibc reads such a value without complaint when it is malformed: it
/// keeps what it could parse and falls back to UTC for the rest, so
/// `Mars/Base` or `CET-1CEST,M3.5.0,M13.5.0` would shift every time with no
/// error. This check accepts a value only when all of it parses by the
/// grammar glibc implements (POSIX.1 plus RFC 8536's signed transition
/// hours up to 167), and refuses the values glibc would silently clamp.
enum PosixTZ {
    /// What the conversions need to know without glibc.
    struct Rule: Equatable {
        /// Standard time's offset, seconds east of UTC (POSIX writes the
        /// sign the other way: `CET-1` is UTC+1).
        var standardOffset: Int
        /// Whether a daylight-saving name follows.
        var hasDaylightSaving: Bool
    }

    /// The rule `text` gives, or nil when it is not entirely a POSIX TZ value.
    static func parse(_ text: String) -> Rule? {
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.value()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        private var current: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func value() -> Rule? {
            guard name(), let standard = offset(maximumHours: 24) else { return nil }
            var rule = Rule(standardOffset: -standard, hasDaylightSaving: false)
            if current == nil { return rule }
            guard name() else { return nil }
            rule.hasDaylightSaving = true
            if let byte = current, byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || isDigit(byte) {
                guard offset(maximumHours: 24) != nil else { return nil }
            }
            // Without rules glibc takes the changes from the posixrules file,
            // or else the United States' rules.
            if current == nil { return rule }
            guard skip(UInt8(ascii: ",")), date(), skip(UInt8(ascii: ",")), date(), current == nil else { return nil }
            return rule
        }

        /// Three or more letters, or `<...>` around three or more letters,
        /// digits, `+` and `-`.
        private mutating func name() -> Bool {
            let start = i
            if skip(UInt8(ascii: "<")) {
                while let byte = current, isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                    i += 1
                }
                let length = i - start - 1
                return skip(UInt8(ascii: ">")) && length >= 3
            }
            while let byte = current, isLetter(byte) { i += 1 }
            return i - start >= 3
        }

        /// `[+|-]hh[:mm[:ss]]`, in seconds as written (west positive).
        private mutating func offset(maximumHours: Int) -> Int? {
            var sign = 1
            if skip(UInt8(ascii: "+")) {
            } else if skip(UInt8(ascii: "-")) {
                sign = -1
            }
            guard let seconds = clock(maximumHours: maximumHours) else { return nil }
            return sign * seconds
        }

        /// `hh[:mm[:ss]]` with hh up to `maximumHours`, in seconds.
        private mutating func clock(maximumHours: Int) -> Int? {
            guard let hours = number(digits: maximumHours > 99 ? 3 : 2), hours <= maximumHours else { return nil }
            var seconds = hours * 3600
            for scale in [60, 1] {
                guard skip(UInt8(ascii: ":")) else { break }
                guard let part = number(digits: 2), part <= 59 else { return nil }
                seconds += part * scale
            }
            return seconds
        }

        /// `Jn` (1-365, no leap day), `n` (0-365) or `Mm.w.d`, then `/time`.
        private mutating func date() -> Bool {
            if skip(UInt8(ascii: "M")) {
                guard let month = number(digits: 2), (1...12).contains(month), skip(UInt8(ascii: ".")),
                      let week = number(digits: 1), (1...5).contains(week), skip(UInt8(ascii: ".")),
                      let day = number(digits: 1), day <= 6
                else { return false }
            } else if skip(UInt8(ascii: "J")) {
                guard let day = number(digits: 3), (1...365).contains(day) else { return false }
            } else {
                guard let day = number(digits: 3), day <= 365 else { return false }
            }
            if skip(UInt8(ascii: "/")) {
                _ = skip(UInt8(ascii: "+")) || skip(UInt8(ascii: "-"))
                return clock(maximumHours: 167) != nil
            }
            return true
        }

        /// One to `digits` decimal digits.
        private mutating func number(digits: Int) -> Int? {
            let start = i
            var value = 0
            while let byte = current, isDigit(byte), i - start < digits {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                i += 1
            }
            if let byte = current, isDigit(byte) { return nil }
            return i > start ? value : nil
        }

        private mutating func skip(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            i += 1
            return true
        }

        private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
        private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }
    }
}
