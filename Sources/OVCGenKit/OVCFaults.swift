import AcctCore
import CapnpKit

/// The fault corpus: one file per way an input can be bad, each named for
/// its fault, so tests can feed capnp-cat every case and check its answer.
public enum OVCFaults {
    /// File name and bytes of each case.
    public static func files() throws -> [(name: String, bytes: [UInt8])] {
        let good = try goodMessage(image: Array("Ubuntu 18.04 x64".utf8))
        var rng = SplitMix(seed: 99)
        return [
            ("zero-length.bin", []),
            ("truncated.bin", Array(good.prefix(good.count / 2 + 3))),
            ("garbage.bin", (0..<1000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }),
            ("huge-segment.bin", hugeSegment()),
            ("amplified.bin", amplified(cloudspaces: 1300, machines: 1000)),
            ("packed.bin", try goodMessage(image: Array("Ubuntu 18.04 x64".utf8), framing: .packed)),
            ("text-ids.bin", textIDs()),
            ("schema-v04.bin", historical(.v04)),
            ("schema-v09.bin", historical(.v09)),
            ("invalid-utf8.bin", try goodMessage(image: [0x66, 0x6F, 0x80, 0x6F, 0xC3])),
            ("two-messages.bin", good + good),
            ("notes.txt", Array("not a Cap'n Proto file\n".utf8)),
        ]
    }

    public static func write(to folder: String) throws {
        for (name, bytes) in try files() { try FileWriter.write(bytes, to: folder + "/" + name) }
    }

    /// Account 42, cloudspace 7, its routeros machine and one VM.
    static func goodMessage(image: [UInt8], framing: Framing = .standard) throws -> [UInt8] {
        let builder = MessageBuilder()
        builder.account(42, cloudspaces: 1)
        builder.cloudspace(0, id: 7, account: 42, machines: 2)
        builder.routeros(cloudspace: 0)
        builder.machine(cloudspace: 0, index: 1, id: 1001, type: "vm", vcpus: 2, cpuMinutes: 0.25,
                        memMB: 2048, image: image, status: "RUNNING", nics: 1, disks: 1)
        builder.nic(cloudspace: 0, machine: 1, index: 0, type: "space", tx: 12.5, rx: 3.25)
        builder.disk(cloudspace: 0, machine: 1, index: 0, id: 5000, gb: 40, read: 4.5, write: 1.5)
        var bytes: [UInt8] = []
        try builder.finish(framing: framing) { bytes = Array($0) }
        return bytes
    }

