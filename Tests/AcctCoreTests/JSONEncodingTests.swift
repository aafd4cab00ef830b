import XCTest
import _AcctTestSupport

@testable import AcctCore

final class JSONEncodingTests: XCTestCase {
    private func quoted(_ bytes: [UInt8]) -> (text: String, clean: Bool) {
        let buffer = OutputBuffer(capacity: 16)
        let clean = bytes.withUnsafeBytes { buffer.appendJSONString(bytes: $0) }
        return (buffer.text, clean)
    }

    func testPlainStrings() {
        XCTAssertEqual(quoted(Array("hello".utf8)).text, "\"hello\"")
        XCTAssertEqual(quoted([]).text, "\"\"")
        XCTAssertEqual(encoded { $0.appendJSONString("é€𝄞 \u{7F}") }, "\"é€𝄞 \u{7F}\"")
        let long = String(repeating: "abcdefgh", count: 50)
        XCTAssertEqual(encoded { $0.appendJSONString(long) }, "\"\(long)\"")
    }

    func testEscapes() {
        let result = quoted(Array("a\"b\\c\n\t\r\u{08}\u{0C}\u{01}\u{1F}/".utf8))
        XCTAssertEqual(result.text, #""a\"b\\c\n\t\r\b\f\u0001\u001f/""#)
        XCTAssertTrue(result.clean)
        XCTAssertEqual(quoted([0]).text, #""\u0000""#)
    }

    func testEscapeAtEveryPositionOfAWord() {
        for position in 0..<20 {
            var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 20)
            bytes[position] = UInt8(ascii: "\"")
            var expected = String(repeating: "x", count: position) + "\\\""
            expected += String(repeating: "x", count: 19 - position)
            XCTAssertEqual(quoted(bytes).text, "\"\(expected)\"", "quote at \(position)")
        }
    }

    func testInvalidUTF8IsReplaced() {
        let result = quoted([0x66, 0x6F, 0x80, 0x6F])
        XCTAssertEqual(result.text, "\"fo\u{FFFD}o\"")
        XCTAssertFalse(result.clean)
    }

    func testMaximalSubpartReplacement() {
        let cases: [([UInt8], String)] = [
            ([0xE1, 0x80, 0x41], "\u{FFFD}A"),              // truncated 3-byte: one U+FFFD
            ([0xF0, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}"), // overlong 4-byte lead
            ([0xC0, 0xAF], "\u{FFFD}\u{FFFD}"),             // overlong 2-byte
            ([0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}"), // UTF-8-encoded surrogate
            ([0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"), // above U+10FFFF
            ([0xF5, 0x41], "\u{FFFD}A"),
            ([0x61, 0xE2, 0x82], "a\u{FFFD}"),                // truncated at the end
            ([0xF0, 0x9D, 0x84], "\u{FFFD}"),
            ([0xF0, 0x9D, 0x84, 0x9E], "𝄞"),
        ]
        for (bytes, expected) in cases {
            let result = quoted(bytes)
            XCTAssertEqual(Array(result.text.utf8), Array("\"\(expected)\"".utf8), "\(bytes)")
            XCTAssertEqual(result.clean, expected == "𝄞", "\(bytes)")
        }
    }

    /// Swift's own UTF-8 decoding repairs by the same maximal-subpart rule,
    /// so it is the reference for random bytes.
    func testMatchesReferenceOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x22, 0x41, 0x5C, 0x7F, 0x80, 0x8F, 0x9F, 0xA0,
                                    0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<3000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &generator) ? interesting.randomElement(using: &generator)! : UInt8(ascii: "a")
            }
            let decoded = String(decoding: bytes, as: UTF8.self)
            var expected = "\""
            for scalar in decoded.unicodeScalars {
                switch scalar {
                case "\"": expected += "\\\""
                case "\\": expected += "\\\\"
                case "\n": expected += "\\n"
                case "\r": expected += "\\r"
                case "\t": expected += "\\t"
                case "\u{08}": expected += "\\b"
                case "\u{0C}": expected += "\\f"
                case "\u{00}"..."\u{1F}":
                    let hex = String(scalar.value, radix: 16)
                    expected += "\\u00" + (hex.count == 1 ? "0" : "") + hex
                default: expected.unicodeScalars.append(scalar)
                }
            }
            expected += "\""
            let result = quoted(bytes)
            XCTAssertEqual(result.text, expected, "\(bytes)")
            XCTAssertEqual(result.clean, Array(decoded.utf8) == bytes, "\(bytes)")
        }
    }

    func testIntegers() {
        XCTAssertEqual(encoded { $0.appendInt(0) }, "0")
        XCTAssertEqual(encoded { $0.appendInt(-1) }, "-1")
        XCTAssertEqual(encoded { $0.appendInt(1_234_567_890) }, "1234567890")
        XCTAssertEqual(encoded { $0.appendInt(.min) }, "-9223372036854775808")
        XCTAssertEqual(encoded { $0.appendInt(.max) }, "9223372036854775807")
        XCTAssertEqual(encoded { $0.appendUInt(.max) }, "18446744073709551615")
        XCTAssertEqual(encoded { $0.appendUInt(10) }, "10")
    }

    func testWideIntegers() {
        let cases: [(Int128, String)] = [
            (0, "0"), (-1, "-1"), (Int128(Int64.max), "9223372036854775807"), (Int128(Int64.min), "-9223372036854775808"),
            (Int128(Int64.max) + 1, "9223372036854775808"), (Int128(Int64.min) - 1, "-9223372036854775809"),
            (Int128(UInt64.max), "18446744073709551615"), (-Int128(UInt64.max) - 1, "-18446744073709551616"),
            (10_000_000_000_000_000_000, "10000000000000000000"), (100_000_000_000_000_000_000_000_000_000_000_000_000, "100000000000000000000000000000000000000"),
            (10_000_000_000_000_000_000_000_000_000_000_000_005, "10000000000000000000000000000000000005"),
            (.max, "170141183460469231731687303715884105727"), (.min, "-170141183460469231731687303715884105728"),
        ]
        for (value, text) in cases {
            XCTAssertEqual(encoded { $0.appendInteger(value) }, text)
            XCTAssertEqual(String(value), text)
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let value = Int128(Int64.random(in: .min ... .max, using: &rng)) << Int.random(in: 0...64, using: &rng)
                | Int128(Int64.random(in: 0 ... .max, using: &rng))
            XCTAssertEqual(encoded { $0.appendInteger(value) }, String(value))
        }
    }

    func testDoubles() {
        let cases: [(Double, String)] = [
            (0.1, "0.1"), (1e-7, "1e-7"), (2048, "2048.0"), (0, "0.0"), (-0.0, "-0.0"), (100, "100.0"),
            (1e21, "1e21"), (1.5e300, "1.5e300"), (123456.789, "123456.789"), (.leastNonzeroMagnitude, "5e-324"),
            (-2.5, "-2.5"), (1e16, "1e16"), (0.3, "0.3"), (.greatestFiniteMagnitude, "1.7976931348623157e308"),
        ]
        for (value, text) in cases {
            XCTAssertEqual(encoded { $0.appendDouble(value) }, text, "\(value)")
        }
        XCTAssertEqual(encoded { $0.appendDouble(.nan) }, "null")
        XCTAssertEqual(encoded { $0.appendDouble(.infinity) }, "null")
        XCTAssertEqual(encoded { $0.appendDouble(-.infinity) }, "null")
    }

    func testDoublesReadBack() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = encoded { $0.appendDouble(value) }
            XCTAssertEqual(Double(text), value, text)
            XCTAssertTrue(text.contains(".") || text.contains("e"), text)
        }
    }

    func testFloats() {
        XCTAssertEqual(encoded { $0.appendFloat(0.015784131) }, "0.015784131")
        XCTAssertEqual(encoded { $0.appendFloat(2048) }, "2048.0")
        XCTAssertEqual(encoded { $0.appendFloat(0.1) }, "0.1")
        XCTAssertEqual(encoded { $0.appendFloat(.greatestFiniteMagnitude) }, "3.4028235e38")
        XCTAssertEqual(encoded { $0.appendFloat(.nan) }, "null")
    }

    func testBase64RFC4648Vectors() {
        let vectors = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                       ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]
        for (input, output) in vectors {
            XCTAssertEqual(encoded { buffer in Array(input.utf8).withUnsafeBytes { buffer.appendBase64($0) } }, output)
        }
        XCTAssertEqual(encoded { buffer in [UInt8]([0xFB, 0xFF, 0xBF]).withUnsafeBytes { buffer.appendBase64($0) } }, "+/+/")
        XCTAssertEqual(encoded { buffer in [UInt8]([0xFB, 0xFF]).withUnsafeBytes { buffer.appendBase64($0) } }, "+/8=")
    }

    func testWholeFloatsPrintAsTheFormatterWould() {
        // The integer shortcut must give the formatter's own text: `2048.0`,
        // but `1e5` where that is shorter.
        func text(_ body: (OutputBuffer) -> Void) -> String {
            let buffer = OutputBuffer()
            body(buffer)
            return buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        }
        var values: [Float] = (1...20_000).map { Float($0) }
        for scale in [10, 100, 1000, 10_000, 100_000, 1_000_000] as [Float] {
            values += (1...999).map { Float($0) * scale }
        }
        values += [16_777_215, 16_777_216, 16_777_218, 33_554_432, 1e10, 0.5, 2.25, 1e-7]
        for value in values + values.map({ -$0 }) {
            XCTAssertEqual(text { $0.appendFloat(value) }, text { $0.appendFormattedFloat(value) }, "\(value)")
        }
        XCTAssertEqual(text { $0.appendFloat(2048) }, "2048.0")
        XCTAssertEqual(text { $0.appendFloat(100_000) }, "1e5")
        XCTAssertEqual(text { $0.appendFloat(10_000) }, "10000.0")
    }
}
