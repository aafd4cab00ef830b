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
}
