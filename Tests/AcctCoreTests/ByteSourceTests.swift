import AcctCore
import Glibc
import XCTest
import _AcctTestSupport

final class ByteSourceTests: XCTestCase {
    private func compress(_ bytes: [UInt8], in dir: TempDir) throws -> [UInt8] {
        let sink = try ByteSink(path: dir.path("tmp.zst"))
        bytes.withUnsafeBytes { sink.buffer.append($0) }
        try sink.finish()
        return try dir.read("tmp.zst")
    }

    func testMissingFile() {
        XCTAssertThrowsError(try ByteSource(path: "/nonexistent/x.ndjson")) { error in
            XCTAssertEqual(error as? InputError, .openFailed(path: "/nonexistent/x.ndjson", errno: ENOENT))
            XCTAssertEqual("\(error)", "/nonexistent/x.ndjson: no such file or directory")
        }
    }

    func testDirectory() throws {
        let dir = try TempDir()
        XCTAssertThrowsError(try ByteSource(path: dir.path)) { error in
            XCTAssertEqual("\(error)", "\(dir.path): is a directory")
        }
    }

    func testStandardInputNames() throws {
        XCTAssertEqual(try ByteSource(path: nil).name, "<stdin>")
        XCTAssertEqual(try ByteSource(path: "-").name, "<stdin>")
    }

    func testPlainFileInSmallChunks() throws {
        let dir = try TempDir()
        let content = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let path = try dir.write("data.bin", bytes: content)
        for size in [1, 3, 4, 5, 4096, 1 << 20] {
            let source = try ByteSource(path: path)
            XCTAssertEqual(source.name, path)
            XCTAssertEqual(try readInChunks(source, size: size), content, "chunk size \(size)")
            XCTAssertFalse((source.compression != nil))
        }
    }

    func testShortAndEmptyFiles() throws {
        let dir = try TempDir()
        XCTAssertEqual(try readInChunks(ByteSource(path: dir.write("empty", "")), size: 16), [])
        XCTAssertEqual(try readInChunks(ByteSource(path: dir.write("two", "ab")), size: 16), Array("ab".utf8))
        // Three bytes of the magic are not the magic.
        let almost: [UInt8] = [0x28, 0xB5, 0x2F, 0x41, 0x42]
        XCTAssertEqual(try readInChunks(ByteSource(path: dir.write("almost", bytes: almost)), size: 2), almost)
    }

    func testZstdFromAPipeIsSniffed() throws {
        let dir = try TempDir()
        let text = Array(String(repeating: "{\"vm\":1}\n", count: 1000).utf8)
        let compressed = try compress(text, in: dir)
        XCTAssertLessThan(compressed.count, 60_000, "must fit in the pipe")
        let (readEnd, writeEnd) = makePipe()
        defer { close(readEnd) }
        _ = compressed.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
        close(writeEnd)
        let source = ByteSource(fileDescriptor: readEnd, name: "<stdin>")
        XCTAssertEqual(try readInChunks(source, size: 1000), text)
        XCTAssertTrue((source.compression != nil))
    }

    func testConcatenatedZstdFrames() throws {
        let dir = try TempDir()
        let first = try compress(Array("one\n".utf8), in: dir)
        let second = try compress(Array("two\n".utf8), in: dir)
        let path = try dir.write("both.zst", bytes: first + second)
        XCTAssertEqual(try readInChunks(ByteSource(path: path), size: 3), Array("one\ntwo\n".utf8))
    }

    func testCorruptZstd() throws {
        let dir = try TempDir()
        let path = try dir.write("bad.zst", "this is not zstd data\n")
        let source = try ByteSource(path: path)
        XCTAssertThrowsError(try readInChunks(source, size: 64)) { error in
            XCTAssertEqual(error as? InputError,
                           .corruptCompressedData(path: path, format: .zstd, offset: 0, reason: "unknown frame descriptor"))
            XCTAssertEqual("\(error)", "\(path): corrupt zstd data at byte 0: unknown frame descriptor")
        }
    }

    func testGarbageAfterAFrame() throws {
        let dir = try TempDir()
        let good = try compress(Array("fine\n".utf8), in: dir)
        let path = try dir.write("tail.zst", bytes: good + Array("garbage!".utf8))
        XCTAssertThrowsError(try readInChunks(ByteSource(path: path), size: 64)) { error in
            guard case let .corruptCompressedData(_, _, offset, reason)? = error as? InputError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(offset, good.count)
            XCTAssertEqual(reason, "unknown frame descriptor")
        }
    }

    func testTruncatedZstd() throws {
        let dir = try TempDir()
        let text = (0..<20_000).flatMap { Array("{\"i\":\($0)}\n".utf8) }
        let compressed = try compress(text, in: dir)
        let half = Array(compressed.prefix(compressed.count / 2))
        let path = try dir.write("cut.zst", bytes: half)
        XCTAssertThrowsError(try readInChunks(ByteSource(path: path), size: 4096)) { error in
            XCTAssertEqual(error as? InputError, .truncatedCompressedData(path: path, format: .zstd, offset: half.count))
        }
    }

    func testReadAllReusesTheBuffer() throws {
        let dir = try TempDir()
        let big = [UInt8](repeating: 0x61, count: 3_000_000)
        let buffer = AlignedBuffer()
        try ByteSource(path: dir.write("big", bytes: big)).readAll(into: buffer)
        XCTAssertEqual(buffer.count, big.count)
        XCTAssertEqual(Int(bitPattern: buffer.bytes.baseAddress) % 16, 0)
        let capacity = buffer.capacity
        try ByteSource(path: dir.write("small", "abc")).readAll(into: buffer)
        XCTAssertEqual(Array(buffer.bytes), Array("abc".utf8))
        XCTAssertEqual(buffer.capacity, capacity)
    }

    func testReadAllFromAPipe() throws {
        let (readEnd, writeEnd) = makePipe()
        defer { close(readEnd) }
        _ = "piped data".withCString { write(writeEnd, $0, 10) }
        close(writeEnd)
        let buffer = AlignedBuffer()
        try ByteSource(fileDescriptor: readEnd, name: "<stdin>").readAll(into: buffer)
        XCTAssertEqual(String(decoding: buffer.bytes, as: UTF8.self), "piped data")
    }

    func testReadsAfterCloseAreTheEnd() throws {
        let dir = try TempDir()
        let source = try ByteSource(path: dir.write("f", "content"))
        source.close()
        XCTAssertEqual(try readInChunks(source, size: 8), [])
    }
}
