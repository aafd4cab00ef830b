import AcctCore
import XCTest
import _AcctTestSupport

final class LineReaderTests: XCTestCase {
    private func lines(_ content: [UInt8], bufferSize: Int = 1 << 20) throws -> [String] {
        let dir = try TempDir()
        let reader = LineReader(source: try ByteSource(path: dir.write("in", bytes: content)), bufferSize: bufferSize)
        var result: [String] = []
        var expectedNumber = 1
        while let line = try reader.next() {
            XCTAssertEqual(line.number, expectedNumber)
            expectedNumber += 1
            result.append(String(decoding: line.bytes, as: UTF8.self))
        }
        XCTAssertNil(try reader.next())
        return result
    }

    func testSplitsLines() throws {
        XCTAssertEqual(try lines(Array("a\nbb\n\nccc\n".utf8)), ["a", "bb", "", "ccc"])
        XCTAssertEqual(try lines(Array("a\nno final newline".utf8)), ["a", "no final newline"])
        XCTAssertEqual(try lines([]), [])
        XCTAssertEqual(try lines(Array("\n".utf8)), [""])
    }

    func testCRLF() throws {
        XCTAssertEqual(try lines(Array("a\r\nb\r\n".utf8)), ["a", "b"])
        XCTAssertEqual(try lines(Array("a\rb\nlast\r".utf8)), ["a\rb", "last"])
        XCTAssertEqual(try lines(Array("\r\n".utf8)), [""])
    }

    func testByteOrderMarkAtTheStartOnly() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let result = try lines(bom + Array("{\"a\":1}\n".utf8) + bom + Array("x\n".utf8))
        XCTAssertEqual(result, ["{\"a\":1}", "\u{FEFF}x"])
        XCTAssertEqual(try lines(bom), [""])
        XCTAssertEqual(try lines(bom + Array("\r\n".utf8)), [""])
    }

    func testLinesAcrossBufferBoundaries() throws {
        var content = ""
        var expected: [String] = []
        for i in 0..<500 {
            let line = String(repeating: "x", count: i % 37) + "\(i)"
            expected.append(line)
            content += line + (i % 3 == 0 ? "\r\n" : "\n")
        }
        for size in [16, 17, 64, 1000] {
            XCTAssertEqual(try lines(Array(content.utf8), bufferSize: size), expected, "buffer \(size)")
        }
    }

    func testTenMegabyteLine() throws {
        let dir = try TempDir()
        var content = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000)
        content[0] = UInt8(ascii: "<")
        content[9_999_999] = UInt8(ascii: ">")
        content += Array("\nshort\n".utf8)
        let reader = LineReader(source: try ByteSource(path: dir.write("long", bytes: content)), bufferSize: 64)
        let first = try XCTUnwrap(reader.next())
        XCTAssertEqual(first.number, 1)
        XCTAssertEqual(first.bytes.count, 10_000_000)
        XCTAssertEqual(first.bytes.first, UInt8(ascii: "<"))
        XCTAssertEqual(first.bytes.last, UInt8(ascii: ">"))
        XCTAssertEqual(first.bytes.filter { $0 == UInt8(ascii: "x") }.count, 9_999_998)
        let second = try XCTUnwrap(reader.next())
        XCTAssertEqual(String(decoding: second.bytes, as: UTF8.self), "short")
        XCTAssertEqual(second.number, 2)
        XCTAssertNil(try reader.next())
    }

    func testSourceNameAndCompressedInput() throws {
        let dir = try TempDir()
        let sink = try ByteSink(path: dir.path("in.zst"))
        sink.buffer.append("one\ntwo\n")
        try sink.finish()
        let reader = LineReader(source: try ByteSource(path: dir.path("in.zst")), bufferSize: 16)
        let line = try XCTUnwrap(reader.next())
        XCTAssertEqual(line.sourceName, dir.path("in.zst"))
        XCTAssertEqual(String(decoding: line.bytes, as: UTF8.self), "one")
        XCTAssertEqual(try reader.next().map { String(decoding: $0.bytes, as: UTF8.self) }, "two")
        XCTAssertNil(try reader.next())
    }

    func testErrorsComeThrough() throws {
        let dir = try TempDir()
        let reader = LineReader(source: try ByteSource(path: dir.write("bad.zst", "not zstd")))
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual("\(error)", "\(dir.path("bad.zst")): corrupt zstd data at byte 0: unknown frame descriptor")
        }
    }
}
