import AcctCore
import XCTest

@testable import CapnpKit
@testable import OVCGenKit

/// Lists of zero-size structs take no room however long they are: a
/// message of a few words must not become millions of records.
final class AmplificationTests: XCTestCase {
    /// An account with one cloudspace holding `machines` empty machines.
    private func emptyMachines(_ machines: Int) -> [UInt8] {
        var m = RawMessage()
        let root = m.allocate(1)
        let account = m.allocate(2)
        m.pointStruct(at: root, to: account, dataWords: 1, pointers: 1)
        m.setData(word: account, byteOffset: 0, 43, bits: 32)
        let spaces = m.structList(at: account + 1, count: 1, dataWords: 1, pointers: 2)
        _ = m.structList(at: spaces + 1, count: machines, dataWords: 0, pointers: 0)
        return m.framed
    }

    private func aligned(_ bytes: [UInt8]) -> AlignedBuffer {
        let buffer = AlignedBuffer()
        bytes.withUnsafeBytes { buffer.append($0) }
        return buffer
    }

    func testMillionsOfEmptyMachinesAreRefused() {
        let bytes = emptyMachines(4_000_000)
        XCTAssertLessThan(bytes.count, 100)
        let reader = CapnpReader()
        let buffer = aligned(bytes)
        XCTAssertThrowsError(try reader.decodeMachines(UnsafeRawBufferPointer(buffer.bytes), framing: .standard)) { error in
            XCTAssertTrue("\(error)".hasPrefix("message at byte 0: amplified: more than "), "\(error)")
            XCTAssertTrue("\(error)".hasSuffix(" words (zero-size structs)"), "\(error)")
        }
        XCTAssertThrowsError(try reader.decodeTape(UnsafeRawBufferPointer(buffer.bytes), framing: .standard)) { error in
            XCTAssertTrue("\(error)".contains("amplified"), "\(error)")
        }
    }

    /// A few empty structs, as a writer that drops trailing zeros makes,
    /// still decode: the bound grows with the message.
    func testAFewEmptyMachinesDecode() throws {
        let reader = CapnpReader()
        let buffer = aligned(emptyMachines(3))
        let machines = try reader.decodeMachines(UnsafeRawBufferPointer(buffer.bytes), framing: .standard)
        XCTAssertEqual(machines.count, 3)
        XCTAssertEqual(machines[0].account, 43)
    }
}
