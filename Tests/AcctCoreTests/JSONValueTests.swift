import AcctCore
import XCTest
import _AcctTestSupport

final class JSONValueTests: XCTestCase {
    func testWriteIsCompactAndKeepsOrder() {
        let value: JSONValue = ["z": 1, "a": [1.0, "s", nil, true], "m": ["k": -5]]
        let buffer = OutputBuffer()
        value.write(to: buffer)
        XCTAssertEqual(buffer.text, #"{"z":1,"a":[1.0,"s",null,true],"m":{"k":-5}}"#)
    }

    func testFloatsStayFloats() {
        XCTAssertEqual(JSONValue.float(2048).description, "2048.0")
        XCTAssertEqual(JSONValue.int(2048).description, "2048")
        XCTAssertEqual(JSONValue.float(.nan).description, "null")
        XCTAssertEqual(JSONValue.float(1e-7).description, "1e-7")
    }

    func testStringsAreEscaped() {
        XCTAssertEqual(JSONValue.string("a\"\n\u{1}").description, #""a\"\n\u0001""#)
        let object: JSONValue = ["k\"ey": "v"]
        XCTAssertEqual(object.description, #"{"k\"ey":"v"}"#)
    }

    func testAccessors() {
        let value: JSONValue = ["s": "text", "i": 7, "f": 2.5, "b": false, "n": nil, "a": [10, 20]]
        XCTAssertEqual(value["s"]?.stringValue, "text")
        XCTAssertEqual(value["i"]?.int64Value, 7)
        XCTAssertEqual(value["i"]?.doubleValue, 7)
        XCTAssertEqual(value["f"]?.doubleValue, 2.5)
        XCTAssertNil(value["f"]?.int64Value)
        XCTAssertEqual(value["b"]?.boolValue, false)
        XCTAssertEqual(value["n"]?.isNull, true)
        XCTAssertEqual(value["a"]?[1], .int(20))
        XCTAssertNil(value["a"]?[2])
        XCTAssertEqual(value["a"]?.arrayValue?.count, 2)
        XCTAssertNil(value["missing"])
        XCTAssertNil(value["s"]?["x"])
        XCTAssertNil(value["i"]?.stringValue)
        XCTAssertEqual(value.objectValue?.count, 6)
    }

    func testIntAndFloatDiffer() {
        XCTAssertNotEqual(JSONValue.int(1), JSONValue.float(1))
    }
}
