import AcctCore
import XCTest
import _AcctTestSupport

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(text)
    }

    private func parse(bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBytes { try JSONParser.parse($0) }
    }

    private func assertError(_ text: String, column: Int, _ message: String, line: UInt = #line) {
        assertError(bytes: Array(text.utf8), column: column, message, line: line)
    }

    private func assertError(bytes: [UInt8], column: Int, _ message: String, line: UInt = #line) {
        XCTAssertThrowsError(try parse(bytes: bytes), line: line) { error in
            XCTAssertEqual(error as? JSONParseError, JSONParseError(column: column, message: message), line: line)
        }
    }

    func testScalars() throws {
        XCTAssertEqual(try parse("null"), .null)
        XCTAssertEqual(try parse("true"), .bool(true))
        XCTAssertEqual(try parse(" false "), .bool(false))
        XCTAssertEqual(try parse("0"), .int(0))
        XCTAssertEqual(try parse("-0"), .int(0))
        XCTAssertEqual(try parse("123"), .int(123))
        XCTAssertEqual(try parse("-123"), .int(-123))
        XCTAssertEqual(try parse("\"x\""), .string("x"))
    }

    func testInt64Extremes() throws {
        XCTAssertEqual(try parse("-9223372036854775808"), .int(Int128(Int64.min)))
        XCTAssertEqual(try parse("9223372036854775807"), .int(Int128(Int64.max)))
        XCTAssertEqual(try parse("9007199254740993"), .int(9_007_199_254_740_993), "exact beyond 2^53")
    }

    /// Integers beyond Int64 stay integers, exact to 128 bits; beyond that
    /// they are an error, never a rounded float.
    func testWideIntegers() throws {
        XCTAssertEqual(try parse("9223372036854775808"), .int(Int128(Int64.max) + 1))
        XCTAssertEqual(try parse("-9223372036854775809"), .int(Int128(Int64.min) - 1))
        XCTAssertEqual(try parse("18446744073709551615"), .int(Int128(UInt64.max)))
        XCTAssertEqual(try parse("-18446744073709551616"), .int(-Int128(UInt64.max) - 1))
        XCTAssertEqual(try parse("[1, 184467440737095516160]"), [1, .int(Int128(UInt64.max) * 10 + 10)])
        XCTAssertEqual(try parse("170141183460469231731687303715884105727"), .int(.max))
        XCTAssertEqual(try parse("-170141183460469231731687303715884105728"), .int(.min))
        XCTAssertEqual(try parse("99999999999999999999999999999999999999"), .int(Int128("99999999999999999999999999999999999999")!))
        XCTAssertEqual(try parse("18446744073709551615").description, "18446744073709551615")
        XCTAssertEqual(try parse("18446744073709551615").int64Value, nil)
        XCTAssertEqual(try parse("18446744073709551615").doubleValue, 18446744073709551616.0)
        assertError("170141183460469231731687303715884105728", column: 1, "integer out of 128-bit range")
        assertError("-170141183460469231731687303715884105729", column: 1, "integer out of 128-bit range")
        assertError("[1, 1000000000000000000000000000000000000000]", column: 5, "integer out of 128-bit range")
        assertError("[1, -1000000000000000000000000000000000000000]", column: 5, "integer out of 128-bit range")
        // A float of any length is a float.
        XCTAssertEqual(try parse("1000000000000000000000000000000000000000.0"), .float(1e39))
        XCTAssertEqual(try parse("18446744073709551615.5"), .float(18446744073709551615.5))
        XCTAssertEqual(try parse("[18446744073709551615e0]"), [.float(18446744073709551615.0)])
        assertError("018446744073709551615", column: 1, "leading zero in number")
        assertError("-18446744073709551615.", column: 23, "unexpected end of line")
        assertError("[18446744073709551615x]", column: 22, "expected ',' or ']'")
    }

    func testFloats() throws {
        XCTAssertEqual(try parse("0.1"), .float(0.1))
        XCTAssertEqual(try parse("1e-7"), .float(1e-7))
        XCTAssertEqual(try parse("2e3"), .float(2000))
        XCTAssertEqual(try parse("210.0"), .float(210))
        XCTAssertEqual(try parse("-1.5E+2"), .float(-150))
        XCTAssertEqual(try parse("0.015784131"), .float(0.015784131))
        XCTAssertEqual(try parse("1.7976931348623157e308"), .float(.greatestFiniteMagnitude))
        assertError("1e999", column: 1, "number out of range")
        assertError("{\"a\":-1e309}", column: 6, "number out of range")
        assertError("1797693134862315708145274237317043567981e270", column: 1, "number out of range")
    }

    func testUnderflowIsZero() throws {
        let positive = try parse("1e-400").doubleValue
        XCTAssertEqual(positive, 0)
        XCTAssertEqual(positive?.sign, .plus)
        let negative = try parse("-1e-400").doubleValue
        XCTAssertEqual(negative, 0)
        XCTAssertEqual(negative?.sign, .minus)
        XCTAssertEqual(try parse("0.0000000000000000000001e-310"), .float(0))
        XCTAssertEqual(try parse("1000e-325"), .float(Double(bitPattern: 20)), "1e-322 is 20 times the smallest subnormal")
    }

    func testBadNumbers() {
        assertError("01", column: 1, "leading zero in number")
        assertError("-01", column: 1, "leading zero in number")
        assertError("-", column: 2, "unexpected end of line")
        assertError("1.", column: 3, "unexpected end of line")
        assertError("1.e5", column: 3, "invalid number: expected a digit")
        assertError("1e", column: 3, "unexpected end of line")
        assertError("1e+x", column: 4, "invalid number: expected a digit")
        assertError("+1", column: 1, "unexpected character '+'")
        assertError(".5", column: 1, "unexpected character '.'")
        assertError("NaN", column: 1, "unexpected character 'N'")
        assertError("nan", column: 2, "unexpected character 'a'")
        assertError("-Infinity", column: 2, "invalid number: expected a digit")
        assertError("1.5.3", column: 4, "trailing characters after the value")
        assertError("0x10", column: 2, "trailing characters after the value")
    }

    func testStrings() throws {
        XCTAssertEqual(try parse(#""a\"b\\c\/d\b\f\n\r\t""#), .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"))
        XCTAssertEqual(try parse(#""\u00e9\u20AC""#), .string("é€"))
        XCTAssertEqual(try parse(#""\ud834\udd1e""#), .string("𝄞"))
        XCTAssertEqual(try parse(#""\u0000""#), .string("\u{0}"))
        XCTAssertEqual(try parse("\"é€𝄞 plain\""), .string("é€𝄞 plain"))
        XCTAssertEqual(try parse("\"" + String(repeating: "abcdefgh", count: 40) + "\""),
                       .string(String(repeating: "abcdefgh", count: 40)))
    }

    func testLoneSurrogatesBecomeReplacementCharacters() throws {
        XCTAssertEqual(try parse(#""\ud800""#), .string("\u{FFFD}"))
        XCTAssertEqual(try parse(#""\udc00x""#), .string("\u{FFFD}x"))
        XCTAssertEqual(try parse(#""\ud800\u0041""#), .string("\u{FFFD}A"))
        XCTAssertEqual(try parse(#""\ud800\ud834\udd1e""#), .string("\u{FFFD}𝄞"))
        XCTAssertEqual(try parse(#""a\ud800""#), .string("a\u{FFFD}"))
    }

    func testBadStrings() {
        assertError("\"abc", column: 1, "unterminated string")
        assertError("[\"abc\\", column: 2, "unterminated string")
        assertError(#""a\x""#, column: 3, "invalid escape '\\x'")
        assertError(#""\u12G4""#, column: 6, "invalid \\u escape: expected 4 hex digits")
        assertError(#""\u12"#, column: 1, "unterminated string")
        assertError("\"a\tb\"", column: 3, "unescaped control character in string")
        assertError(bytes: [0x22, 0x66, 0x80, 0x22], column: 3, "invalid UTF-8")
        assertError(bytes: [0x22, 0xC0, 0xAF, 0x22], column: 2, "invalid UTF-8")
        assertError(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], column: 2, "invalid UTF-8")
        assertError(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], column: 2, "invalid UTF-8")
        assertError(bytes: [0x22, 0xE2, 0x82, 0x22], column: 2, "invalid UTF-8")
        assertError(bytes: [0x20, 0xFF], column: 2, "invalid UTF-8")
    }

    func testContainers() throws {
        let value = try parse(#" { "b" : 1 , "a":[1, 2.5, {"c":null}, [], {}], "s":"t" } "#)
        XCTAssertEqual(value, .object(JSONObject([
            (key: "b", value: .int(1)),
            (key: "a", value: .array([.int(1), .float(2.5), .object(JSONObject([(key: "c", value: .null)])),
                                      .array([]), .object(JSONObject())])),
            (key: "s", value: .string("t")),
        ])))
        XCTAssertEqual(value.objectValue?.keys, ["b", "a", "s"])
    }

    func testDuplicateKeysKeepFirstPositionAndLastValue() throws {
        let value = try parse(#"{"a":1,"b":2,"a":3}"#)
        XCTAssertEqual(value.objectValue?.keys, ["a", "b"])
        XCTAssertEqual(value["a"], .int(3))
    }

    func testBadStructure() {
        assertError("", column: 1, "unexpected end of line")
        assertError("   ", column: 4, "unexpected end of line")
        assertError("{\"a\":1,}", column: 8, "trailing comma")
        assertError("[1,]", column: 4, "trailing comma")
        assertError("[1 2]", column: 4, "expected ',' or ']'")
        assertError("{\"a\":1 \"b\":2}", column: 8, "expected ',' or '}'")
        assertError("{\"a\" 1}", column: 6, "expected ':'")
        assertError("{1:2}", column: 2, "expected a string key")
        assertError("{\"a\":1} x", column: 9, "trailing characters after the value")
        assertError("{} {}", column: 4, "trailing characters after the value")
        assertError("[", column: 2, "unexpected end of line")
        assertError("{\"a\":1", column: 7, "unexpected end of line")
        assertError("{\"a\":", column: 6, "unexpected end of line")
        assertError("[1,", column: 4, "unexpected end of line")
        assertError("// comment", column: 1, "unexpected character '/'")
        assertError("{\"a\":1}/* c */", column: 8, "trailing characters after the value")
        assertError("[tru]", column: 5, "unexpected character ']'")
        assertError("[é]", column: 2, "unexpected character 'é'")
        assertError(bytes: [0x5B, 0x01, 0x5D], column: 2, "unexpected control character 0x01")
        assertError("'a'", column: 1, "unexpected character '''")
    }

    func testNestingLimit() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        XCTAssertNoThrow(try parse(ok))
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        assertError(tooDeep, column: 513, "nesting deeper than 512")
        assertError(String(repeating: "{\"a\":", count: 600), column: 2561, "nesting deeper than 512")
    }

    func testMillionOpenBrackets() {
        assertError(String(repeating: "[", count: 1_000_000), column: 513, "nesting deeper than 512")
    }

    func testParseObject() throws {
        let object = try Array(#"{"start":"2018-10-01T03:00:00Z","vcpus":2}"#.utf8).withUnsafeBytes {
            try JSONParser.parseObject($0)
        }
        XCTAssertEqual(object["vcpus"], .int(2))
        for (text, column) in [("[1]", 1), ("  5", 3), ("\"s\"", 1)] {
            XCTAssertThrowsError(try Array(text.utf8).withUnsafeBytes { try JSONParser.parseObject($0) }) { error in
                XCTAssertEqual(error as? JSONParseError, JSONParseError(column: column, message: "expected a JSON object"))
            }
        }
        XCTAssertThrowsError(try Array("{\"a\":}".utf8).withUnsafeBytes { try JSONParser.parseObject($0) }) { error in
            XCTAssertEqual(error as? JSONParseError, JSONParseError(column: 6, message: "unexpected character '}'"))
        }
    }

    func testRoundTrip() throws {
        let lines = [
            #"{"start":"2018-10-01T03:00:00Z","end":null,"vcpus":2,"mem_mb":2048,"cpu_minutes":12.5}"#,
            #"{"a":[1,-2,3.25,1e-7,2048.0,true,false,null],"b":{"c":"é\n\"\\"},"d":[],"e":{}}"#,
            #"{"big":-9223372036854775808,"f":0.015784131,"x":1e300}"#,
            #"[[[["deep"]]]]"#,
        ]
        for line in lines {
            let value = try parse(line)
            let buffer = OutputBuffer()
            value.write(to: buffer)
            XCTAssertEqual(buffer.text, line)
        }
    }
}
