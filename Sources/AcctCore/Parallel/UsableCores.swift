import CSystem
import Glibc

/// How many cores this process may use: the CPUs of its affinity mask
/// (taskset, cpusets), lowered by a cgroup CPU quota (a container's
/// `--cpus`), whose bandwidth would otherwise be shared by more threads
/// than it can run at once. The default of `-j`.
public enum UsableCores {
    /// The usable cores, at least 1.
    public static func count() -> Int {
        var cores = affinityCount() ?? Int(max(sysconf(Int32(_SC_NPROCESSORS_ONLN)), 1))
        if let quota = cgroupQuota() { cores = min(cores, quota) }
        return max(cores, 1)
    }

    /// The CPUs in the affinity mask of this process (sched_getaffinity(2)).
    static func affinityCount() -> Int? {
        let count = Int(csystem_affinity_count())
        return count > 0 ? count : nil
    }

    /// The quota of cgroup v2 (`cpu.max`: "QUOTA PERIOD" or "max PERIOD")
    /// or v1 (`cpu.cfs_quota_us`, -1 for none, over `cpu.cfs_period_us`),
    /// rounded up to whole cores; nil when there is none.
    static func cgroupQuota() -> Int? {
        if let text = read("/sys/fs/cgroup/cpu.max") { return quota(cpuMax: text) }
        for folder in ["/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct"] {
            if let quota = read(folder + "/cpu.cfs_quota_us"), let period = read(folder + "/cpu.cfs_period_us") {
                return Self.quota(microseconds: quota, period: period)
            }
        }
        return nil
    }

    /// Cores from the text of cgroup v2's `cpu.max`.
    static func quota(cpuMax text: String) -> Int? {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count >= 2, let quota = Int(fields[0]), let period = Int(fields[1]), quota > 0, period > 0 else { return nil }
        return (quota + period - 1) / period
    }

    /// Cores from cgroup v1's quota and period texts.
    static func quota(microseconds: String, period: String) -> Int? {
        let trim: (String) -> Substring = { $0.split(separator: "\n").first ?? "" }
        guard let quota = Int(trim(microseconds)), let period = Int(trim(period)), quota > 0, period > 0 else { return nil }
        return (quota + period - 1) / period
    }

    /// A small file's text, nil when it cannot be read.
    private static func read(_ path: String, limit: Int = 256) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: limit)
        var count = 0
        while count < limit {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, limit - count) }
            if n <= 0 { break }
            count += n
        }
        guard count > 0 else { return nil }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }
}
