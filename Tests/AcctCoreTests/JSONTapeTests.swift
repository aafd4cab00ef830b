import AcctCore
import XCTest
import _AcctTestSupport

final class JSONTapeTests: XCTestCase {
    /// Lines both parsers accept.
    private static let validLines: [[UInt8]] = [
        "null", "true", "false", "0", "-0", "5", "  5  ", "-123", "\"x\"", "\"\"",
        "-9223372036854775808", "9223372036854775807", "9007199254740993",
        "9223372036854775808", "-9223372036854775809", "[1, 184467440737095516160]", "18446744073709551615",
        "170141183460469231731687303715884105727", "-170141183460469231731687303715884105728",
        #"{"u":18446744073709551615,"n":-18446744073709551616,"f":1.5}"#,
        "0.1", "1e-7", "2e3", "210.0", "-1.5E+2", "0.015784131", "1.7976931348623157e308",
        "1e-400", "-1e-400", "0.0000000000000000000001e-310", "1000e-325", "1E+2", "1e0", "-0.0",
        #""a\"b\\c\/d\b\f\n\r\t""#, #""\u00e9\u20AC""#, #""\ud834\udd1e""#, #""\u0000""#,
        "\"é€𝄞 plain\"", "\"" + String(repeating: "abcdefgh", count: 40) + "\"",
        #""\ud800""#, #""\udc00x""#, #""\ud800\u0041""#, #""\ud800\ud834\udd1e""#, #""a\ud800""#,
        "[]", "{}", " [ ] ", " { } ", "[[]]", "[{}]", "{\"a\":{}}", "{\"a\":[]}", "[[],[[]],{}]",
        #" { "b" : 1 , "a":[1, 2.5, {"c":null}, [], {}], "s":"t" } "#,
        #"{"a":1,"b":2,"a":3}"#, #"{"a":1,"a":{"x":1},"a":[2]}"#,
        #"{"a\u0062":1,"ab":2}"#, #"{"é":1,"\u00e9":2,"ключ":"значение","𝄞":[true]}"#,
        #"{"":0,"\n":1,"\\":2,"\"":3}"#,
        "\t{\r\n\"k\"\t:\n[ 1 ,\t2 ]\r}\n",
        #"{"start":"2018-10-01T03:00:00Z","end":null,"vcpus":2,"mem_mb":2048,"cpu_minutes":12.5}"#,
        #"{"a":[1,-2,3.25,1e-7,2048.0,true,false,null],"b":{"c":"é\n\"\\"},"d":[],"e":{}}"#,
        #"{"big":-9223372036854775808,"f":0.015784131,"x":1e300}"#,
        #"[[[["deep"]]]]"#,
        #"[1,[2,[3,[4]],5],{"a":{"b":{"c":[6,{"d":7}]}}},8]"#,
        #"{"nums":[0,-0,1,-1,0.5,-0.5,1e5,1E-5,1.5e+10,123456789012345678,-1.0e-0]}"#,
        String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
        String(repeating: "{\"k\":", count: 511) + "{}" + String(repeating: "}", count: 511),
    ].map { Array($0.utf8) }

