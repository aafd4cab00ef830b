import AcctCore
import CapnpKit
import CCapnpBuilder
import Glibc

/// Makes OpenVCloud billing trees for examples, tests and benchmarks: the
/// master's layout, one Account message per account per hour, with a
/// routeros pseudo machine heading each cloudspace as production has it.
/// The same seed gives the same bytes everywhere.
public struct OVCGenerator {
    public var seed: UInt64 = 1
    public var accounts = 3
    public var cloudspaces = 2
    public var vms = 4
    public var hours = 48
    /// First hour, epoch seconds (UTC).
    public var start: Int64 = 1_538_352_000  // 2018-10-01T00:00:00Z
    public var framing: Framing = .standard

    public init() {}

    /// Per-account sums of what was written, the truth capnp-cat's records
    /// must add up to.
    public struct Totals {
        public var files = 0
        public var records = 0
        public var vcpus: Int64 = 0
        public var memMB = 0.0
        public var diskGB = 0.0
        public var cpuMinutes = 0.0
        public var netTX = 0.0
        public var netRX = 0.0
        public var iopsRead = 0.0
        public var iopsWrite = 0.0
    }

    private struct VM {
        var id: Int32
        var vcpus: Int32
        var memMB: Float
        var image: String
        var disks: [(id: Int32, gb: Float)]
        var nics: [String]
        var hours: ClosedRange<Int>
        var running: Bool
        var load: Double
        var packets: Double
        var iops: Double
    }

    private struct Space {
        var id: Int32
        var hours: ClosedRange<Int>
        var vms: [VM]
    }

    private static let sizes: [(mem: Float, vcpus: Int32)] = [
        (512, 1), (1024, 1), (2048, 2), (2048, 2), (4096, 2), (4096, 4), (8192, 4), (16384, 8),
    ]
    private static let images = [
        "Ubuntu 16.04 x64", "Ubuntu 18.04 x64", "CentOS 7", "Debian 9", "Windows 2016 Standard",
        "pfSense 2.4", "",
    ]

    /// Writes the tree under `root` and returns the totals by account id.
    public func write(to root: String) throws -> [(account: UInt32, totals: Totals)] {
        var rng = SplitMix(seed: seed)
        let world = makeWorld(&rng)
        let builder = MessageBuilder()
        var result: [(UInt32, Totals)] = world.map { ($0.id, Totals()) }
        for hour in 0..<hours {
            let epoch = start + Int64(hour) * 3600
            for (index, account) in world.enumerated() {
                let live = account.spaces.filter { $0.hours.contains(hour) }
                if live.isEmpty { continue }  // the master writes no file then
                builder.account(account.id, cloudspaces: live.count)
                for (c, space) in live.enumerated() {
                    let vms = space.vms.filter { $0.hours.contains(hour) }
                    builder.cloudspace(c, id: space.id, account: Int32(account.id), machines: vms.count + 1)
                    builder.routeros(cloudspace: c)
                    result[index].1.records += 1
                    for (m, vm) in vms.enumerated() {
                        writeMachine(vm, hour: hour, cloudspace: c, machine: m + 1, builder: builder,
                                     rng: &rng, totals: &result[index].1)
                    }
                }
                let path = root + "/" + Self.hourPath(account: account.id, epoch: epoch)
                try builder.finish(framing: framing) { bytes in try FileWriter.write(bytes, to: path) }
                result[index].1.files += 1
            }
        }
        return result
    }

    /// One JSON line per account with its totals, for `--totals`.
    public static func writeTotals(_ totals: [(account: UInt32, totals: Totals)], to path: String) throws {
        let out = OutputBuffer()
        for (account, t) in totals {
            out.append("{\"account\":")
            out.appendUInt(UInt64(account))
            out.append(",\"files\":")
            out.appendInt(Int64(t.files))
            out.append(",\"records\":")
            out.appendInt(Int64(t.records))
            out.append(",\"vcpus\":")
            out.appendInt(t.vcpus)
            for (key, value) in [
                ("mem_mb", t.memMB), ("disk_gb", t.diskGB), ("cpu_minutes", t.cpuMinutes),
                ("net_tx", t.netTX), ("net_rx", t.netRX), ("iops_read", t.iopsRead),
                ("iops_write", t.iopsWrite),
            ] {
                out.append(",")
                out.appendJSONString(key)
                out.append(":")
                out.appendDouble(value)
            }
            out.append("}\n")
        }
        try out.withUnsafeBytes { try FileWriter.write($0, to: path) }
    }

