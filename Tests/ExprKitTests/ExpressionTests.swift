import AcctCore
import XCTest

@testable import ExprKit

final class ExpressionTests: XCTestCase {
    private let record = #"""
        {"start":"2018-10-01T03:00:00Z","end":"2018-10-01T04:00:00Z","account":6,"user":"6","vm":1001,"status":"RUNNING","image":"Ubuntu 18.04","vcpus":4,"mem_mb":2048.0,"price":1.5,"tags":["a","b"],"on":true,"gone":null,"disks":[{"size":10,"kind":"ssd"},{"size":100,"kind":"hdd"}],"cloudspaces":[{"id":1,"machines":[{"status":"RUNNING","vcpus":2},{"status":"HALTED","vcpus":8}]},{"id":2,"machines":[{"status":"RUNNING","vcpus":1}]}]}
        """#

    private func check(_ text: String, _ json: String? = nil, zone: Zone = .utc, file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        let expression = try Expression(text, zone: zone, now: 1_700_000_000)
        let tape = JSONTape()
        let bytes = Array((json ?? record).utf8)
        return try bytes.withUnsafeBytes { raw in
            try tape.parse(raw)
            return expression.matches(tape)
        }
    }

    private func assertTrue(_ text: String, _ json: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(try check(text, json), text, file: file, line: line)
    }

    private func assertFalse(_ text: String, _ json: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(try check(text, json), text, file: file, line: line)
    }

    private func assertError(_ text: String, _ expected: String, zone: Zone = .utc, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Expression(text, zone: zone, now: 0), text, file: file, line: line) { error in
            XCTAssertEqual("\(error)", expected, text, file: file, line: line)
        }
    }

    func testPaths() {
        assertTrue("vm")
        assertFalse("nosuch")
        assertTrue("/account")
        assertTrue("/")
        assertTrue("disks/size")
        assertFalse("disks/nosuch")
        assertTrue("cloudspaces/machines/status")
        assertTrue("//status")
        assertTrue("*")
        assertTrue("count(*) = 18")
        assertTrue("count(disks) = 2")
        assertTrue("count(tags) = 2")
        assertTrue("count(cloudspaces/machines) = 3")
        assertTrue("count(//status) = 4")
        assertTrue("count(//machines/status) = 3")
        assertTrue("count(disks/*) = 4")
        assertTrue("count(.) = 1")
        assertTrue("count(disks/.) = 2")
    }

    func testPositionsAndPredicates() {
        assertTrue("disks[2]/size = 100")
        assertTrue("disks[1]/kind = 'ssd'")
        assertFalse("disks[3]")
        assertTrue("count(cloudspaces/machines[1]) = 2")  // the first of each cloudspace
        assertTrue("cloudspaces[2]/machines[1]/vcpus = 1")
        assertTrue("count(disks[size > 50]) = 1")
        assertTrue("disks[size > 50]/kind = 'hdd'")
        assertTrue("count(cloudspaces[machines[vcpus > 4]]) = 1")  // nested
        assertTrue("cloudspaces[machines[vcpus > 4]]/id = 1")
        assertTrue("count(cloudspaces/machines[status = 'RUNNING'][2]) = 0")
        assertTrue("count(//machines[status = 'RUNNING']) = 2")
        assertTrue("tags[2] = 'b'")
    }

    func testUnion() {
        assertTrue("count(vm | account) = 2")
        assertTrue("count(vm | vm) = 1")
        assertTrue("count(disks | disks/size) = 4")
    }

    func testExistentialComparison() {
        assertTrue("//status = 'HALTED'")
        assertTrue("//status != 'HALTED'")
        assertTrue("cloudspaces/machines/vcpus > 7")
        assertFalse("cloudspaces/machines/vcpus > 8")
        assertTrue("cloudspaces/machines/vcpus < 2")
        assertTrue("cloudspaces/id = cloudspaces/machines/vcpus")  // 1 = 1, 2 = 2
        assertFalse("tags = 'c'")
        assertTrue("tags = 'a'")
        // An empty node set compares false both ways.
        assertFalse("nosuch = 1")
        assertFalse("nosuch != 1")
        assertFalse("1 = nosuch")
        assertTrue("not(nosuch)")
    }

    func testNumbersStringsAndTypes() {
        assertTrue("vcpus = 4")
        assertTrue("vcpus = '4'")
        assertTrue("user = 6")
        assertTrue("account = '6'")
        assertTrue("mem_mb = 2048")
        assertTrue("price > 1 and price < 2")
        assertTrue("price = 1.5")
        assertTrue("vcpus >= 4 and vcpus <= 4")
        assertTrue("vcpus > -1")
        assertFalse("status = 4")
        assertTrue("status != 4")
        assertTrue("status = 'RUNNING'")
        assertTrue("status = \"RUNNING\"")
        assertTrue("image > 'T'")  // code point order
        assertFalse("image < 'T'")
        assertTrue("on = true()")
        assertFalse("on = false()")
        assertFalse("on = true()", #"{"on":false}"#)
        assertTrue("on = false()", #"{"on":false}"#)
        assertFalse("nosuch = false()")  // an empty node set compares false
        assertTrue("vm = true()")  // a node compares by its truth
        assertTrue("on", #"{"on":false}"#)  // a bare path tests existence
        assertTrue("gone = ''")
        assertTrue("9223372036854775807 > 9223372036854775806")
        assertTrue("v = 9007199254740993", #"{"v":9007199254740993}"#)
        assertFalse("v = 9007199254740992", #"{"v":9007199254740993}"#)
    }

    /// Integers beyond Int64 compare by their exact values, in the fast
    /// child comparison and in the general evaluation alike.
    func testWideIntegers() {
        let wide = #"{"u":18446744073709551615,"n":-18446744073709551616,"f":1.8446744073709552e19,"list":[18446744073709551614,18446744073709551615],"s":"18446744073709551615"}"#
        assertTrue("u = 18446744073709551615", wide)
        assertFalse("u = 18446744073709551614", wide)
        assertFalse("u = 18446744073709551616", wide)
        assertTrue("u > 18446744073709551614", wide)
        assertTrue("u >= 18446744073709551615 and u <= 18446744073709551615", wide)
        assertTrue("18446744073709551615 = u", wide)
        assertTrue("n = -18446744073709551616", wide)
        assertTrue("n < -18446744073709551615", wide)
        assertTrue("n < -9223372036854775808", wide)
        assertTrue("u > 9223372036854775807", wide)
        // Against a double: the integer is not rounded to it first.
        assertFalse("u = f", wide)
        assertTrue("u < f", wide)
        assertTrue("u != f", wide)
        assertFalse("u = 18446744073709551616.0", wide)
        assertTrue("u < 18446744073709551616.0", wide)
        assertTrue("u = s", wide)
        assertTrue("u = '18446744073709551615'", wide)
        assertFalse("u = '18446744073709551616'", wide)
        assertTrue("list = 18446744073709551614", wide)
        assertTrue("(u | n) = -18446744073709551616", wide)
        assertTrue("sum(list) = 36893488147419103229", wide)
        assertFalse("sum(list) = 36893488147419103230", wide)
        assertTrue("sum(u | n) = -1", wide)
        assertTrue("max(list) = 18446744073709551615", wide)
        assertTrue("min(list) = 18446744073709551614", wide)
        assertTrue("number(u) = 18446744073709551615", wide)
        assertTrue("string(sum(list)) = '36893488147419103229'", wide)
        assertTrue("170141183460469231731687303715884105727 > 170141183460469231731687303715884105726")
        assertTrue("-170141183460469231731687303715884105728 < 0")
    }

    func testTimes() {
        assertTrue("start >= '2018-10-01'")
        assertTrue("start < '2018-10-02'")
        assertTrue("start = '2018-10-01T05:00:00+02:00'")
        assertTrue("start = '2018-10-01 03:00'")
        assertTrue("start < end")
        assertFalse("start > end")
        assertTrue("start = '@1538362800'")
        assertTrue("start < 'now'")
        XCTAssertTrue(try check("start = '2018-10-01 05:00'", zone: Zone(named: "Europe/Brussels")))
    }

    /// A literal in a time form that names no time is refused where it may
    /// meet a time, as `-s` refuses it; elsewhere it is only text.
    func testImpossibleTimeLiterals() throws {
        assertError("start >= '2024-13-01'", "1:10: invalid time '2024-13-01': month out of range")
        assertError("start < \"2024-02-30\"", "1:9: invalid time '2024-02-30': day out of range for February 2024")
        assertError("'2023-02-29' < end", "1:1: invalid time '2023-02-29': day out of range for February 2023")
        assertError("vcpus > 2 and\n  //start = '2024-03-01 25:00'", "2:13: invalid time '2024-03-01 25:00': hour out of range")
        assertError("machines[start > '20241301']", "1:18: invalid time '20241301': month out of range")
        assertError("start | end = '@99999999999999999999'", "1:15: invalid time '@99999999999999999999': number out of range")
        assertError("string(start) != '2024-02-30'", "1:18: invalid time '2024-02-30': day out of range for February 2024")
        assertError("'2024-02-30' = '2024-03-01'", "1:1: invalid time '2024-02-30': day out of range for February 2024")
        // Not compared with anything that can be a time: text, as written.
        assertTrue("contains('2024-02-30', '02-30')")
        assertTrue("'2024-02-30' = '2024-02-30'")
        assertFalse("4 = '2024-13-01'")
        assertTrue("count(tags) != '2024-13-01'")
        // Not a time form at all: compared as text.
        assertTrue("status != '2024-3-1'")
        assertFalse("start = 'yesterday'")
    }

    func testTimeLiteralsAcrossDaylightSaving() throws {
        let brussels = try Zone(named: "Europe/Brussels")
        assertError("start < '2024-03-31 02:30'",
                    "1:9: invalid time '2024-03-31 02:30': it does not exist in Europe/Brussels (clocks jump from 02:00 to 03:00)",
                    zone: brussels)
        // A date alone is the start of the day, never an error.
        XCTAssertTrue(try check("start >= '2024-03-31'", #"{"start":"2024-03-30T23:00:00Z"}"#, zone: brussels))
        // A time shown twice is the earlier instant.
        let autumn = #"{"start":"2024-10-27T00:30:00Z"}"#
        XCTAssertTrue(try check("start = '2024-10-27 02:30'", autumn, zone: brussels))
        let newYork = try Zone(named: "America/New_York")
        XCTAssertTrue(try check("start = '2024-11-03 01:30'", #"{"start":"2024-11-03T05:30:00Z"}"#, zone: newYork))
        XCTAssertTrue(try check("start = '2024-10-27 02:30'", autumn, zone: try Zone(named: "CET-1CEST,M3.5.0,M10.5.0/3")))
    }

    func testLogic() {
        assertTrue("vcpus > 2 and status = 'RUNNING'")
        assertFalse("vcpus > 4 and status = 'RUNNING'")
        assertTrue("vcpus > 4 or status = 'RUNNING'")
        assertTrue("not(vcpus > 4)")
        assertTrue("(vcpus > 4 or vcpus = 4) and not(status = 'HALTED')")
        // and binds tighter than or
        assertTrue("vm = 1 and vm = 2 or vm = 1001")
        assertFalse("vm = 1 and (vm = 2 or vm = 1001)")
        // relational binds tighter than equality
        assertTrue("vcpus > 2 = true()")
    }

    func testFunctions() {
        assertTrue("contains(image, 'Ubuntu')")
        assertFalse("contains(image, 'Debian')")
        assertTrue("contains(image, '')")
        assertTrue("starts-with(image, 'Ubu')")
        assertTrue("ends-with(image, '18.04')")
        assertTrue("matches(image, '^Ubuntu [0-9]+')")
        assertTrue("matches(image, 'UBUNTU', 'i')")
        assertFalse("matches(image, 'UBUNTU')")
        assertTrue("count(disks) = 2")
        assertTrue("sum(disks/size) = 110")
        assertTrue("sum(//vcpus) = 15")
        assertTrue("min(//vcpus) = 1")
        assertTrue("max(//vcpus) = 8")
        assertFalse("max(nosuch) = 0")
        assertTrue("sum(nosuch) = 0")
        assertTrue("string-length(status) = 7")
        assertTrue("string-length('é') = 1")
        assertTrue("number(user) = 6")
        assertTrue("number('x') != number('x')")  // NaN
        assertTrue("string(vcpus) = '4'")
        assertTrue("string(price) = '1.5'")
        assertTrue("disks[string-length(kind) = 3]")
        assertTrue("//machines[starts-with(status, 'HAL')]")
        assertTrue("boolean(vm)")
        assertTrue("true()")
        assertFalse("false()")
        assertTrue("//status[. = 'HALTED']")
        assertTrue("disks[number() = number()]", #"{"disks":[1]}"#)
    }

    func testCompileErrors() {
        assertError("", "1:1: empty expression")
        assertError("vcpus > ", "1:9: unexpected end of expression")
        assertError("(vcpus > 2", "1:11: expected ')'")
        assertError("vcpus >> 2", "1:8: unexpected '>'")
        assertError("vcpus ! 2", "1:7: expected '=' after '!'")
        assertError("nosuch(1)", "1:1: unknown function 'nosuch'")
        assertError("contains(a)", "1:1: contains() takes 2 arguments, not 1")
        assertError("count('a')", "1:1: count() needs a path")
        assertError("status = 'RUN", "1:10: unterminated string")
        assertError("a[1", "1:4: expected ']'")
        assertError("vcpus > 2\nand # 3", "2:5: unexpected character '#'")
        assertError("'a' | b", "1:5: '|' joins paths only")
        assertError("matches(a, '(')", "1:1: bad regular expression: missing ): (")
        assertError("vcpus > -", "1:9: expected an operand after '-'")
        assertError("a b", "1:3: unexpected 'b'")
        assertError("u = 170141183460469231731687303715884105728", "1:5: integer out of 128-bit range")
        assertError("u = -170141183460469231731687303715884105729", "1:5: integer out of 128-bit range")
    }
}