    /// Lines both parsers reject: every error JSONParserTests checks and more.
    private static let invalidLines: [[UInt8]] = [
        "170141183460469231731687303715884105728", "-170141183460469231731687303715884105729",
        "[1, 1000000000000000000000000000000000000000]", "1e999", "{\"a\":-1e309}", "1797693134862315708145274237317043567981e270",
        "01", "-01", "-", "1.", "1.e5", "1e", "1e+x", "+1", ".5", "NaN", "nan", "-Infinity",
        "1.5.3", "0x10", "5 6", "truex", "nul", "[1e]", "{\"a\":01}",
        "\"abc", "[\"abc\\", #""a\x""#, #""\u12G4""#, #""\u12"#, "\"a\tb\"", "\"a\nb\"", #""\é""#,
        "", "   ", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\":1 \"b\":2}", "{\"a\" 1}", "{1:2}",
        "{\"a\":1} x", "{} {}", "[", "{\"a\":1", "{\"a\":", "[1,", "{", "{\"a\"", "{\"a\"  ", "[1,,2]",
        "// comment", "{\"a\":1}/* c */", "[tru]", "[é]", "'a'", "]", "}", "[}", "{]", "{\"a\":1]", "[1}",
        "{,}", "[,1]", "{\"a\":}", "{\"a\":1,\"b\"}",
        String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
        String(repeating: "{\"a\":", count: 600),
        String(repeating: "[", count: 1_000_000),
    ].map { Array($0.utf8) } + [
        [0x22, 0x66, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22], [0x20, 0xFF], [0x5B, 0x01, 0x5D],
        [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], [0x31, 0x20, 0x80], [0x5B, 0x7F, 0x5D], [0x22, 0x5C, 0xC3],
    ]

    private func parserResult(_ line: [UInt8]) -> Result<JSONValue, JSONParseError> {
        line.withUnsafeBytes { bytes in
            do throws(JSONParseError) { return .success(try JSONParser.parse(bytes)) } catch { return .failure(error) }
        }
    }

    private func tapeError(_ tape: JSONTape, _ line: [UInt8]) -> JSONParseError? {
        line.withUnsafeBytes { bytes in
            do throws(JSONParseError) { try tape.parse(bytes); return nil } catch { return error }
        }
    }

    private func text(_ bytes: UnsafeRawBufferPointer?) -> String? {
        bytes.map { String(decoding: $0, as: UTF8.self) }
    }

    private func shown(_ line: [UInt8]) -> String {
        String(decoding: line.prefix(80), as: UTF8.self)
    }

    /// Parses `text` and runs `body` while the line is alive.
    private func withTape<R>(_ text: String, _ body: (JSONTape) throws -> R) throws -> R {
        let tape = JSONTape()
        return try Array(text.utf8).withUnsafeBytes { bytes in
            try tape.parse(bytes)
            return try body(tape)
        }
    }

    /// Structural checks on every node of a parsed tape.
    private func checkNodes(_ tape: JSONTape, line: UInt = #line) {
        XCTAssertEqual(tape.end(JSONTape.root), tape.count, line: line)
        XCTAssertNil(tape.keyBytes(JSONTape.root), line: line)
        for node in 0..<tape.count {
            // Each node's own text parses to its subtree (checked on small
            // tapes: on deep ones this is quadratic).
            if tape.count <= 100 {
                var raw = Array(tape.rawBytes(node))
                if tape.kind(node) == .string { raw = [0x22] + raw + [0x22] }
                XCTAssertEqual(try? parserResult(raw).get(), tape.value(node), "node \(node)", line: line)
            }
            guard tape.kind(node) == .array || tape.kind(node) == .object else {
                XCTAssertEqual(tape.end(node), node + 1, line: line)
                XCTAssertEqual(tape.childCount(node), 0, line: line)
                continue
            }
            var children: [Int] = []
            var child = node + 1
            while child < tape.end(node) {
                children.append(child)
                child = tape.end(child)
            }
            XCTAssertEqual(child, tape.end(node), line: line)
            XCTAssertEqual(children.count, tape.childCount(node), line: line)
            if tape.kind(node) == .object {
                let members = children.map { (key: tape.key($0)!, value: tape.value($0)) }
                XCTAssertEqual(JSONValue.object(JSONObject(members)), tape.value(node), line: line)
                for c in children {
                    let key = Array(tape.key(c)!.utf8)
                    XCTAssertTrue(key.withUnsafeBytes { tape.keyEquals(c, $0) }, line: line)
                    XCTAssertFalse((key + [0x78]).withUnsafeBytes { tape.keyEquals(c, $0) }, line: line)
                    XCTAssertEqual(tape.member(node, named: tape.key(c)!).map(tape.value), tape.value(node)[tape.key(c)!], line: line)
                }
            } else {
                for c in children {
                    XCTAssertNil(tape.keyBytes(c), line: line)
                    XCTAssertNil(tape.key(c), line: line)
                }
            }
        }
    }

