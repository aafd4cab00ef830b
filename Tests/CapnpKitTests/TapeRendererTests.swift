import AcctCore
import XCTest

@testable import CapnpKit

final class TapeRendererTests: XCTestCase {
    private struct Tape {
        var bytes: [UInt8] = []
        mutating func tag(_ c: Character) { bytes.append(c.asciiValue!) }
        mutating func blob(_ c: Character, _ data: [UInt8]) {
            tag(c)
            withUnsafeBytes(of: UInt32(data.count).littleEndian) { bytes += $0 }
            bytes += data
        }
        mutating func scalar<T>(_ c: Character, _ value: T) {
            tag(c)
            withUnsafeBytes(of: value) { bytes += $0 }
        }
    }

    private func render(_ tape: Tape) throws -> (String, Bool) {
        let out = OutputBuffer()
        let valid = try tape.bytes.withUnsafeBytes { try TapeRenderer.render($0, into: out) }
        return (out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }, valid)
    }

    func testEveryEventKind() throws {
        var t = Tape()
        t.tag("{")
        t.blob("K", Array("i".utf8)); t.scalar("I", Int64.min)
        t.blob("K", Array("u".utf8)); t.scalar("U", UInt64.max)
        t.blob("K", Array("f".utf8)); t.scalar("F", Float(0.015784131))
        t.blob("K", Array("g".utf8)); t.scalar("G", 2.5)
        t.blob("K", Array("d".utf8)); t.blob("D", [0x66, 0x6F, 0x6F])
        t.blob("K", Array("l".utf8)); t.tag("["); t.tag("T"); t.tag("X"); t.tag("N"); t.tag("["); t.tag("]"); t.tag("]")
        t.blob("K", Array("o".utf8)); t.tag("{"); t.tag("}")
        t.blob("K", Array("s".utf8)); t.blob("S", Array("a\"b".utf8))
        t.tag("}")
        t.tag("{"); t.tag("}")
        let (text, valid) = try render(t)
        XCTAssertTrue(valid)
        XCTAssertEqual(
            text,
            #"{"i":-9223372036854775808,"u":18446744073709551615,"f":0.015784131,"g":2.5,"d":"Zm9v","l":[true,false,null,[]],"o":{},"s":"a\"b"}"# + "\n{}\n")
    }

    func testInvalidUTF8IsFlagged() throws {
        var t = Tape()
        t.tag("["); t.blob("S", [0x61, 0xFF]); t.tag("]")
        let (text, valid) = try render(t)
        XCTAssertFalse(valid)
        XCTAssertEqual(text, "[\"a\u{FFFD}\"]\n")
    }

    /// A tag the shim does not define means the two sides disagree: an
    /// error, not a silent null.
    func testUnknownTagIsAnError() {
        var t = Tape()
        t.tag("["); t.tag("Q"); t.tag("]")
        XCTAssertThrowsError(try render(t)) { error in
            XCTAssertEqual("\(error)", "internal error: unknown tag 81 at byte 1 of the decoded tape")
        }
    }
}
