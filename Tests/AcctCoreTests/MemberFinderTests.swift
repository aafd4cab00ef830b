import AcctCore
import XCTest

/// MemberFinder finds, in one pass, the nodes `JSONTape.member` finds name by
/// name: checked on streams that change shape, repeat keys, escape them,
/// nest values, or are not objects.
final class MemberFinderTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    private func assertAgrees(_ finder: MemberFinder, _ names: [String], _ line: String, file: StaticString = #filePath, line number: UInt = #line) throws {
        let tape = JSONTape()
        // The tape points into the line's bytes: used while they are there.
        try Array(line.utf8).withUnsafeBytes { bytes in
            try tape.parse(bytes)
            let expected = names.map { tape.member(JSONTape.root, named: $0) }
            XCTAssertEqual(finder.find(in: tape), expected, line, file: file, line: number)
        }
    }

    func testAgreesWithMemberOnChangingRecords() throws {
        let names = ["start", "vm", "end", "nosuch", "vm", "é", ""]
        let finder = MemberFinder(names: names)
        let keys = [#""start""#, #""end""#, #""vm""#, #""type""#, #""st\u0061rt""#, #""\u00e9""#, #""é""#, #""""#, #""vm ""#, #""v""#]
        let values = ["1", "\"x\"", "null", #"{"vm":2,"start":3}"#, "[1,{\"end\":4}]", "2.5"]
        for round in 0..<3000 {
            // Runs of one shape, then another; keys may come twice.
            let count = Int.random(in: 0...7, using: &generator)
            var members: [String] = []
            for _ in 0..<count {
                members.append(keys.randomElement(using: &generator)! + ":" + values.randomElement(using: &generator)!)
            }
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                try assertAgrees(finder, names, "{" + members.joined(separator: ",") + "}")
            }
            if round % 50 == 0 {
                for other in ["[1,2]", "\"start\"", "7", "null", "{}"] { try assertAgrees(finder, names, other) }
            }
        }
    }

    /// Past the spellings it keeps, keys are matched one by one.
    func testManyDistinctKeys() throws {
        let names = ["k5000", "vm"]
        let finder = MemberFinder(names: names)
        for i in 0..<5100 {
            try assertAgrees(finder, names, #"{"k\#(i)":1,"vm":\#(i),"k5000":2}"#)
        }
    }

    func testNoNames() throws {
        try assertAgrees(MemberFinder(names: []), [], #"{"vm":1}"#)
    }
}
