import Foundation
import XCTest
import _AcctTestSupport

/// Cap'n Proto faults that CapnpCatTests does not already feed capnp-cat:
/// a file cut at every word (standard framing) and every byte (packed) of a
/// two-segment message and the one after it, and nesting past capnp's limit
/// through a recursive --schema. Each bad file gets one line and no record;
/// every good one is still decoded.
final class FaultCorpusCapnpTests: XCTestCase {
    /// One message of the generator's fault corpus (account 42, two machines).
    private func goodMessage() throws -> [UInt8] {
        let work = try TempDir()
        let made = try ToolRunner.run("ovc-gen", ["--faults", "--out", work.path("f")])
        XCTAssertEqual(made.status, 0, made.stderr)
        let two = try work.read("f/two-messages.bin")
        XCTAssertEqual(two.count % 2, 0)
        return Array(two.prefix(two.count / 2))
    }

    /// The same message with its one segment followed by a second segment
    /// that nothing points to (valid: a reader need never look at it).
    private func twoSegments(_ message: [UInt8], extraWords: Int) -> [UInt8] {
        let words = UInt32(message.count / 8 - 1)
        var out: [UInt8] = []
        for value in [UInt32(1), words, UInt32(extraWords), 0] {
            withUnsafeBytes(of: value.littleEndian) { out += $0 }
        }
        out += message.dropFirst(8)
        out += (0..<extraWords * 8).map { UInt8(truncatingIfNeeded: 0x41 + $0 % 7) }
        return out
    }

    /// Cap'n Proto packing (each word a tag byte and its non-zero bytes; runs
    /// of zero and of full words left at length zero).
    private func pack(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for start in stride(from: 0, to: bytes.count, by: 8) {
            let word = bytes[start..<start + 8]
            var tag: UInt8 = 0
            for (bit, byte) in word.enumerated() where byte != 0 { tag |= 1 << UInt8(bit) }
            out.append(tag)
            out += word.filter { $0 != 0 }
            if tag == 0 || tag == 0xFF { out.append(0) }
        }
        return out
    }

