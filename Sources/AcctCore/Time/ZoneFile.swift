import Glibc

/// Zone files (TZif, RFC 8536) as glibc finds them for a `TZ` value: an
/// absolute path as it stands, any other name under `$TZDIR` (default
/// /usr/share/zoneinfo).
enum ZoneFile {
    /// What glibc would find for `name`: nil when it names no zone file
    /// that glibc can read whole, else whether the file counts leap
    /// seconds. glibc takes a file it cannot read for a POSIX rule and
    /// falls back to UTC without a word, so the header is checked here: a
    /// regular file with the TZif magic (zone.tab and friends are not
    /// zones) and as long as its own counts say. Relative names with `..`
    /// are refused outright.
    static func find(_ name: String) -> Found? {
        guard !name.isEmpty, !name.utf8.contains(0) else { return nil }
        let path: String
        if name.hasPrefix("/") {
            path = name
        } else {
            guard !name.contains("..") else { return nil }
            var directory = "/usr/share/zoneinfo"
            if let tzdir = getenv("TZDIR"), tzdir.pointee != 0 { directory = String(cString: tzdir) }
            path = directory + "/" + name
        }
        return read(path)
    }

    /// A zone file glibc reads.
    struct Found {
        /// Whether the file lists leap seconds (the `right/` zones): glibc
        /// then takes a time_t to count them, as POSIX time does not.
        var countsLeapSeconds: Bool
    }

    private static let headerLength = 44

    private static func read(_ path: String) -> Found? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(status.st_size)
        guard let first = header(fd, at: 0, size: size) else { return nil }
        // Version 1 data: 4-byte transition times. Version 2 and later
        // repeat the header and data with 8-byte times, which glibc reads.
        let firstEnd = headerLength + first.dataLength(timeSize: 4)
        guard first.version == 0 else {
            guard let second = header(fd, at: firstEnd, size: size),
                  firstEnd + headerLength + second.dataLength(timeSize: 8) <= size
            else { return nil }
            return Found(countsLeapSeconds: second.leapCount > 0)
        }
        return firstEnd <= size ? Found(countsLeapSeconds: first.leapCount > 0) : nil
    }

    private struct Header {
        var version: UInt8
        var counts: [Int]  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt

        var leapCount: Int { counts[2] }

        func dataLength(timeSize: Int) -> Int {
            let (isut, isstd, leap, time, type, chars) = (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])
            return time * (timeSize + 1) + type * 6 + chars + leap * (timeSize + 4) + isstd + isut
        }
    }

    private static func header(_ fd: Int32, at offset: Int, size: Int) -> Header? {
        guard offset + headerLength <= size else { return nil }
        var bytes = [UInt8](repeating: 0, count: headerLength)
        guard pread(fd, &bytes, headerLength, off_t(offset)) == headerLength,
              bytes[0..<4].elementsEqual("TZif".utf8)
        else { return nil }
        let counts = (0..<6).map { k in
            bytes[20 + 4 * k..<24 + 4 * k].reduce(0) { $0 << 8 | Int($1) }
        }
        // At least one local time type; counts beyond any real file are damage.
        guard counts[4] >= 1, counts.allSatisfy({ $0 < 1 << 24 }) else { return nil }
        return Header(version: bytes[4], counts: counts)
    }
}
