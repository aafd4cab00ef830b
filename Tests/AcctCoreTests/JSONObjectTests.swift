import AcctCore
import XCTest
import _AcctTestSupport

final class JSONObjectTests: XCTestCase {
    func testOrderAndReplacement() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = 10
        XCTAssertEqual(object.keys, ["b", "a", "c"])
        XCTAssertEqual(object["b"], .int(10))
        object["a"] = nil
        XCTAssertEqual(object.keys, ["b", "c"])
        XCTAssertNil(object["a"])
        XCTAssertEqual(object.count, 2)
        XCTAssertFalse(object.isEmpty)
        XCTAssertTrue(JSONObject().isEmpty)
    }

    func testDuplicatesInInitializer() {
        let object = JSONObject([(key: "x", value: .int(1)), (key: "y", value: .int(2)), (key: "x", value: .int(3))])
        XCTAssertEqual(object.members.map(\.key), ["x", "y"])
        XCTAssertEqual(object["x"], .int(3))
    }

    func testLargeObjects() {
        var object = JSONObject()
        for i in 0..<100 { object["k\(i)"] = .int(Int128(i)) }
        XCTAssertEqual(object["k57"], .int(57))
        object["k57"] = .string("changed")
        XCTAssertEqual(object.keys[57], "k57")
        XCTAssertEqual(object["k57"], .string("changed"))
        object["k3"] = nil
        XCTAssertEqual(object["k57"], .string("changed"))
        XCTAssertEqual(object["k99"], .int(99))
        XCTAssertNil(object["k3"])
        XCTAssertEqual(object.count, 99)
        object["new"] = true
        XCTAssertEqual(object.keys.last, "new")
        XCTAssertEqual(object["new"], .bool(true))
    }

    func testEqualityIsOrderSensitive() {
        let ab: JSONObject = ["a": 1, "b": 2]
        let ba: JSONObject = ["b": 2, "a": 1]
        XCTAssertNotEqual(ab, ba)
        XCTAssertEqual(ab, ["a": 1, "b": 2])
        XCTAssertNotEqual(ab, ["a": 1, "b": 3])
    }
}
