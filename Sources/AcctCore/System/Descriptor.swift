import Glibc

/// The one loop around read(2), write(2) and open(2) that every tool's
/// input and output go through: a signal (EINTR) retries, and a
/// non-blocking descriptor inherited from the caller (EAGAIN) is waited on
/// with poll(2) instead of failing.
public enum Descriptor {
    /// Opens `path` with `flags` (and `mode` when creating); the descriptor,
    /// or the errno that stopped it.
    public static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o666) -> Result<Int32, Errno> {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return .success(fd) }
            if errno != EINTR { return .failure(Errno(errno)) }
        }
    }

    /// One read(2) into `buffer`: the bytes read (0 at the end), or the
    /// errno that stopped it.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Errno> {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return .success(n) }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: wait(fd, for: POLLIN)
            default: return .failure(Errno(code))
            }
        }
    }

    /// Writes all of `bytes`; nil, or the errno that stopped it (EPIPE
    /// when the reader went away).
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Errno? {
        guard var p = bytes.baseAddress else { return nil }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(fd, p, left)
            if n > 0 {
                p += n
                left -= n
                continue
            }
            let code = n < 0 ? errno : EIO
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: wait(fd, for: POLLOUT)
            default: return Errno(code)
            }
        }
        return nil
    }

    private static func wait(_ fd: Int32, for events: Int32) {
        var waiting = pollfd(fd: fd, events: Int16(events), revents: 0)
        _ = poll(&waiting, 1, -1)
    }
}

/// A C library error number, as a Swift error.
public struct Errno: Error, Equatable, Sendable {
    public let code: Int32
    public init(_ code: Int32) { self.code = code }
}