    func testValidLinesMatchJSONParser() throws {
        let tape = JSONTape()
        for line in Self.validLines {
            let expected = try parserResult(line).get()
            try line.withUnsafeBytes { bytes in
                try tape.parse(bytes)
                XCTAssertEqual(tape.value(JSONTape.root), expected, shown(line))
                checkNodes(tape)
            }
        }
    }

    func testInvalidLinesFailLikeJSONParser() {
        let tape = JSONTape()
        for line in Self.invalidLines {
            guard case let .failure(expected) = parserResult(line) else {
                XCTFail("JSONParser accepts \(shown(line))")
                continue
            }
            XCTAssertEqual(tapeError(tape, line), expected, shown(line))
            XCTAssertEqual(tape.count, 0)
        }
    }

    func testSpecificErrors() {
        let tape = JSONTape()
        let cases: [(String, Int, String)] = [
            ("170141183460469231731687303715884105728", 1, "integer out of 128-bit range"),
            ("{\"n\":-1000000000000000000000000000000000000000}", 6, "integer out of 128-bit range"),
            ("1e999", 1, "number out of range"),
            ("\"a\tb\"", 3, "unescaped control character in string"),
            ("{\"a\":1} x", 9, "trailing characters after the value"),
            ("", 1, "unexpected end of line"),
            (String(repeating: "[", count: 1_000_000), 513, "nesting deeper than 512"),
        ]
        for (line, column, message) in cases {
            XCTAssertEqual(tapeError(tape, Array(line.utf8)), JSONParseError(column: column, message: message))
        }
        XCTAssertEqual(tapeError(tape, [0x22, 0x66, 0x80, 0x22]), JSONParseError(column: 3, message: "invalid UTF-8"))
    }

    func testUnderflowKeepsSign() throws {
        try withTape("[1e-400,-1e-400]") { tape in
            XCTAssertEqual(tape.double(1).sign, .plus)
            XCTAssertEqual(tape.double(2).sign, .minus)
            XCTAssertEqual(tape.double(2), 0)
        }
    }

