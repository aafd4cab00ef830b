import AcctCore
import Foundation
import Glibc
import XCTest
import _AcctTestSupport

/// gzip input read transparently, as zstd is: by its magic bytes on a pipe,
/// by the `.gz` name, member after member, and cut or corrupt data reported.
final class GzipSourceTests: XCTestCase {
    /// gzip(1)'s own output for `text`.
    private func gzip(_ text: [UInt8], in dir: TempDir) throws -> [UInt8] {
        let plain = try dir.write("plain-\(text.count)", bytes: text)
        let made = try ToolRunner.shell("gzip -c \(plain) > \(plain).gz")
        XCTAssertEqual(made.status, 0, made.stderr)
        return try dir.read("plain-\(text.count).gz")
    }

    private let text = Array(String(repeating: "{\"vm\":1,\"vcpus\":2}\n", count: 5000).utf8)

    func testGzipFileBySniffing() throws {
        let dir = try TempDir()
        let path = try dir.write("records", bytes: try gzip(text, in: dir))
        let source = try ByteSource(path: path)
        XCTAssertEqual(try readInChunks(source, size: 777), text)
        XCTAssertEqual(source.compression, .gzip)
    }

    func testGzipOnAPipe() throws {
        let dir = try TempDir()
        let compressed = try gzip(text, in: dir)
        XCTAssertLessThan(compressed.count, 60_000, "must fit in the pipe")
        let (readEnd, writeEnd) = makePipe()
        defer { close(readEnd) }
        _ = compressed.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
        close(writeEnd)
        let source = ByteSource(fileDescriptor: readEnd, name: "<stdin>")
        XCTAssertEqual(try readInChunks(source, size: 1000), text)
        XCTAssertEqual(source.compression, .gzip)
    }

    func testConcatenatedMembers() throws {
        let dir = try TempDir()
        let first = try gzip(Array("one\n".utf8), in: dir)
        let second = try gzip(Array("two, three\n".utf8), in: dir)
        let path = try dir.write("both.gz", bytes: first + second)
        XCTAssertEqual(try readInChunks(ByteSource(path: path), size: 3), Array("one\ntwo, three\n".utf8))
    }

    func testTruncatedGzip() throws {
        let dir = try TempDir()
        let compressed = try gzip(text, in: dir)
        let half = Array(compressed.prefix(compressed.count / 2))
        let path = try dir.write("cut.gz", bytes: half)
        XCTAssertThrowsError(try readInChunks(ByteSource(path: path), size: 1000)) { error in
            XCTAssertEqual(error as? InputError, .truncatedCompressedData(path: path, format: .gzip, offset: half.count))
            XCTAssertEqual("\(error)", "\(path): truncated gzip data: input ends inside a member at byte \(half.count)")
        }
    }

    func testCorruptGzip() throws {
        let dir = try TempDir()
        var compressed = try gzip(text, in: dir)
        compressed[compressed.count / 2] ^= 0xFF
        compressed[compressed.count / 2 + 1] ^= 0xFF
        let path = try dir.write("bad.gz", bytes: compressed)
        XCTAssertThrowsError(try readInChunks(ByteSource(path: path), size: 1000)) { error in
            guard case let .corruptCompressedData(_, format, offset, _)? = error as? InputError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(format, .gzip)
            XCTAssertGreaterThan(offset, 0)
            XCTAssertLessThanOrEqual(offset, compressed.count)
        }
    }

    /// Zero bytes after a member (a tape block filled up) end the data, as
    /// for gzip -d; a member after them is still read.
    func testZeroPaddingAfterAMember() throws {
        let dir = try TempDir()
        let first = try gzip(Array("one\n".utf8), in: dir)
        let second = try gzip(Array("two\n".utf8), in: dir)
        let padded = try dir.write("padded.gz", bytes: first + [UInt8](repeating: 0, count: 10240 - first.count))
        XCTAssertEqual(try readInChunks(ByteSource(path: padded), size: 7), Array("one\n".utf8))
        let between = try dir.write("between.gz", bytes: first + [0, 0, 0] + second + [0])
        XCTAssertEqual(try readInChunks(ByteSource(path: between), size: 1000), Array("one\ntwo\n".utf8))
    }

    /// A file named .gz that is not gzip is refused, as a .zst one is.
    func testNameForcesTheFormat() throws {
        let dir = try TempDir()
        let path = try dir.write("plain.gz", "{\"vm\":1}\n")
        XCTAssertThrowsError(try readInChunks(ByteSource(path: path), size: 1000)) { error in
            XCTAssertEqual("\(error)", "\(path): corrupt gzip data at byte 2: incorrect header check")
        }
    }
}