    /// A segment table that claims a 8 GiB segment in a 64-byte file.
    static func hugeSegment() -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x3F]
        bytes += [UInt8](repeating: 0, count: 56)
        return bytes
    }

    /// Many cloudspaces whose machines pointers all lead to one list: small
    /// on disk, millions of words to read (capnp's traversal limit stops it).
    static func amplified(cloudspaces: Int, machines: Int) -> [UInt8] {
        var m = RawMessage()
        let root = m.allocate(1)
        let account = m.allocate(2)
        m.pointStruct(at: root, to: account, dataWords: 1, pointers: 1)
        m.setData(word: account, byteOffset: 0, 43, bits: 32)
        let spaces = m.structList(at: account + 1, count: cloudspaces, dataWords: 1, pointers: 2)
        let first = spaces + 1  // machines pointer of the first cloudspace
        let vms = m.structList(at: first, count: machines, dataWords: 2, pointers: 5)
        for i in 0..<machines {
            m.setData(word: vms + i * 7, byteOffset: 0, UInt64(2000 + i), bits: 32)
            m.text(at: vms + i * 7 + 2, Array("vm".utf8))
        }
        for c in 1..<cloudspaces {
            m.setData(word: spaces + c * 3, byteOffset: 0, UInt64(c), bits: 32)
            m.pointList(at: spaces + c * 3 + 1, to: vms - 1, size: 7, count: machines * 7)
        }
        return m.framed
    }

    /// An Account of the 2017 rewrite, where every id is Text: valid Cap'n
    /// Proto, but text sits where the production layout has struct lists.
    static func textIDs() -> [UInt8] {
        var m = RawMessage()
        let root = m.allocate(1)
        let account = m.allocate(2)
        m.pointStruct(at: root, to: account, dataWords: 1, pointers: 1)
        m.setData(word: account, byteOffset: 0, 44, bits: 32)
        let space = m.structList(at: account + 1, count: 1, dataWords: 0, pointers: 4)
        m.text(at: space, Array("c0ffee-space".utf8))
        m.text(at: space + 1, Array("44".utf8))
        let vm = m.structList(at: space + 2, count: 1, dataWords: 2, pointers: 6)
        m.setData(word: vm, byteOffset: 0, 2, bits: 8)
        m.text(at: vm + 2, Array("vm-1001".utf8))
        m.text(at: vm + 3, Array("vm".utf8))
        m.text(at: vm + 6, Array("Ubuntu".utf8))
        m.text(at: vm + 7, Array("RUNNING".utf8))
        return m.framed
    }

    /// The schema versions that wrote files a production decoder meets.
    enum SchemaVersion {
        /// 2016-10-16 to -18 (v04 to v06): Float32 ids, CloudSpace with four
        /// traffic Float32s (two more data words), Nic without its type.
        case v04
        /// Documented from 2.4.6 on (v09): Disk gains a pointer to its
        /// configured IOPS limits.
        case v09
    }

    /// Account 42 with one VM, laid out as `version` wrote it: the same
    /// values as `goodMessage`'s VM, so the production layout must decode
    /// it to the same record (its extra words and pointers ignored).
    static func historical(_ version: SchemaVersion) -> [UInt8] {
        func f32(_ x: Float) -> UInt64 { UInt64(x.bitPattern) }
        var m = RawMessage()
        let root = m.allocate(1)
        let account = m.allocate(2)
        m.pointStruct(at: root, to: account, dataWords: 1, pointers: 1)
        m.setData(word: account, byteOffset: 0, 42, bits: 32)
        let spaceWords = version == .v04 ? 3 : 1
        let space = m.structList(at: account + 1, count: 1, dataWords: spaceWords, pointers: 2)
        m.setData(word: space, byteOffset: 0, 7, bits: 32)
        m.setData(word: space, byteOffset: 4, 42, bits: 32)
        if version == .v04 {
            // publicTX, publicRX, spaceTX, spaceRX: gone from later schemas.
            for i in 0..<4 { m.setData(word: space + 1 + i / 2, byteOffset: 4 * (i % 2), f32(100 + Float(i)), bits: 32) }
        }
        let vm = m.structList(at: space + spaceWords, count: 1, dataWords: 2, pointers: 5)
        m.setData(word: vm, byteOffset: 0, 1001, bits: 32)
        m.setData(word: vm, byteOffset: 4, 2, bits: 8)
        m.setData(word: vm + 1, byteOffset: 0, f32(0.25), bits: 32)
        m.setData(word: vm + 1, byteOffset: 4, f32(2048), bits: 32)
        m.text(at: vm + 2, Array("vm".utf8))
        let nicPointers = version == .v04 ? 0 : 1
        let nic = m.structList(at: vm + 3, count: 1, dataWords: 2, pointers: nicPointers)
        m.setData(word: nic, byteOffset: 4, f32(12.5), bits: 32)
        m.setData(word: nic + 1, byteOffset: 0, f32(3.25), bits: 32)
        if nicPointers == 1 { m.text(at: nic + 2, Array("space".utf8)) }
        let diskPointers = version == .v09 ? 1 : 0
        let disk = m.structList(at: vm + 4, count: 1, dataWords: 3, pointers: diskPointers)
        m.setData(word: disk, byteOffset: 0, version == .v04 ? f32(5000) : 5000, bits: 32)
        m.setData(word: disk, byteOffset: 4, f32(40), bits: 32)
        m.setData(word: disk + 1, byteOffset: 0, f32(4.5), bits: 32)
        m.setData(word: disk + 1, byteOffset: 4, f32(1.5), bits: 32)
        if version == .v09 {
            // ConfiguredIops: thirteen Float32 limits in seven data words.
            let limits = m.allocate(7)
            m.pointStruct(at: disk + 3, to: limits, dataWords: 7, pointers: 0)
            for i in 0..<13 { m.setData(word: limits + i / 2, byteOffset: 4 * (i % 2), f32(500), bits: 32) }
        }
        m.text(at: vm + 5, Array("Ubuntu 18.04 x64".utf8))
        m.text(at: vm + 6, Array("RUNNING".utf8))
        return m.framed
    }
}
