import AcctCore
import Glibc
import XCTest

final class InputErrorTests: XCTestCase {
    func testMessages() {
        XCTAssertEqual(InputError.openFailed(path: "x.ndjson", errno: ENOENT).description,
                       "x.ndjson: no such file or directory")
        XCTAssertEqual(InputError.readFailed(path: "<stdin>", errno: EIO).description,
                       "<stdin>: read error: input/output error")
        XCTAssertEqual(InputError.corruptCompressedData(path: "a.zst", format: .zstd, offset: 12, reason: "unknown frame descriptor").description,
                       "a.zst: corrupt zstd data at byte 12: unknown frame descriptor")
        XCTAssertEqual(InputError.truncatedCompressedData(path: "a.zst", format: .zstd, offset: 99).description,
                       "a.zst: truncated zstd data: input ends inside a frame at byte 99")
    }
}
