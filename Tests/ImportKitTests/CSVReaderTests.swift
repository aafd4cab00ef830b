import XCTest

@testable import ImportKit

/// Bytes from memory, handed out `chunk` bytes at a time so rows and
/// quoted fields straddle reads.
final class MemoryInput: ByteInput {
    let name: String
    private let bytes: [UInt8]
    private let chunk: Int
    private var at = 0

    init(_ text: String, name: String = "mem.csv", chunk: Int = 1 << 20) {
        self.bytes = Array(text.utf8)
        self.name = name
        self.chunk = chunk
    }

    func readBytes(into buffer: UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int {
        let n = min(chunk, buffer.count, bytes.count - at)
        for i in 0..<n { buffer[i] = bytes[at + i] }
        at += n
        return n
    }
}

final class CSVReaderTests: XCTestCase {
    /// Every row as (line, fields), absent fields as nil.
    private func rows(_ text: String, dialect: CSVDialect? = nil, chunk: Int = 1 << 20, buffer: Int = 64)
        throws -> [(Int, [String?])] {
        let reader = CSVReader(input: MemoryInput(text, chunk: chunk), dialect: dialect, bufferSize: buffer)
        var out: [(Int, [String?])] = []
        while try reader.next() {
            out.append((reader.lineNumber, (0..<reader.count).map { reader.isAbsent($0) ? nil : reader.string($0) }))
        }
        return out
    }

    private func fields(_ text: String, dialect: CSVDialect? = nil) throws -> [[String?]] {
        try rows(text, dialect: dialect).map(\.1)
    }

    func testRFC4180QuotingWithCRLF() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n\"two\r\nlines\",\"\",3\r\n"
        let got = try rows(text)
        XCTAssertEqual(got.map(\.0), [1, 2, 3])
        XCTAssertEqual(got.map(\.1), [["a", "b", "c"], ["x, y", "say \"hi\"", nil], ["two\r\nlines", "", "3"]])
    }

    func testLFAndMissingFinalNewline() throws {
        XCTAssertEqual(try fields("a,b\n1,2"), [["a", "b"], ["1", "2"]])
    }

    func testLineNumbersCountLinesInsideQuotesAndBlankLines() throws {
        let got = try rows("h\n\"a\nb\nc\"\n\nd\n")
        XCTAssertEqual(got.map(\.0), [1, 2, 6])
    }

    func testByteOrderMarkIsSkipped() throws {
        XCTAssertEqual(try fields("\u{FEFF}a,b\n"), [["a", "b"]])
    }

    func testNullSpellings() throws {
        XCTAssertEqual(try fields("a,b,c,d\nNULL,\\N,,\"NULL\"\n")[1], [nil, nil, nil, "NULL"])
    }

    func testTabInFirstLineMeansMysqlTSV() throws {
        let text = "a\tb\tc\n1\\t2\tx\\\\y\\nz\tNULL\nNULL\t\\0\tq\n"
        XCTAssertEqual(try fields(text), [["a", "b", "c"], ["1\t2", "x\\y\nz", nil], [nil, "\0", "q"]])
    }

    func testOutfileEscapesARealTabAndWritesNullAsBackslashN() throws {
        // INTO OUTFILE: a backslash before a real tab keeps it in the field;
        // its NULL is \N, so a later NULL is the string 'NULL'.
        let text = "1\tweb\\\t1\t\\N\n2\tNULL\tx\\\\\t\\\\\\\tz\n"
        XCTAssertEqual(try fields(text), [["1", "web\t1", nil], ["2", "NULL", "x\\", "\\\tz"]])
        // The first row with a NULL decides: here NULL is mysql -B's NULL.
        XCTAssertEqual(try fields("a\tb\nNULL\t1\n\\N\tNULL\n"), [["a", "b"], [nil, "1"], [nil, nil]])
    }

    func testTSVBackslashBeforeLineEndKeepsIt() throws {
        // SELECT ... INTO OUTFILE escapes a newline in a value this way.
        let got = try rows("a\tb\none\\\ntwo\t3\nx\ty\n")
        XCTAssertEqual(got.map(\.1), [["a", "b"], ["one\ntwo", "3"], ["x", "y"]])
        XCTAssertEqual(got.map(\.0), [1, 2, 4])
        // An even run of backslashes is an escaped backslash, and the line ends.
        XCTAssertEqual(try fields("a\tb\nc\\\\\n"), [["a", "b"], ["c\\"]])
    }

    func testQuotesInTSVAreData() throws {
        XCTAssertEqual(try fields("a\tb\n\"x\t\"y\"\n"), [["a", "b"], ["\"x", "\"y\""]])
    }

    func testRowsStraddleReadsAndGrowTheBuffer() throws {
        let long = String(repeating: "z", count: 500)
        let text = "a,b\r\n\"\(long)\",\"q\"\"\nq\"\r\n1,2\r\n"
        let got = try rows(text, chunk: 7, buffer: 64)
        XCTAssertEqual(got.map(\.1), [["a", "b"], [long, "q\"\nq"], ["1", "2"]])
        XCTAssertEqual(got.map(\.0), [1, 2, 4])
    }

    func testUnterminatedQuoteAtTheEndIsAProblem() throws {
        let reader = CSVReader(input: MemoryInput("a,b\n1,\"open\n2,3\n"))
        XCTAssertTrue(try reader.next())
        XCTAssertNil(reader.problem)
        XCTAssertTrue(try reader.next())
        XCTAssertEqual(reader.problem, "unterminated quoted field")
        XCTAssertEqual(reader.string(1), "open\n2,3\n")
        XCTAssertFalse(try reader.next())
    }

    func testTextAfterClosingQuoteIsAProblem() throws {
        let reader = CSVReader(input: MemoryInput("\"a\"b,c\n"))
        XCTAssertTrue(try reader.next())
        XCTAssertEqual(reader.problem, "text after a closing quote")
        XCTAssertEqual(reader.string(0), "ab")
        XCTAssertEqual(reader.count, 2)
    }

    func testTrailingSeparatorGivesAnEmptyField() throws {
        XCTAssertEqual(try fields("a,\n"), [["a", nil]])
        XCTAssertEqual(try fields("a\t\n", dialect: .tsv), [["a", nil]])
    }

    func testFieldText() {
        func with<R>(_ s: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
            var s = s
            return s.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
        XCTAssertEqual(with("1234.0") { FieldText.wholeNumber($0) }, 1234)
        XCTAssertNil(with("1234.5") { FieldText.wholeNumber($0) })
        XCTAssertTrue(with("0") { FieldText.isJSONInteger($0) })
        XCTAssertFalse(with("007") { FieldText.isJSONInteger($0) })
        XCTAssertFalse(with("+7") { FieldText.isJSONInteger($0) })
    }
}
