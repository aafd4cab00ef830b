import AcctCore
import Glibc
import XCTest

final class OutputErrorTests: XCTestCase {
    func testMessages() {
        XCTAssertEqual(OutputError.writeFailed(path: "<stdout>", errno: ENOSPC).description,
                       "write error: no space left on device")
        XCTAssertEqual(OutputError.writeFailed(path: "out.zst", errno: EIO).description,
                       "out.zst: write error: input/output error")
        XCTAssertEqual(OutputError.openFailed(path: "/x/y", errno: ENOENT).description,
                       "/x/y: no such file or directory")
        XCTAssertEqual(OutputError.compressionFailed(path: "<stdout>", reason: "out of memory").description,
                       "zstd compression failed: out of memory")
        XCTAssertEqual(OutputError.brokenPipe.description, "broken pipe")
    }
}
