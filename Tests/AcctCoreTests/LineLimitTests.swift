import AcctCore
import XCTest
import _AcctTestSupport

/// The longest line kept: a longer one is reported at its number, its rest
/// dropped without growing the buffer, and the lines after it read.
final class LineLimitTests: XCTestCase {
    private struct Read: Equatable {
        var lines: [String] = []
        var tooLong: [Int] = []
    }

    private func read(_ text: String, limit: Int, bufferSize: Int = 16) throws -> Read {
        let dir = try TempDir()
        let reader = LineReader(source: try ByteSource(path: dir.write("in", text)), bufferSize: bufferSize,
                                maxLineLength: limit)
        var read = Read()
        while true {
            do {
                guard let line = try reader.next() else { break }
                read.lines.append("\(line.number):" + String(decoding: line.bytes, as: UTF8.self))
            } catch .lineTooLong(let path, let line, let max) {
                XCTAssertEqual(path, dir.path("in"))
                XCTAssertEqual(max, limit)
                read.tooLong.append(line)
            }
        }
        return read
    }

    /// The limit counts the line end.
    func testLinesUpToTheLimitAreKept() throws {
        let lf = String(repeating: "a", count: 39)
        let crlf = String(repeating: "c", count: 38)
        XCTAssertEqual(try read("\(lf)\n\(crlf)\r\n\(lf)", limit: 40),
                       Read(lines: ["1:" + lf, "2:" + crlf, "3:" + lf]))
    }

    func testALongerLineIsReportedAndSkipped() throws {
        let long = String(repeating: "x", count: 1_000)
        XCTAssertEqual(try read("a\n\(long)\nb\n\(long)", limit: 40),
                       Read(lines: ["1:a", "3:b"], tooLong: [2, 4]))
        XCTAssertEqual(try read(String(repeating: "y", count: 40) + "\n", limit: 40), Read(tooLong: [1]))
        XCTAssertEqual(try read(String(repeating: "y", count: 39) + "\r\nz", limit: 40), Read(lines: ["2:z"], tooLong: [1]))
    }

    func testMessageNamesFileLineAndLimit() {
        XCTAssertEqual(InputError.lineTooLong(path: "in.zst", line: 7, limit: 64 << 20).description,
                       "in.zst:7: line longer than 64 MiB; skipped")
        XCTAssertEqual(InputError.lineTooLongMessage(limit: 100), "line longer than 100 bytes; skipped")
    }

    func testDefaultLimit() {
        XCTAssertEqual(LineReader.defaultMaxLineLength, 64 << 20)
    }
}

/// The flat-record fast path of `JSONTape.parse` against the full scanner
/// alone (`parseFully`), on lines of each kind; the fastpaths fuzz target
/// does the same on any bytes.
final class FastPathAgreementTests: XCTestCase {
    func testParseAgreesWithParseFully() {
        let lines = [
            #"{"a":1,"b":"x","c":2.5,"d":null,"e":true}"#,
            #"{ "a" : 1 , "b" : -0.0 }"#,
            #"{"big":170141183460469231731687303715884105727,"s":"caf\u00e9"}"#,
            #"{"nested":{"a":[1,2]}}"#,
            #"{"a":1,}"#, #"{"a":01}"#, #"{"a":"\x"}"#, "{\"a\":\"\u{1}\"}", #"["a"]"#, "", "{",
        ]
        let fast = JSONTape()
        let full = JSONTape()
        for line in lines {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBytes { raw in
                let buffer = UnsafeRawBufferPointer(raw)
                var fastError: JSONParseError?
                var fullError: JSONParseError?
                do throws(JSONParseError) { try fast.parse(buffer) } catch { fastError = error }
                do throws(JSONParseError) { try full.parseFully(buffer) } catch { fullError = error }
                XCTAssertEqual(fastError, fullError, line)
                guard fastError == nil else { return }
                XCTAssertEqual(fast.count, full.count, line)
                for node in 0..<min(fast.count, full.count) {
                    XCTAssertEqual(fast.kind(node), full.kind(node), line)
                    XCTAssertEqual(fast.end(node), full.end(node), line)
                    XCTAssertTrue(fast.rawBytes(node).elementsEqual(full.rawBytes(node)), line)
                }
            }
        }
    }
}
