import AcctCore
import Foundation
import XCTest

@testable import CapnpKit
@testable import OVCGenKit

final class CapnpReaderTests: XCTestCase {
    private func aligned(_ bytes: [UInt8]) -> AlignedBuffer {
        let buffer = AlignedBuffer()
        bytes.withUnsafeBytes { buffer.append($0) }
        return buffer
    }

    func testGoodMessageGivesMachines() throws {
        let buffer = aligned(try OVCFaults.goodMessage(image: Array("x".utf8)))
        let reader = CapnpReader()
        let machines = try reader.decodeMachines(UnsafeRawBufferPointer(buffer.bytes), framing: .standard)
        XCTAssertEqual(machines.count, 2)
        XCTAssertEqual(machines[0].id, 0)
        XCTAssertNil(machines[0].image.ptr)
        XCTAssertEqual(machines[1].id, 1001)
        XCTAssertEqual(machines[1].account, 42)
        XCTAssertEqual(machines[1].cloudspace, 7)
        XCTAssertEqual(machines[1].disk_size, 40)
        XCTAssertEqual(machines[1].net_tx, 12.5)
    }

    func testFaultsThrowWithReasons() throws {
        let reader = CapnpReader()
        let expected: [String: String] = [
            "zero-length.bin": "empty file (no message)",
            "huge-segment.bin": "message at byte 0: message ends prematurely in first segment",
            "amplified.bin": "message at byte 0: exceeded the traversal limit (pointers loop or amplify; see --traversal-limit)",
            "packed.bin": "message at byte 0: looks like a packed message (try --packed)",
            "text-ids.bin": "message at byte 0: not the OpenVCloud Account layout: CloudSpace.machines is not a list of structs (another schema version?)",
        ]
        for (name, bytes) in try OVCFaults.files() where expected[name] != nil {
            let buffer = aligned(bytes)
            XCTAssertThrowsError(try reader.decodeMachines(UnsafeRawBufferPointer(buffer.bytes), framing: .standard), name) { error in
                XCTAssertEqual("\(error)", expected[name], name)
            }
        }
    }

    func testSecondMessageErrorNamesItsOffset() throws {
        let good = try OVCFaults.goodMessage(image: Array("x".utf8))
        let buffer = aligned(good + good.prefix(16))
        XCTAssertThrowsError(try CapnpReader().decodeMachines(UnsafeRawBufferPointer(buffer.bytes), framing: .standard)) { error in
            XCTAssertTrue("\(error)".hasPrefix("message at byte \(good.count): "), "\(error)")
        }
    }

    func testTapeOfBuiltInSchema() throws {
        let buffer = aligned(try OVCFaults.goodMessage(image: Array("x".utf8)))
        let reader = CapnpReader()
        let tape = try reader.decodeTape(UnsafeRawBufferPointer(buffer.bytes), framing: .standard)
        let out = OutputBuffer()
        XCTAssertTrue(try TapeRenderer.render(tape, into: out))
        withExtendedLifetime(reader) {}
        let text = out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        XCTAssertTrue(text.hasPrefix(#"{"accountId":42,"cloudspaces":[{"cloudSpaceId":7,"accountId":42,"machines":[{"id":0,"type":"routeros""#), text)
        XCTAssertTrue(text.contains(#""disks":[{"id":5000,"size":40.0,"iopsRead":4.5"#), text)
    }

    func testGeneratorIsDeterministic() throws {
        let a = FileManager.default.temporaryDirectory.appendingPathComponent("gen-a-\(getpid())").path
        let b = FileManager.default.temporaryDirectory.appendingPathComponent("gen-b-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        var generator = OVCGenerator()
        generator.hours = 3
        let first = try generator.write(to: a)
        _ = try generator.write(to: b)
        let file = "/" + OVCGenerator.hourPath(account: first[0].account, epoch: generator.start + 3600)
        XCTAssertEqual(FileManager.default.contents(atPath: a + file), FileManager.default.contents(atPath: b + file))
        XCTAssertNotNil(FileManager.default.contents(atPath: a + file))
    }
}
