import AcctCore
import XCTest
import _AcctTestSupport

final class RFC3339Tests: XCTestCase {
    func testParse() {
        XCTAssertEqual(RFC3339.parse("1970-01-01T00:00:00Z"), 0)
        XCTAssertEqual(RFC3339.parse("2018-10-01T03:00:00Z"), 1_538_362_800)
        XCTAssertEqual(RFC3339.parse("2018-10-01t03:00:00z"), 1_538_362_800)
        XCTAssertEqual(RFC3339.parse("2024-02-29T12:00:00Z"), 1_709_208_000)
        XCTAssertEqual(RFC3339.parse("2000-02-29T00:00:00Z"), 951_782_400)
        XCTAssertEqual(RFC3339.parse("0000-01-01T00:00:00Z"), -62_167_219_200)
        XCTAssertEqual(RFC3339.parse("9999-12-31T23:59:59Z"), 253_402_300_799)
    }

    func testOffsets() {
        XCTAssertEqual(RFC3339.parse("2024-03-01T01:00:00+01:00"), RFC3339.parse("2024-03-01T00:00:00Z"))
        XCTAssertEqual(RFC3339.parse("2024-03-01T00:00:00-05:30"), 1_709_251_200 + 19_800)
        XCTAssertEqual(RFC3339.parse("2024-03-01T00:00:00+00:00"), 1_709_251_200)
        XCTAssertEqual(RFC3339.parse("2024-03-01T00:00:00-00:00"), 1_709_251_200)
    }

    func testFractionsAreFloored() {
        XCTAssertEqual(RFC3339.parse("2018-10-01T03:00:00.999999Z"), 1_538_362_800)
        XCTAssertEqual(RFC3339.parse("2018-10-01T03:00:00.1+01:00"), 1_538_362_800 - 3600)
        XCTAssertEqual(RFC3339.parse("1969-12-31T23:59:59.5Z"), -1)
    }

    func testRejects() {
        for text in ["2023-02-29T00:00:00Z", "2024-02-30T00:00:00Z", "1900-02-29T00:00:00Z", "2024-01-01T25:00:00Z",
                     "2024-01-01T24:00:00Z", "2024-01-01T23:59:60Z", "2024-01-01T00:60:00Z", "2024-13-01T00:00:00Z",
                     "2024-01-01T00:00:00", "2024-01-01 00:00:00Z", "2024-01-01T00:00Z", "2024-01-01",
                     "2024-01-01T00:00:00+24:00", "2024-01-01T00:00:00+01", "2024-01-01T00:00:00.Z",
                     "20240101", " 2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z ", "", "+2024-01-01T00:00:00Z"] {
            XCTAssertNil(RFC3339.parse(text), text)
        }
    }

    func testParseBytes() {
        let value = Array("2018-10-01T03:00:00Z".utf8).withUnsafeBytes { RFC3339.parse($0) }
        XCTAssertEqual(value, 1_538_362_800)
        XCTAssertNil(RFC3339.parse(UnsafeRawBufferPointer(start: nil, count: 0)))
    }

