import Foundation
import XCTest
import _AcctTestSupport

/// SlapOS day archives as tar and GNU tar write them, and as a hostile
/// file may: pax headers, gzip padding, compressed members, sizes no
/// archive can hold, samples at the end of time.
final class AcctImportSlapOSArchiveTests: XCTestCase {
    private let folderDump = "slapuser0,2048.0,2024-03-01,00:00:10,1\n"
    private let folderRecord = #"{"source":"slapos","start":"2024-03-01T00:00:10Z","end":"2024-03-02T01:00:10Z","table":"folder","user":"slapuser0","disk_bytes":2097152.0}"#

    private func run(_ arguments: [String], directory: URL? = nil) throws -> ToolResult {
        try ToolRunner.run("acct-import", ["--from", "slapos"] + arguments, directory: directory)
    }

    /// A ustar header block: `size` as octal, or as GNU base-256 when
    /// `base256` is given (its 12 bytes), with a correct checksum.
    private func header(_ name: String, size: Int, type: Character = "0", base256: [UInt8]? = nil) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (i, byte) in text.utf8.enumerated() { block[offset + i] = byte }
        }
        put(name, at: 0)
        put("0000644", at: 100)
        put("0000000", at: 108)
        put("0000000", at: 116)
        if let base256 {
            block.replaceSubrange(124..<136, with: base256)
        } else {
            put(String(format: "%011o", size), at: 124)
        }
        put("00000000000", at: 136)
        block[156] = type.asciiValue!
        put("ustar", at: 257)
        put("00", at: 263)
        put("        ", at: 148)
        let sum = block.reduce(0) { $0 + Int($1) }
        put(String(format: "%06o", sum), at: 148)
        block[154] = 0
        return block
    }

    /// `bytes` followed by zeros to the next 512-byte block.
    private func padded(_ bytes: [UInt8]) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: (512 - bytes.count % 512) % 512)
    }

    private func member(_ name: String, _ data: [UInt8], type: Character = "0") -> [UInt8] {
        header(name, size: data.count, type: type) + padded(data)
    }

    private let end = [UInt8](repeating: 0, count: 1024)

    /// GNU base-256 sizes up to 2^63 - 1 must not overflow the size and
    /// padding sums; a negative one is no size.
    func testSizesNoArchiveCanHold() throws {
        let dir = try TempDir()
        let dump = Array(folderDump.utf8)
        let largest: [UInt8] = [0x80, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        let negative = [UInt8](repeating: 0xFF, count: 12)
        let huge = try dir.write("huge.tar", bytes: header("2024-03-01/dump_folder.csv", size: 0, base256: largest) + padded(dump) + end)
        let other = try dir.write("other.tar", bytes: header("2024-03-01/notes.txt", size: 0, base256: largest) + padded(dump) + end)
        let minus = try dir.write("minus.tar", bytes: header("2024-03-01/dump_folder.csv", size: 0, base256: negative) + padded(dump) + end)
        // 2^62 bytes is a size, but more than the archive holds.
        let beyond: [UInt8] = [0x80, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0]
        let short = try dir.write("short.tar", bytes: header("2024-03-01/notes.txt", size: 0, base256: beyond) + padded(dump) + end)
        let good = try dir.write("good.tar", bytes: member("2024-03-01/dump_folder.csv", dump) + end)
        let result = try run([huge, other, minus, short, good])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            acct-import: \(huge): bad size in a tar header
            acct-import: \(other): bad size in a tar header
            acct-import: \(minus): bad size in a tar header
            acct-import: \(short): truncated archive

            """)
        XCTAssertEqual(result.lines, [folderRecord], "the inputs after are read")
    }

    /// GNU tar writes a name over 100 bytes in a pax header (with
    /// --format=posix) or a long-name member (its default): the dump is
    /// read under its whole name, not passed over.
    func testLongNamesInPaxHeadersAndGNULongNames() throws {
        let dir = try TempDir()
        let folder = "2024-03-01/" + String(repeating: "x", count: 120)
        try dir.write("\(folder)/dump_folder.csv", folderDump)
        let made = try ToolRunner.shell(
            "tar --format=posix -cf pax.tar 2024-03-01 && tar --format=gnu -cf gnu.tar 2024-03-01 && tar -tvf pax.tar > /dev/null",
            directory: dir.url)
        XCTAssertEqual(made.status, 0, made.stderr)
        for archive in ["pax.tar", "gnu.tar"] {
            let result = try run([dir.path(archive)])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.lines, [folderRecord], archive)
        }
        // The pax path names the member, whatever its own header says.
        let path = "\(folder)/dump_folder.csv"
        let record = "path=\(path)\n"
        var length = record.utf8.count + 4
        if "\(length) \(record)".utf8.count != length { length += 1 }
        let pax = member("PaxHeaders/x", Array("\(length) \(record)".utf8), type: "x")
        let handMade = try dir.write("hand.tar", bytes: pax + member("truncated-name", Array(folderDump.utf8)) + end)
        let result = try run([handMade])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.lines, [folderRecord])
        let bad = try dir.write("bad.tar", bytes: member("PaxHeaders/x", Array("99 path=a\n".utf8), type: "x") + end)
        let refused = try run([bad])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "acct-import: \(bad): bad pax header\n")
    }

    /// gzip -d and GNU tar pass over zero bytes after the gzip member, as
    /// a tape or dd conv=sync leaves them.
    func testGzipPaddedWithZeros() throws {
        let dir = try TempDir()
        try dir.write("2024-03-01/dump_folder.csv", folderDump)
        let made = try ToolRunner.shell(
            "tar -czf day.tar.gz 2024-03-01 && dd if=day.tar.gz of=padded.tar.gz bs=10240 conv=sync 2>/dev/null && tar -tzf padded.tar.gz",
            directory: dir.url)
        XCTAssertEqual(made.status, 0, made.stderr)
        let result = try run([dir.path("padded.tar.gz")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.lines, [folderRecord])
    }

    /// A dump compressed inside the archive is read as one on disk.
    func testCompressedMembers() throws {
        let dir = try TempDir()
        try dir.write("2024-03-01/dump_folder.csv", folderDump)
        let made = try ToolRunner.shell("""
            zstd -q 2024-03-01/dump_folder.csv && gzip -k 2024-03-01/dump_folder.csv \
            && tar -cf zst.tar 2024-03-01/dump_folder.csv.zst && tar -cf gz.tar 2024-03-01/dump_folder.csv.gz
            """, directory: dir.url)
        XCTAssertEqual(made.status, 0, made.stderr)
        for archive in ["zst.tar", "gz.tar"] {
            let result = try run([dir.path(archive)])
            XCTAssertEqual(result.status, 0, "\(archive): \(result.stderr)")
            XCTAssertEqual(result.lines, [folderRecord], archive)
        }
        // A member cut inside its zstd frame is reported under its name.
        let cut = try dir.write("cut.tar", bytes: member("2024-03-01/dump_folder.csv.zst", [0x28, 0xB5, 0x2F, 0xFD, 0x24]) + end)
        let result = try run([cut])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("acct-import: \(cut):2024-03-01/dump_folder.csv.zst: "), result.stderr)
        XCTAssertEqual(result.stdout.count, 0)
    }

    /// A sample in the last minutes of 9999 would be held past the last
    /// time a record can hold; a date outside 0001-9999 is no sample.
    func testSamplesAtTheEndOfTime() throws {
        let dir = try TempDir()
        let system = "0.5,12.5,1.0,3.0,1.0,0.0,0.0,2.0,0.0,0.0"
        let path = try dir.write("dump_system.csv", """
            \(system),0000-12-31,23:59:00,1
            \(system),9999-12-31,23:57:00,1
            \(system),9999-12-31,23:59:00,1

            """)
        let result = try run([path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            acct-import: \(path):1: date and time '0000-12-31 23:59:00' is outside the years 0001 to 9999, the times a record can hold
            acct-import: \(path):3: the last sample of the host, held --max-gap (120 s), would end at 10000-01-01T00:01:00Z, after 9999-12-31T23:59:59Z, the last time a record can hold

            """)
        XCTAssertEqual(result.lines.count, 1)
        XCTAssertTrue(result.lines[0].contains(#""start":"9999-12-31T23:57:00Z","end":"9999-12-31T23:59:00Z""#), result.stdoutText)
    }

    /// --max-gap cannot be longer than the years a record holds: a bigger
    /// one could only write an end no tool reads.
    func testMaxGapIsBounded() throws {
        let dir = try TempDir()
        let path = try dir.write("dump_folder.csv", folderDump)
        for value in ["315537897600", "9223372036854775807", "folder=999999999999"] {
            let result = try run(["--max-gap", value, path])
            XCTAssertEqual(result.status, 64, value)
            XCTAssertEqual(result.stdout.count, 0, value)
            let seconds = value.split(separator: "=").last!
            XCTAssertEqual(result.stderr, "acct-import: --max-gap: '\(seconds)' seconds is longer than the years 0001 to 9999, the times a record can hold\n")
        }
        let longest = try run(["--max-gap", "315537897599", path])
        XCTAssertEqual(longest.status, 1, "held to the end of 9999, then past it")
        XCTAssertEqual(longest.stdout.count, 0)
    }
}