    /// `<account>/<year>/<month>/<day>/<hour>/account_capnp.bin`, unpadded.
    public static func hourPath(account: UInt32, epoch: Int64) -> String {
        let t = CivilTime(epochSeconds: epoch)
        return "\(account)/\(t.year)/\(t.month)/\(t.day)/\(t.hour)/account_capnp.bin"
    }

    private func makeWorld(_ rng: inout SplitMix) -> [(id: UInt32, spaces: [Space])] {
        var world: [(id: UInt32, spaces: [Space])] = []
        var accountID: UInt32 = 0
        var spaceID: Int32 = 100
        var vmID: Int32 = 1000
        var diskID: Int32 = 5000
        for _ in 0..<accounts {
            accountID += UInt32(rng.pick([1, 1, 1, 2, 5]))
            var spaces: [Space] = []
            for _ in 0..<(1 + rng.below(max(1, cloudspaces))) {
                spaceID += Int32(rng.pick([1, 1, 2, 3]))
                // A few cloudspaces come or go inside the period.
                let first = hours > 2 && rng.chance(0.1) ? rng.below(hours) : 0
                let last = hours > 2 && rng.chance(0.1) ? first + rng.below(hours - first) : hours - 1
                var space = Space(id: spaceID, hours: first...last, vms: [])
                for _ in 0..<rng.below(vms + 1) {
                    vmID += Int32(rng.pick([1, 1, 1, 4]))
                    let size = rng.pick(Self.sizes)
                    var disks = [(id: diskID, gb: Float(rng.pick([10, 20, 40, 50, 100])))]
                    diskID += 1
                    for _ in 0..<rng.pick([0, 0, 0, 1, 1, 2]) {
                        disks.append((diskID, Float(rng.pick([50, 100, 250, 500, 1000]))))
                        diskID += 1
                    }
                    let vmFirst = rng.chance(0.85) ? first : first + rng.below(last - first + 1)
                    let vmLast = rng.chance(0.9) ? last : vmFirst + rng.below(last - vmFirst + 1)
                    space.vms.append(VM(
                        id: vmID, vcpus: size.vcpus, memMB: size.mem, image: rng.pick(Self.images),
                        disks: disks, nics: rng.chance(0.15) ? ["space", "external"] : ["space"],
                        hours: vmFirst...vmLast, running: rng.chance(0.9),
                        load: 0.05 + rng.unit() * 0.9, packets: 5 + rng.unit() * 200,
                        iops: 1 + rng.unit() * 40))
                }
                spaces.append(space)
            }
            world.append((accountID, spaces))
        }
        return world
    }

    private func writeMachine(
        _ vm: VM, hour: Int, cloudspace: Int, machine: Int, builder: MessageBuilder,
        rng: inout SplitMix, totals: inout Totals
    ) {
        var running = vm.running
        if rng.chance(0.03) { running.toggle() }
        let status = running ? (rng.chance(0.02) ? "PAUSED" : "RUNNING") : rng.pick(["HALTED", "HALTED", "ERROR"])
        let active = status == "RUNNING"
        // As production stores it: the hour's average busy cores / 60.
        let cpu = active ? Float(Double(vm.vcpus) * vm.load * (0.5 + rng.unit()) / 60) : 0
        builder.machine(
            cloudspace: cloudspace, index: machine, id: vm.id, type: "vm", vcpus: vm.vcpus,
            cpuMinutes: cpu, memMB: vm.memMB, image: Array(vm.image.utf8), status: status,
            nics: vm.nics.count, disks: vm.disks.count)
        totals.records += 1
        totals.vcpus += Int64(vm.vcpus)
        totals.memMB += Double(vm.memMB)
        totals.cpuMinutes += Double(cpu)
        for (n, type) in vm.nics.enumerated() {
            let tx = active ? Float(vm.packets * (0.3 + rng.unit() * 1.4)) : 0
            let rx = active ? Float(vm.packets * (0.3 + rng.unit() * 1.4) * 0.8) : 0
            builder.nic(cloudspace: cloudspace, machine: machine, index: n, type: type, tx: tx, rx: rx)
            totals.netTX += Double(tx)
            totals.netRX += Double(rx)
        }
        for (d, disk) in vm.disks.enumerated() {
            let read = active ? Float(vm.iops * (0.2 + rng.unit() * 1.6)) : 0
            let write = active ? Float(vm.iops * (0.2 + rng.unit() * 1.6) * 0.6) : 0
            builder.disk(cloudspace: cloudspace, machine: machine, index: d, id: disk.id, gb: disk.gb,
                         read: read, write: write)
            totals.diskGB += Double(disk.gb)
            totals.iopsRead += Double(read)
            totals.iopsWrite += Double(write)
        }
    }
}