    func testFormat() {
        XCTAssertEqual(RFC3339.string(0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(RFC3339.string(-1), "1969-12-31T23:59:59Z")
        XCTAssertEqual(RFC3339.string(1_538_362_800), "2018-10-01T03:00:00Z")
        XCTAssertEqual(RFC3339.string(1_709_208_000), "2024-02-29T12:00:00Z")
        XCTAssertEqual(RFC3339.string(253_402_300_799), "9999-12-31T23:59:59Z")
        XCTAssertEqual(RFC3339.string(-62_167_219_200), "0000-01-01T00:00:00Z")
        XCTAssertEqual(RFC3339.string(253_402_300_800), "10000-01-01T00:00:00Z")
        XCTAssertEqual(RFC3339.string(-62_167_219_201), "-0001-12-31T23:59:59Z")
        let buffer = OutputBuffer(capacity: 16)
        buffer.append("\"")
        RFC3339.format(1_538_362_800, into: buffer)
        buffer.append("\"")
        XCTAssertEqual(buffer.text, "\"2018-10-01T03:00:00Z\"")
    }

    /// The wall clock of a zone with its offset: each reads back as the
    /// same instant; an offset with seconds, which RFC 3339 cannot write,
    /// gives the instant in UTC.
    func testFormatWithOffset() {
        XCTAssertEqual(RFC3339.string(1_709_247_600, offset: 3600), "2024-03-01T00:00:00+01:00")
        XCTAssertEqual(RFC3339.string(1_709_247_600, offset: 0), "2024-02-29T23:00:00+00:00")
        XCTAssertEqual(RFC3339.string(1_709_247_600, offset: -9000), "2024-02-29T20:30:00-02:30")
        XCTAssertEqual(RFC3339.string(1_709_247_600, offset: 13 * 3600 + 45 * 60), "2024-03-01T12:45:00+13:45")
        XCTAssertEqual(RFC3339.string(1_709_247_600, offset: 1050), "2024-02-29T23:00:00Z")
        XCTAssertEqual(RFC3339.string(1_709_247_600, offset: -88_200), "2024-02-29T23:00:00Z")
        let buffer = OutputBuffer(capacity: 8)
        RFC3339.format(-1, offset: -3600, into: buffer)
        XCTAssertEqual(buffer.text, "1969-12-31T22:59:59-01:00")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let epoch = Int64.random(in: -62_000_000_000...253_000_000_000, using: &generator)
            let offset = Int.random(in: -1439...1439, using: &generator) * 60
            XCTAssertEqual(RFC3339.parse(RFC3339.string(epoch, offset: offset)), epoch)
        }
    }

    func testRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let epoch = Int64.random(in: -62_167_219_200...253_402_300_799, using: &generator)
            XCTAssertEqual(RFC3339.parse(RFC3339.string(epoch)), epoch)
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` has a short path of its own: on texts of that
    /// length with fields in and out of range and odd separators, it gives
    /// what the full scanner gives, value for value and nil for nil.
    func testCommonFormAgreesWithTheScanner() {
        var generator = SystemRandomNumberGenerator()
        func two(_ range: ClosedRange<Int>) -> String {
            let n = Int.random(in: range, using: &generator)
            return n < 10 ? "0\(n)" : "\(n)"
        }
        func pick(_ choices: [String]) -> String { choices.randomElement(using: &generator)! }
        var accepted = 0
        for round in 0..<20_000 {
            let year = round % 50 == 0 ? pick(["0000", "9999", "1900", "2000", "2100", "20x8", "-201"]) : "\(Int.random(in: 1000...9999, using: &generator))"
            let text = year + pick(["-", "-", "-", "/"]) + two(0...13) + pick(["-", "-", "-", "."]) + two(0...32)
                + pick(["T", "T", "t", " ", "x"]) + two(0...25) + pick([":", ":", "."]) + two(0...61)
                + pick([":", ":", ";"]) + two(0...61) + pick(["Z", "Z", "z", "+", "0"])
            XCTAssertEqual(text.utf8.count, 20)
            let wanted: Int64? = Array(text.utf8).withUnsafeBytes { bytes in
                guard let scanned = try? DateTimeText.scan(bytes), scanned.hasSeconds, scanned.separator != UInt8(ascii: " "),
                      let offset = scanned.offset else { return nil }
                return scanned.civil.epochSeconds - Int64(offset)
            }
            XCTAssertEqual(RFC3339.parse(text), wanted, text)
            if wanted != nil { accepted += 1 }
        }
        XCTAssertGreaterThan(accepted, 1000, "the texts should often be valid")
        // A leap second is read the long way, as the second after.
        XCTAssertEqual(RFC3339.parse("2016-12-31T23:59:60Z"), RFC3339.parse("2017-01-01T00:00:00Z"))
        XCTAssertEqual(RFC3339.parse("2024-02-29T23:59:59z"), 1_709_251_199)
    }
}
