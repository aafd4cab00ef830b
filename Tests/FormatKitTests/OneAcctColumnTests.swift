import AcctCore
import XCTest

@testable import FormatKit

/// `-o` with --oneacct: oneacct's column names, in any case.
final class OneAcctColumnTests: XCTestCase {
    func testNamesInAnyCase() throws {
        XCTAssertEqual(try OneAcctColumn.parse("VID,seq,Uid,hostname,START_TIME", defaults: OneAcctColumn.defaultTable),
                       [.vid, .seq, .uid, .hostname, .startTime])
        XCTAssertEqual(OneAcctColumn.allCases.map(\.rawValue),
                       ["UID", "VID", "SEQ", "HOSTNAME", "ACTION", "START_TIME", "END_TIME", "MEMORY", "CPU", "NETRX", "NETTX", "DISK"])
    }

    func testAppending() throws {
        XCTAssertEqual(try OneAcctColumn.parse("+seq,vid", defaults: [.vid, .hostname]), [.vid, .hostname, .seq])
    }

    func testUnknownNameIsNamed() {
        XCTAssertThrowsError(try OneAcctColumn.parse("VID,REASON", defaults: [])) { error in
            let unknown = error as? OneAcctColumn.UnknownName
            XCTAssertEqual(unknown?.name, "REASON")
            XCTAssertTrue("\(error)".contains("'REASON'"))
        }
        XCTAssertThrowsError(try OneAcctColumn.parse("", defaults: []))
        XCTAssertThrowsError(try OneAcctColumn.parse("VID,,SEQ", defaults: []))
    }
}
