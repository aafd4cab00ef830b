import Glibc

/// The wall clock, read once per run for `now` and relative times.
public enum Clock {
    /// Seconds since the epoch now.
    public static func now() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec)
    }
}
