import Glibc
import XCTest

@testable import AcctCore

final class SystemErrorTests: XCTestCase {
    func testMessages() {
        XCTAssertEqual(SystemError.message(ENOENT), "no such file or directory")
        XCTAssertEqual(SystemError.message(ENOSPC), "no space left on device")
        XCTAssertEqual(SystemError.message(EIO), "input/output error")
        XCTAssertEqual(SystemError.message(EISDIR), "is a directory")
    }

    func testLowercasing() {
        XCTAssertEqual(SystemError.lowercasingFirstWord("Unknown frame descriptor"), "unknown frame descriptor")
        XCTAssertEqual(SystemError.lowercasingFirstWord("I/O error"), "I/O error")
        XCTAssertEqual(SystemError.lowercasingFirstWord("EOF reached"), "EOF reached")
        XCTAssertEqual(SystemError.lowercasingFirstWord(""), "")
        XCTAssertEqual(SystemError.lowercasingFirstWord("x"), "x")
    }
}
