import Glibc

/// Running out of memory under an address-space limit (`ulimit -v`) said in
/// one line, `TOOL: out of memory ...`, with exit status 2 and temporary
/// files removed, rather than the Swift runtime's fatal error, stack trace
/// and abort when an allocation fails.
///
/// The places where memory grows with the input (buffers as they double,
/// roll-up rows, lines held for --fit and --split) ask `reserve` first; it
/// compares the process's size with the limit, keeping some headroom for
/// the small allocations made between two checks. Without a limit it costs
/// nothing: the kernel's OOM killer is no signal a process can answer.
public enum MemoryLimit {
    /// The program name the message starts with (set by the tool's start).
    public nonisolated(unsafe) static var tool = "acct"
    /// Removes what must not outlive the process (acct-fmt's temporary
    /// workbook) before it exits.
    public nonisolated(unsafe) static var cleanup: (() -> Void)?

    /// The soft RLIMIT_AS in bytes, or nil when unlimited (RLIM_INFINITY,
    /// all ones).
    static let addressSpace: Int? = {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max,
              limit.rlim_cur < UInt64(Int.max) else { return nil }
        return Int(limit.rlim_cur)
    }()

    /// Room left for what is allocated between two checks.
    static let headroom = 24 << 20

    /// Stops the process, as out of memory, when `bytes` more would bring
    /// it within the headroom of the address-space limit.
    @inline(never)
    public static func reserve(_ bytes: Int) {
        guard let limit = addressSpace else { return }
        let (total, overflow) = virtualSize().addingReportingOverflow(bytes)
        if overflow || total > limit - headroom { fail() }
    }

    /// Writes the message, removes temporary files and exits with status 2.
    public static func fail() -> Never {
        cleanup?()
        let limit = addressSpace.map { " (ulimit -v \($0 >> 10))" } ?? ""
        let line = "\(tool): out of memory\(limit); stopped, the output is incomplete\n"
        _ = line.utf8CString.withUnsafeBytes { Descriptor.writeAll(2, UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        _exit(ExitStatus.fatal.rawValue)
    }

    /// The process's virtual size (what RLIMIT_AS bounds), from the first
    /// field of /proc/self/statm, in pages; 0 when it cannot be read.
    static func virtualSize() -> Int {
        let fd = open("/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var text = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        let n = withUnsafeMutableBytes(of: &text) { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return 0 }
        var pages = 0
        withUnsafeBytes(of: &text) { bytes in
            for byte in bytes.prefix(n) {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { break }
                pages = pages &* 10 &+ Int(byte - UInt8(ascii: "0"))
            }
        }
        return pages &* Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
