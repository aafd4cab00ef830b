@testable import AcctCore
import XCTest
import _AcctTestSupport

/// The chunks of a parallel run: whole lines, in order, each numbered as a
/// serial run numbers it.
final class ChunkSplitterTests: XCTestCase {
    private func chunks(_ text: String, size: Int, name: String = "in.ndjson") throws -> (items: [ChunkSplitter.Item], dir: TempDir) {
        let dir = try TempDir()
        let path = try dir.write(name, text)
        let splitter = ChunkSplitter(paths: [path], chunkBytes: size)
        var items: [ChunkSplitter.Item] = []
        while let item = splitter.next() { items.append(item) }
        return (items, dir)
    }

    /// Each chunk's lines as a LineReader reads them, with their numbers.
    private func lines(_ items: [ChunkSplitter.Item]) throws -> [(Int, String)] {
        var lines: [(Int, String)] = []
        for case .chunk(let chunk) in items {
            let reader = LineReader(chunk: chunk)
            while let line = try reader.next() { lines.append((line.number, String(decoding: line.bytes, as: UTF8.self))) }
        }
        return lines
    }

    func testChunksEndAtLineEndsAndKeepLineNumbers() throws {
        let text = (1...50).map { "{\"n\":\($0)}" }.joined(separator: "\n") + "\n"
        for size in [1, 7, 16, 100, 1 << 20] {
            let (items, _) = try chunks(text, size: size)
            for case .chunk(let chunk) in items.dropLast() {
                XCTAssertEqual(chunk.bytes.last, 0x0A, "size \(size)")
            }
            let got = try lines(items)
            XCTAssertEqual(got.map(\.0), Array(1...50), "size \(size)")
            XCTAssertEqual(got.map(\.1), (1...50).map { "{\"n\":\($0)}" }, "size \(size)")
            if size >= 100 { XCTAssertLessThan(items.count, 50) }
        }
    }

    /// Line ends are counted sixteen bytes a step: every length and
    /// alignment, and runs of line ends past what one step's lanes hold.
    func testLineEndsAreCountedExactly() {
        var generator = SystemRandomNumberGenerator()
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 20_000)
        defer { buffer.deallocate() }
        for round in 0..<400 {
            let count = round < 40 ? round : Int.random(in: 0...19_000, using: &generator)
            let offset = Int.random(in: 0...15, using: &generator)
            let density = [0, 1, 8, 128, 255][round % 5]
            for i in 0..<(count + offset) {
                buffer[i] = UInt8.random(in: 0...254, using: &generator) < density ? 0x0A : UInt8.random(in: 0...255, using: &generator) | 1
            }
            let expected = (offset..<(offset + count)).reduce(0) { $0 + (buffer[$1] == 0x0A ? 1 : 0) }
            XCTAssertEqual(ChunkSplitter.lineEnds(buffer + offset, count), expected, "\(count) bytes at \(offset)")
        }
    }

    func testLongLinesCRLFAndNoFinalNewline() throws {
        let long = String(repeating: "x", count: 300)
        let text = "\u{FEFF}a\r\n\(long)\r\nb\n\nc"
        let (items, _) = try chunks(text, size: 8)
        let got = try lines(items)
        XCTAssertEqual(got.map(\.0), [1, 2, 3, 4, 5])
        XCTAssertEqual(got.map(\.1), ["a", long, "b", "", "c"])
    }

    func testMissingFileIsAnItemInItsPlace() throws {
        let dir = try TempDir()
        let a = try dir.write("a", "1\n2\n")
        let b = try dir.write("b", "3\n")
        let splitter = ChunkSplitter(paths: [a, dir.path("missing"), b], chunkBytes: 2)
        var kinds: [String] = []
        while let item = splitter.next() {
            switch item {
            case .chunk(let chunk): kinds.append("\(chunk.sourceName.split(separator: "/").last!):\(chunk.firstLine)")
            case .problem(let message): kinds.append(message.contains("missing") ? "problem" : message)
            }
        }
        XCTAssertEqual(kinds, ["a:1", "problem", "b:1"])
    }

    func testEmptyInputHasNoChunk() throws {
        let (items, _) = try chunks("", size: 4)
        XCTAssertTrue(items.isEmpty)
    }
}