    /// `capnp-cat: NAME: what` lines by file name.
    private func errorsByFile(_ stderr: String) -> [String: String] {
        var errors: [String: String] = [:]
        for line in stderr.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            XCTAssertEqual(parts.count, 3, String(line))
            guard parts.count == 3 else { continue }
            XCTAssertNil(errors[String(parts[1].dropFirst())], "two lines for \(parts[1])")
            errors[String(parts[1].dropFirst())] = String(parts[2].dropFirst())
        }
        return errors
    }

    /// A file of a two-segment message and a one-segment one, cut after
    /// every word: only the cut at the end of a message decodes (and gives
    /// that message's records); the others are reported at the offset of
    /// the message they cut, with no record.
    func testTruncationAtEveryWord() throws {
        let good = try goodMessage()
        let first = twoSegments(good, extraWords: 3)
        let file = first + good
        let work = try TempDir()
        var names: [String] = []
        for cut in stride(from: 0, through: file.count, by: 8) {
            names.append("cut-\(cut).bin")
            try work.write(names.last!, bytes: Array(file.prefix(cut)))
        }
        let result = try ToolRunner.run("capnp-cat", names, directory: work.url)
        XCTAssertEqual(result.status, 1)
        // Two records from the cut after the first message, four from the whole file.
        XCTAssertEqual(result.lines.count, 2 + 4, result.stderr)
        let errors = errorsByFile(result.stderr)
        XCTAssertEqual(errors.count, names.count - 2)
        XCTAssertEqual(errors["cut-0.bin"], "empty file (no message)")
        XCTAssertNil(errors["cut-\(first.count).bin"])
        XCTAssertNil(errors["cut-\(file.count).bin"])
        for cut in stride(from: 8, to: file.count, by: 8) where cut != first.count {
            let offset = cut < first.count ? 0 : first.count
            let message = try XCTUnwrap(errors["cut-\(cut).bin"], "cut \(cut)")
            XCTAssertTrue(message.hasPrefix("message at byte \(offset): "), "cut \(cut): \(message)")
        }
        // A cut inside a word is reported too: stray bytes after a whole message.
        try work.write("odd.bin", bytes: Array(file.prefix(first.count + 5)))
        let odd = try ToolRunner.run("capnp-cat", ["odd.bin"], directory: work.url)
        XCTAssertEqual(odd.stderr, "capnp-cat: odd.bin: message at byte \(first.count): truncated: 5 stray bytes after the last message\n")
        XCTAssertEqual(odd.stdout.count, 0)
    }

    /// The same file packed, cut after every byte: never a crash (a packed
    /// message with a segment nothing points to used to abort capnp-cat on
    /// the next file), the whole file gives every record.
    func testPackedTruncationAtEveryByte() throws {
        let good = try goodMessage()
        let first = pack(twoSegments(good, extraWords: 3))
        let file = first + pack(good)
        let work = try TempDir()
        try work.write("whole.bin", bytes: file)
        for arguments in [["--packed", "whole.bin"], ["--packed", "--raw", "whole.bin"], ["--packed", "whole.bin", "whole.bin"]] {
            let whole = try ToolRunner.run("capnp-cat", arguments, directory: work.url)
            XCTAssertEqual(whole.status, 0, whole.describe(arguments))
            XCTAssertEqual(whole.stderr, "")
            let perFile = arguments.contains("--raw") ? 2 : 4
            XCTAssertEqual(whole.lines.count, perFile * (arguments.count - 1 - (arguments.contains("--raw") ? 1 : 0)))
        }
        var names: [String] = []
        for cut in 1..<file.count {
            names.append("cut-\(cut).bin")
            try work.write(names.last!, bytes: Array(file.prefix(cut)))
        }
        let result = try ToolRunner.run("capnp-cat", ["--packed"] + names + ["whole.bin"], directory: work.url)
        XCTAssertEqual(result.status, 1)
        let errors = errorsByFile(result.stderr)
        XCTAssertNil(errors["cut-\(first.count).bin"])
        XCTAssertEqual(errors.count, names.count - 1)
        XCTAssertEqual(result.lines.count, 2 + 4, result.stderr)
        for cut in 1..<file.count where cut != first.count {
            let message = try XCTUnwrap(errors["cut-\(cut).bin"], "cut \(cut)")
            let offset = cut < first.count ? 0 : first.count
            XCTAssertTrue(message.hasPrefix("message at byte \(offset): "), "cut \(cut): \(message)")
        }
    }

    /// A recursive schema and a message nested 100,000 deep: capnp's nesting
    /// limit stops the walk with a message, never a stack overflow.
    func testDeepNestingThroughASchema() throws {
        let work = try TempDir()
        try work.write("node.capnp", "@0xb7e1d1a2f3c4d5e6;\nstruct Node {\n  child @0 :Node;\n}\n")
        func chain(_ depth: Int) -> [UInt8] {
            // Word i points at the struct in word i + 1 (no data, one pointer).
            let words = [UInt64](repeating: 1 << 48, count: depth) + [0]
            var out: [UInt8] = []
            withUnsafeBytes(of: UInt32(0).littleEndian) { out += $0 }
            withUnsafeBytes(of: UInt32(words.count).littleEndian) { out += $0 }
            for word in words { withUnsafeBytes(of: word.littleEndian) { out += $0 } }
            return out
        }
        try work.write("deep.bin", bytes: chain(100_000))
        try work.write("shallow.bin", bytes: chain(3))
        let arguments = ["--schema", "node.capnp", "--root", "Node", "deep.bin", "shallow.bin"]
        // kj warns when PWD is not the working directory: set it as a shell would.
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = nil
        environment["PWD"] = work.path
        let result = try ToolRunner.run("capnp-cat", arguments, directory: work.url, environment: environment)
        XCTAssertEqual(result.status, 1, result.describe(arguments))
        XCTAssertEqual(result.stderr, "capnp-cat: deep.bin: message at byte 0: exceeded the nesting limit (nested too deeply)\n")
        XCTAssertEqual(result.stdoutText, #"{"child":{"child":{}}}"# + "\n")
    }

    func testHistoricalSchemaVersionsDecodeAsProduction() throws {
        // ovc-gen --faults writes one Account as the v04 (2016) and v09
        // (2.4.6 docs) schemas laid it out, with the values of the good
        // message's VM: extra CloudSpace words, a Nic without its type
        // pointer and a Disk with a configuredIops pointer are all skipped.
        let work = try TempDir()
        let made = try ToolRunner.run("ovc-gen", ["--faults", "--out", work.url.path + "/f"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let vm = #"{"source":"ovc","account":42,"cloudspace":7,"vm":1001,"type":"vm","status":"RUNNING","image":"Ubuntu 18.04 x64","vcpus":2,"mem_mb":2048.0,"disks":1,"disk_gb":40.0,"iops_read":4.5,"iops_write":1.5,"iops_read_max":0.0,"iops_write_max":0.0,"nics":1,"net_tx":12.5,"net_rx":3.25,"cpu_minutes":0.25}"#
        for name in ["schema-v04.bin", "schema-v09.bin"] {
            let result = try ToolRunner.run("capnp-cat", ["f/\(name)"], directory: work.url)
            XCTAssertEqual(result.status, 0, result.describe([name]))
            XCTAssertEqual(result.stderr, "", name)
            XCTAssertEqual(result.lines, [vm], name)
        }
        // The generic walk shows what the production layout sees: v04's
        // Disk id is a Float32's bits, its Nic has no type.
        let raw = try ToolRunner.run("capnp-cat", ["--raw", "f/schema-v04.bin"], directory: work.url)
        XCTAssertEqual(raw.status, 0, raw.stderr)
        XCTAssertTrue(raw.stdoutText.contains(#""disks":[{"id":1167867904,"#), raw.stdoutText)
        XCTAssertFalse(raw.stdoutText.contains(#""type":"space""#), raw.stdoutText)
        let rawV09 = try ToolRunner.run("capnp-cat", ["--raw", "f/schema-v09.bin"], directory: work.url)
        XCTAssertTrue(rawV09.stdoutText.contains(#""disks":[{"id":5000,"#), rawV09.stdoutText)
    }
}
