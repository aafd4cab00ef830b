import AcctCore
import Foundation
import XCTest
import _AcctTestSupport

final class ByteSinkTests: XCTestCase {
    private func fileSize(_ path: String) -> Int {
        var status = stat()
        XCTAssertEqual(stat(path, &status), 0)
        return Int(status.st_size)
    }

    func testWritesRecordsToAFile() throws {
        let dir = try TempDir()
        let sink = try ByteSink(path: dir.path("out.ndjson"))
        for i in 0..<3 {
            sink.buffer.append("{\"i\":")
            sink.buffer.appendInt(Int64(i))
            sink.buffer.append("}\n")
            try sink.endRecord()
        }
        try sink.finish()
        try sink.finish()
        XCTAssertEqual(String(decoding: try dir.read("out.ndjson"), as: UTF8.self), "{\"i\":0}\n{\"i\":1}\n{\"i\":2}\n")
    }

    func testFlushesOnlyWholeRecords() throws {
        let dir = try TempDir()
        let path = dir.path("out")
        let sink = try ByteSink(path: path, threshold: 10)
        sink.buffer.append("12345\n")
        try sink.endRecord()
        XCTAssertEqual(fileSize(path), 0, "below the threshold nothing is written")
        sink.buffer.append("67890\n")
        try sink.endRecord()
        XCTAssertEqual(fileSize(path), 12)
        sink.buffer.append("partial")
        try sink.flush()
        XCTAssertEqual(fileSize(path), 12, "flush leaves a partial record in the buffer")
        sink.discardPartialRecord()
        sink.buffer.append("last\n")
        try sink.endRecord()
        try sink.flush()
        XCTAssertEqual(fileSize(path), 17)
        try sink.finish()
        XCTAssertEqual(String(decoding: try dir.read("out"), as: UTF8.self), "12345\n67890\nlast\n")
    }

    func testZstdRoundTrip() throws {
        let dir = try TempDir()
        var expected: [UInt8] = []
        let sink = try ByteSink(path: dir.path("x.zst"), threshold: 4096)
        for i in 0..<50_000 {
            let line = "{\"vm\":\(i),\"status\":\"RUNNING\"}\n"
            expected += Array(line.utf8)
            sink.buffer.append(contentsOf: line)
            try sink.endRecord()
        }
        try sink.finish()
        let compressed = try dir.read("x.zst")
        XCTAssertEqual(Array(compressed.prefix(4)), [0x28, 0xB5, 0x2F, 0xFD])
        XCTAssertLessThan(compressed.count, expected.count / 5)

        let source = try ByteSource(path: dir.path("x.zst"))
        let all = AlignedBuffer()
        try source.readAll(into: all)
        XCTAssertEqual(Array(all.bytes), expected)
        XCTAssertTrue((source.compression != nil))

        // Sniffed by its magic number when the name does not say .zst.
        try dir.write("x.ndjson", bytes: compressed)
        let sniffed = try ByteSource(path: dir.path("x.ndjson"))
        try sniffed.readAll(into: all)
        XCTAssertEqual(Array(all.bytes), expected)
        XCTAssertTrue((sniffed.compression != nil))
    }

    func testZstdOutputReadsWithTheZstdTool() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd") else {
            throw XCTSkip("no /usr/bin/zstd")
        }
        let dir = try TempDir()
        let sink = try ByteSink(path: dir.path("y.zst"))
        sink.buffer.append("{\"a\":1}\n{\"b\":2}\n")
        try sink.endRecord()
        try sink.finish()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zstd")
        process.arguments = ["-q", "-d", "-c", dir.path("y.zst")]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "{\"a\":1}\n{\"b\":2}\n")
    }

    func testCompressedStandardOutputStyleSink() throws {
        let (readEnd, writeEnd) = makePipe()
        defer { close(readEnd) }
        let sink = try ByteSink(fileDescriptor: writeEnd, compress: true, threshold: 0)
        sink.buffer.append("{\"z\":true}\n")
        try sink.endRecord()
        try sink.finish()
        close(writeEnd)
        let compressed = readAll(readEnd)
        let dir = try TempDir()
        try dir.write("piped", bytes: compressed)
        let source = try ByteSource(path: dir.path("piped"))
        let all = AlignedBuffer()
        try source.readAll(into: all)
        XCTAssertEqual(String(decoding: all.bytes, as: UTF8.self), "{\"z\":true}\n")
    }

    func testDiskFullIsAWriteError() throws {
        let sink = try ByteSink(path: "/dev/full")
        sink.buffer.append("{\"a\":1}\n")
        try sink.endRecord()
        XCTAssertThrowsError(try sink.finish()) { error in
            XCTAssertEqual(error as? OutputError, .writeFailed(path: "/dev/full", errno: ENOSPC))
            XCTAssertEqual("\(error)", "/dev/full: write error: no space left on device")
        }
    }

    func testDiskFullOnStandardOutputNamesNoFile() throws {
        let fd = open("/dev/full", O_WRONLY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        let sink = try ByteSink(fileDescriptor: fd, threshold: 0)
        sink.buffer.append("x\n")
        XCTAssertThrowsError(try sink.endRecord()) { error in
            XCTAssertEqual("\(error)", "write error: no space left on device")
        }
    }

    func testClosedPipeIsBrokenPipe() throws {
        ByteSink.ignoreSIGPIPE()
        let (readEnd, writeEnd) = makePipe()
        close(readEnd)
        defer { close(writeEnd) }
        let sink = try ByteSink(fileDescriptor: writeEnd, threshold: 0)
        sink.buffer.append("x\n")
        XCTAssertThrowsError(try sink.endRecord()) { error in
            XCTAssertEqual(error as? OutputError, .brokenPipe)
        }
        sink.buffer.append("y\n")
        XCTAssertThrowsError(try sink.finish()) { error in
            XCTAssertEqual(error as? OutputError, .brokenPipe, "the first failure is repeated")
        }
    }

    func testOpenFailure() {
        XCTAssertThrowsError(try ByteSink(path: "/nonexistent-dir/out")) { error in
            XCTAssertEqual(error as? OutputError, .openFailed(path: "/nonexistent-dir/out", errno: ENOENT))
        }
    }
}
