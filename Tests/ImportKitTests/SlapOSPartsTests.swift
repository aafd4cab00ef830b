import AcctCore
import XCTest

@testable import ImportKit

/// The pieces of the SlapOS importer: numbers in their source form, the
/// tar sniffing, the read-ahead input and --max-gap.
final class SlapOSPartsTests: XCTestCase {
    private func number(_ text: String) -> FieldNumber? {
        Array(text.utf8).withUnsafeBytes { FieldNumber($0) }
    }

    func testFieldNumbersKeepTheirForm() throws {
        let whole = try XCTUnwrap(number("130"))
        XCTAssertEqual(whole.exact, 130)
        let float = try XCTUnwrap(number("130.0"))
        XCTAssertNil(float.exact)
        XCTAssertEqual(float.value, 130)
        XCTAssertNil(try XCTUnwrap(number("1e+16")).exact)
        XCTAssertNil(number("nan"))
        XCTAssertNil(number(""))
        // Integers stay exact past 2^53; floats subtract as floats.
        let big = try XCTUnwrap(number("9007199254740993"))
        XCTAssertEqual(big.minus(try XCTUnwrap(number("1"))).exact, 9_007_199_254_740_992)
        XCTAssertEqual(try XCTUnwrap(number("145.5")).minus(float).value, 15.5)
        XCTAssertNil(try XCTUnwrap(number("145")).minus(float).exact)
        XCTAssertEqual(try XCTUnwrap(number("2048")).times(1024).exact, 2_097_152)
        XCTAssertNil(try XCTUnwrap(number("2048.0")).times(1024).exact)
        XCTAssertNil(try XCTUnwrap(number("\(Int64.max)")).times(2).exact, "an overflow becomes a float")
        XCTAssertEqual(float.description, "130.0")
        XCTAssertEqual(whole.description, "130")
    }

    func testFieldNumbersAreWrittenInTheirForm() throws {
        let path = NSTemporaryDirectory() + "slapos-parts-\(getpid()).ndjson"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = try ByteSink(path: path)
        let out = RecordWriter(sink: sink)
        out.begin()
        out.number("a", try XCTUnwrap(number("130.0")))
        out.number("b", try XCTUnwrap(number("130")))
        out.number("c", try XCTUnwrap(number("0.25")))
        try out.end()
        try sink.finish()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), #"{"a":130.0,"b":130,"c":0.25}"# + "\n")
    }

    func testTarArchivesAreKnownByTheirFirstBlock() throws {
        let dir = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                              appropriateFor: URL(fileURLWithPath: "/tmp"), create: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "a,b\n".write(to: dir.appendingPathComponent("x.csv"), atomically: true, encoding: .utf8)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["cf", "x.tar", "x.csv"]
        tar.currentDirectoryURL = dir
        try tar.run()
        tar.waitUntilExit()
        let archive = [UInt8](try Data(contentsOf: dir.appendingPathComponent("x.tar")))
        XCTAssertTrue(archive.withUnsafeBytes { TarArchive.startsArchive($0) })
        XCTAssertTrue([UInt8](repeating: 0, count: 1024).withUnsafeBytes { TarArchive.startsArchive($0) }, "an empty archive")
        var damaged = archive
        damaged[0] ^= 1
        XCTAssertFalse(damaged.withUnsafeBytes { TarArchive.startsArchive($0) })
        XCTAssertFalse(archive.prefix(511).withUnsafeBytes { TarArchive.startsArchive(UnsafeRawBufferPointer(rebasing: $0[...])) })
        let text = [UInt8](String(repeating: "slapuser0,1.0,2024-03-01,00:00:00,0\r\n", count: 20).utf8)
        XCTAssertFalse(text.withUnsafeBytes { TarArchive.startsArchive($0) })
    }

    /// pax records: `LENGTH KEY=VALUE\n`, LENGTH counting the record.
    func testPaxAttributes() throws {
        func records(_ text: String) -> PaxAttributes? { PaxAttributes(Array(text.utf8)) }
        let long = "2024-03-01/" + String(repeating: "x", count: 120) + "/dump_user.csv"
        let pathRecord = "\(long.utf8.count + 10) path=\(long)\n"
        let parsed = try XCTUnwrap(records("30 mtime=1709251200.123456789\n" + pathRecord + "14 size=12345\n\0\0\0"))
        XCTAssertEqual(parsed.path, long)
        XCTAssertEqual(parsed.size, 12345)
        XCTAssertNil(records("8 path=a\n"), "a length that is not the record's")
        XCTAssertNil(records("10 path=a"), "no newline")
        XCTAssertNil(records("14 size=-1234\n"), "a size that is no number")
        XCTAssertNil(records("28 size=9999999999999999999\n"), "a size past 64 bits")
        XCTAssertNil(records("99999999999999999999999 path=a\n"))
        var merged = PaxAttributes()
        merged.update(with: parsed)
        merged.update(with: try XCTUnwrap(records("10 path=b\n")))
        XCTAssertEqual(merged.path, "b")
        XCTAssertEqual(merged.size, 12345)
    }

    func testPeekedBytesAreReadAgain() throws {
        final class Chunks: ByteInput {
            let name = "chunks"
            var left: [[UInt8]]
            init(_ chunks: [[UInt8]]) { left = chunks }
            func readBytes(into buffer: UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int {
                guard !left.isEmpty else { return 0 }
                let chunk = left.removeFirst()
                let n = min(chunk.count, buffer.count)
                buffer.copyBytes(from: chunk.prefix(n))
                if n < chunk.count { left.insert(Array(chunk[n...]), at: 0) }
                return n
            }
        }
        let input = PeekedInput(Chunks([[1, 2], [3], [4, 5, 6, 7]]), count: 4)
        XCTAssertEqual(Array(try input.peek()), [1, 2, 3, 4])
        var got: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 3, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let n = try input.readBytes(into: buffer)
            if n == 0 { break }
            got += buffer.prefix(n)
        }
        XCTAssertEqual(got, [1, 2, 3, 4, 5, 6, 7])
        let short = PeekedInput(Chunks([[9]]), count: 4)
        XCTAssertEqual(Array(try short.peek()), [9], "a short input")
        withExtendedLifetime(short) {}
    }

    func testMaxGaps() throws {
        var gaps = SlapOSMaxGaps()
        XCTAssertEqual(gaps[table: "user"], 120)
        XCTAssertEqual(gaps[table: "system"], 120)
        XCTAssertEqual(gaps[table: "disk"], 120)
        XCTAssertEqual(gaps[table: "folder"], 90_000)
        try gaps.apply("folder=172800")
        XCTAssertEqual(gaps[table: "folder"], 172_800)
        XCTAssertEqual(gaps[table: "user"], 120)
        try gaps.apply("300")
        XCTAssertEqual(SlapOSTable.all.map { gaps[table: $0.name] }, [300, 300, 300, 300])
        XCTAssertThrowsError(try gaps.apply("heating=60")) {
            XCTAssertEqual($0 as? UsageError, UsageError("--max-gap: unknown collector table 'heating' (tables: user, system, folder, disk)"))
        }
        for bad in ["-5", "0", "", "user=", "1.5", "user=x"] {
            XCTAssertThrowsError(try gaps.apply(bad), bad)
        }
    }
}