    func testSampleNodes() throws {
        let line = #" {"id":7,"name":"a\"b","tags":["x",{"k":null}],"empty":{},"arr":[],"f":-1.5e3,"t":true} "#
        try withTape(line) { tape in
            XCTAssertEqual(tape.count, 11)
            XCTAssertEqual((0..<11).map(tape.kind),
                           [.object, .int, .string, .array, .string, .object, .null, .object, .array, .float, .bool])
            XCTAssertEqual((0..<11).map(tape.end), [11, 2, 3, 7, 5, 7, 7, 8, 9, 10, 11])
            XCTAssertEqual((0..<11).map(tape.childCount), [7, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0])
            XCTAssertEqual((0..<11).map { text(tape.keyBytes($0)) },
                           [nil, "id", "name", "tags", nil, nil, "k", "empty", "arr", "f", "t"])
            XCTAssertEqual(text(tape.rawBytes(0)), String(line.dropFirst().dropLast()))
            XCTAssertEqual(text(tape.rawBytes(1)), "7")
            XCTAssertEqual(text(tape.rawBytes(2)), #"a\"b"#)
            XCTAssertEqual(text(tape.rawBytes(3)), #"["x",{"k":null}]"#)
            XCTAssertEqual(text(tape.rawBytes(5)), #"{"k":null}"#)
            XCTAssertEqual(text(tape.rawBytes(6)), "null")
            XCTAssertEqual(text(tape.rawBytes(7)), "{}")
            XCTAssertEqual(text(tape.rawBytes(8)), "[]")
            XCTAssertEqual(text(tape.rawBytes(9)), "-1.5e3")
            XCTAssertEqual(text(tape.rawBytes(10)), "true")
            XCTAssertEqual(tape.int64(1), 7)
            XCTAssertEqual(tape.double(1), 7)
            XCTAssertEqual(tape.string(2), "a\"b")
            XCTAssertEqual(tape.withStringBytes(2) { String(decoding: $0, as: UTF8.self) }, "a\"b")
            XCTAssertEqual(tape.string(4), "x")
            XCTAssertEqual(tape.double(9), -1500)
            XCTAssertTrue(tape.bool(10))
            XCTAssertEqual(tape.member(0, named: "tags"), 3)
            XCTAssertEqual(tape.member(5, named: "k"), 6)
            XCTAssertNil(tape.member(3, named: "x"), "not an object")
            XCTAssertNil(tape.member(0, named: "k"), "only direct members")
            XCTAssertNil(tape.member(7, named: ""))
            XCTAssertEqual(tape.value(3), [.string("x"), .object(JSONObject([(key: "k", value: .null)]))])
        }
    }

    /// Integers beyond Int64 are `.int` nodes like any other: `int64` says
    /// nil rather than a wrong value, `integer` gives them exactly, and the
    /// narrow ones read the same through both.
    func testWideIntegers() throws {
        let line = #"{"a":18446744073709551615,"b":-18446744073709551616,"c":9223372036854775807,"d":-9223372036854775808,"e":[9223372036854775808]}"#
        try withTape(line) { tape in
            XCTAssertEqual((0..<7).map(tape.kind), [.object, .int, .int, .int, .int, .array, .int])
            XCTAssertEqual((0..<7).map { $0 == 0 || $0 == 5 ? false : tape.isWideInteger($0) },
                           [false, true, true, false, false, false, true])
            XCTAssertNil(tape.int64(1))
            XCTAssertNil(tape.int64(2))
            XCTAssertEqual(tape.int64(3), .max)
            XCTAssertEqual(tape.int64(4), .min)
            XCTAssertEqual(tape.integer(1), Int128(UInt64.max))
            XCTAssertEqual(tape.integer(2), -Int128(UInt64.max) - 1)
            XCTAssertEqual(tape.integer(3), Int128(Int64.max))
            XCTAssertEqual(tape.integer(4), Int128(Int64.min))
            XCTAssertEqual(tape.integer(6), Int128(Int64.max) + 1)
            XCTAssertEqual(tape.double(1), 18446744073709551616.0)
            XCTAssertEqual(tape.double(2), -18446744073709551616.0)
            XCTAssertEqual(text(tape.rawBytes(1)), "18446744073709551615")
            XCTAssertEqual(tape.value(0), try JSONParser.parse(line))
        }
    }

    func testScalarRoot() throws {
        try withTape("  5  ") { tape in
            XCTAssertEqual(tape.count, 1)
            XCTAssertEqual(tape.kind(JSONTape.root), .int)
            XCTAssertEqual(tape.int64(JSONTape.root), 5)
            XCTAssertEqual(tape.end(JSONTape.root), 1)
            XCTAssertNil(tape.keyBytes(JSONTape.root))
            XCTAssertNil(tape.member(JSONTape.root, named: "a"))
            XCTAssertEqual(text(tape.rawBytes(JSONTape.root)), "5")
        }
    }

    func testMemberLookup() throws {
        try withTape(#"{"a":1,"b":2,"a":3}"#) { tape in
            XCTAssertEqual(tape.member(0, named: "a"), 3)
            XCTAssertEqual(tape.int64(tape.member(0, named: "a")!), 3)
            XCTAssertEqual(tape.member(0, named: "b"), 2)
            XCTAssertNil(tape.member(0, named: "c"))
            XCTAssertNil(tape.member(0, named: "aa"))
            XCTAssertNil(tape.member(0, named: ""))
            XCTAssertEqual(Array("a".utf8).withUnsafeBytes { tape.member(0, named: $0) }, 3)
        }
        try withTape(#"{"a\u0062":1,"x":{"\u00e9":2,"é":3,"e\u0301":4},"\"q\"":5,"\ud834\udd1e":6,"\u0000":7}"#) { tape in
            XCTAssertEqual(tape.member(0, named: "ab"), 1)
            XCTAssertEqual(text(tape.keyBytes(1)), #"a\u0062"#)
            XCTAssertEqual(tape.key(1), "ab")
            XCTAssertTrue(Array("ab".utf8).withUnsafeBytes { tape.keyEquals(1, $0) })
            XCTAssertFalse(Array(#"a\u0062"#.utf8).withUnsafeBytes { tape.keyEquals(1, $0) })
            XCTAssertFalse(Array("a".utf8).withUnsafeBytes { tape.keyEquals(1, $0) })
            XCTAssertNil(tape.member(0, named: #"a\u0062"#))
            let x = tape.member(0, named: "x")!
            XCTAssertEqual(tape.member(x, named: "é").map(tape.int64), 3, "last of two spellings")
            XCTAssertEqual(tape.member(x, named: "e\u{301}").map(tape.int64), 4, "bytes, not canonical equivalence")
            XCTAssertEqual(tape.member(0, named: "\"q\"").map(tape.int64), 5)
            XCTAssertEqual(tape.member(0, named: "𝄞").map(tape.int64), 6)
            XCTAssertEqual(tape.member(0, named: "\u{0}").map(tape.int64), 7)
            XCTAssertFalse(Array("x".utf8).withUnsafeBytes { tape.keyEquals(0, $0) }, "the root has no key")
        }
    }

    func testStringBytes() throws {
        let line = Array(#"["plain","e\u0301\n\ud800","\u00e9\ud834\udd1e",""]"#.utf8)
        let tape = JSONTape()
        try line.withUnsafeBytes { bytes in
            try tape.parse(bytes)
            tape.withStringBytes(1) { decoded in
                XCTAssertEqual(String(decoding: decoded, as: UTF8.self), "plain")
                XCTAssertEqual(decoded.baseAddress, bytes.baseAddress! + 2, "no copy without escapes")
            }
            XCTAssertEqual(tape.string(2), "e\u{301}\n\u{FFFD}")
            XCTAssertEqual(tape.withStringBytes(4) { $0.count }, 0)
            // A nested call must not overwrite the outer call's bytes.
            tape.withStringBytes(2) { outer in
                tape.withStringBytes(3) { inner in
                    XCTAssertEqual(String(decoding: inner, as: UTF8.self), "é𝄞")
                }
                XCTAssertEqual(String(decoding: outer, as: UTF8.self), "e\u{301}\n\u{FFFD}")
            }
        }
        // A decoded string longer than the scratch buffer's first size.
        let long = String(repeating: "\\u00e9x", count: 500)
        try withTape("\"\(long)\"") { tape in
            XCTAssertEqual(tape.withStringBytes(0) { String(decoding: $0, as: UTF8.self) },
                           String(repeating: "éx", count: 500))
        }
    }

    func testReuseAcrossLines() throws {
        let tape = JSONTape()
        let long = Array(("[" + (0..<10_000).map { "{\"i\":\($0)}" }.joined(separator: ",") + "]").utf8)
        let expected = try parserResult(long).get()
        try long.withUnsafeBytes { bytes in
            try tape.parse(bytes)
            XCTAssertEqual(tape.count, 20_001)
            XCTAssertEqual(tape.childCount(0), 10_000)
            XCTAssertEqual(tape.int64(tape.member(19_999, named: "i")!), 9_999)
            XCTAssertEqual(tape.value(0), expected)
        }
        let short = Array(#"{"a":[1]}"#.utf8)
        try short.withUnsafeBytes { bytes in
            try tape.parse(bytes)
            XCTAssertEqual(tape.count, 3)
            XCTAssertEqual(tape.end(0), 3)
            XCTAssertEqual(tape.childCount(0), 1)
            XCTAssertEqual(tape.value(0), ["a": [1]])
        }
        // A failed parse leaves an empty tape; the next one works.
        XCTAssertNotNil(tapeError(tape, Array("[1,2".utf8)))
        XCTAssertEqual(tape.count, 0)
        try Array("true".utf8).withUnsafeBytes { bytes in
            try tape.parse(bytes)
            XCTAssertEqual(tape.count, 1)
            XCTAssertTrue(tape.bool(0))
        }
    }

    func testEmptyTape() {
        XCTAssertEqual(JSONTape().count, 0)
    }

    /// Mutated valid lines: both parsers agree on every one.
    func testMutationsAgreeWithJSONParser() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let interesting = Array(#"{}[]":,\ -+.eE0119tfnu"#.utf8) + [0x00, 0x09, 0x0A, 0x7F, 0x80, 0xC3, 0xA9, 0xED, 0xFF]
        let seeds = Self.validLines.filter { $0.count < 200 }
        let tape = JSONTape()
        var accepted = 0
        for _ in 0..<6000 {
            var line = seeds[next(seeds.count)]
            for _ in 0...next(3) {
                let i = line.isEmpty ? 0 : next(line.count)
                switch next(4) {
                case 0 where !line.isEmpty: line.remove(at: i)
                case 1: line.insert(interesting[next(interesting.count)], at: i)
                case 2 where !line.isEmpty: line[i] = interesting[next(interesting.count)]
                default: line = Array(line.prefix(i))
                }
            }
            let result = line.withUnsafeBytes { bytes -> Result<JSONValue, JSONParseError> in
                do throws(JSONParseError) {
                    try tape.parse(bytes)
                    return .success(tape.value(JSONTape.root))
                } catch {
                    return .failure(error)
                }
            }
            XCTAssertEqual(result, parserResult(line), shown(line))
            if case .success = result { accepted += 1 }
        }
        XCTAssertGreaterThan(accepted, 100, "the mutations should keep some lines valid")
    }

    /// Short decimals (`51.661835`) are read from the digits the scanner
    /// packed, when asked to, on the flat path (`x`) and the full one (in
    /// the array); longer ones, exponents and the rest from their text:
    /// either way the same bits as `NumberText.jsonFloat` of the text.
    func testDecimalsReadAsTheirText() throws {
        var generator = SystemRandomNumberGenerator()
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
        }
        let tape = JSONTape()
        for round in 0..<5000 {
            let integerDigits = Int.random(in: 1...9, using: &generator)
            var whole = digits(integerDigits)
            // JSON allows no leading zero but a lone one.
            if whole.count > 1 && whole.first == "0" { whole = "1" + whole.dropFirst() }
            if round % 7 == 0 { whole = "0" }
            var text = (Bool.random(using: &generator) ? "-" : "") + whole + "." + digits(Int.random(in: 1...17, using: &generator))
            if round % 11 == 0 { text += "e" + String(Int.random(in: -30...30, using: &generator)) }
            let wanted = Array(text.utf8).withUnsafeBufferPointer { NumberText.jsonFloat($0) }
            // A flat record (the fast path), and the number in an array (the full scan).
            for (line, node) in [("{\"x\":\(text)}", 1), ("{\"y\":[\(text)]}", 2)] {
                for packing in [false, true] {
                    try Array(line.utf8).withUnsafeBytes { bytes in
                        try tape.parse(bytes, packingDecimals: packing)
                        XCTAssertEqual(tape.double(node).bitPattern, wanted.bitPattern, "\(line) packing \(packing)")
                    }
                }
            }
        }
    }
}
