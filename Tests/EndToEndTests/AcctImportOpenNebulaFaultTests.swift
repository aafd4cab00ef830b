import Foundation
import XCTest
import _AcctTestSupport

/// OpenNebula documents with hostile or impossible values: counters that
/// go negative, times no record holds, sums past 64 bits, faults libxml2
/// would recover from, values and tags past the reader's limits, and
/// libxml2's own messages made one clear line each.
final class AcctImportOpenNebulaFaultTests: XCTestCase {
    private func importing(_ arguments: [String]) throws -> ToolResult {
        try ToolRunner.run("acct-import", ["--from", "opennebula"] + arguments)
    }

    /// One HISTORY with these times and counters, and `extra` inside it.
    private func history(_ vm: Int, seq: Int = 0, stime: String = "1700000000", etime: String = "1700003600",
                         nettx: String = "1", extra: String = "") -> String {
        """
        <HISTORY><OID>\(vm)</OID><SEQ>\(seq)</SEQ><HOSTNAME>n</HOSTNAME><HID>0</HID><STIME>\(stime)</STIME><ETIME>\(etime)</ETIME>\
        <VM><MONITORING><NETTX>\(nettx)</NETTX></MONITORING></VM>\(extra)</HISTORY>
        """
    }

    private func document(_ histories: [String], prologue: String = "") -> String {
        prologue + "<HISTORY_RECORDS>\n" + histories.joined(separator: "\n") + "\n</HISTORY_RECORDS>\n"
    }

    /// NETTX -1 then 2^63 - 1: the difference would pass 64 bits. The
    /// negative counter is reported, counts nothing, and the next value
    /// counts whole, as after a reset.
    func testNegativeCounterIsReportedAndAReset() throws {
        let dir = try TempDir()
        let path = try dir.write("neg.xml", document([
            history(1, seq: 0, nettx: "100"),
            history(1, seq: 1, nettx: "-1"),
            history(1, seq: 2, nettx: "9223372036854775807"),
            history(1, seq: 3, nettx: "9223372036854775807"),
        ]))
        let result = try importing([path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "acct-import: \(path):3: vm 1 seq 1: NETTX is negative (-1); treated as a reset, with no bytes counted\n")
        XCTAssertEqual(result.lines.map { $0.components(separatedBy: #""nettx":"#).last! }, [
            #"100,"net_tx_bytes":100,"missing":"VM/TEMPLATE"}"#,
            #"-1,"missing":"VM/TEMPLATE"}"#,
            #"9223372036854775807,"net_tx_bytes":9223372036854775807,"missing":"VM/TEMPLATE"}"#,
            #"9223372036854775807,"net_tx_bytes":0,"missing":"VM/TEMPLATE"}"#,
        ])
        let strict = try importing(["--strict", path])
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(strict.lines.count, 2, "--strict stops after the record it reports")
    }

    /// Times no record holds, and an end before the start, are reported
    /// at the source and the record skipped.
    func testImpossibleTimes() throws {
        let dir = try TempDir()
        let path = try dir.write("times.xml", document([
            history(1, stime: "1700003600", etime: "1700000000"),
            history(2, stime: "-9223372036854775808", etime: "0"),
            history(3, stime: "9223372036854775807", etime: "0"),
            history(4, stime: "1700000000", etime: "253402300800"),
            history(5, stime: "1700000000", etime: "0"),
        ]))
        let result = try importing([path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            acct-import: \(path):2: ETIME is before STIME
            acct-import: \(path):3: STIME -9223372036854775808 is outside the years 0001 to 9999, the times a record can hold
            acct-import: \(path):4: STIME 9223372036854775807 is outside the years 0001 to 9999, the times a record can hold
            acct-import: \(path):5: ETIME 253402300800 is outside the years 0001 to 9999, the times a record can hold

            """)
        XCTAssertEqual(result.lines.count, 1)
        XCTAssertTrue(result.lines[0].hasPrefix(#"{"source":"opennebula","vm":5,"#), result.stdoutText)
    }

    /// Disk sizes that add up past 64 bits are an overflow, not a wrapped sum.
    func testDiskSizesThatOverflow() throws {
        let dir = try TempDir()
        let disks = "<VM><TEMPLATE><DISK><SIZE>9223372036854775807</SIZE></DISK><DISK><SIZE>1</SIZE></DISK></TEMPLATE></VM>"
        let path = try dir.write("disks.xml", document([history(1, extra: disks), history(2)]))
        let result = try importing([path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("acct-import: \(path):"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix(":2: VM/TEMPLATE/DISK/SIZE: the disk sizes add up to more than 9223372036854775807 MiB\n"), result.stderr)
        XCTAssertEqual(result.lines.count, 1)
        XCTAssertTrue(result.lines[0].contains(#""vm":2,"#))
    }

    /// Errors libxml2 recovers from stop the reading at the fault as fatal
    /// ones do: the records after it are not written, whatever the size
    /// of the pieces read (the fault is well inside the first).
    func testRecoverableErrorsStopAtTheFault() throws {
        let dir = try TempDir()
        let before = history(1)
        let after = (2...50).map { history($0) }
        let prefix = try dir.write("prefix.xml", document([before, "<HISTORY><OID>99</OID><x:SEQ>0</x:SEQ></HISTORY>"] + after))
        let entity = try dir.write("entity.xml", document(
            [before, "<HISTORY><OID>99</OID><HOSTNAME>&host;</HOSTNAME></HISTORY>"] + after,
            prologue: "<?xml version=\"1.0\"?>\n<!DOCTYPE HISTORY_RECORDS SYSTEM \"http://example.invalid/history.dtd\">\n"))
        let result = try importing([prefix, entity])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            acct-import: \(prefix):3: not well-formed XML: Namespace prefix x on SEQ is not defined
            acct-import: \(entity):5: not well-formed XML: Entity 'host' not defined

            """)
        XCTAssertEqual(result.lines.count, 2, result.stdoutText)
        XCTAssertTrue(result.lines.allSatisfy { $0.hasPrefix(#"{"source":"opennebula","vm":1,"#) }, result.stdoutText)
    }

    /// A value is kept up to 1 MiB: a 32 MiB HOSTNAME is reported and its
    /// record skipped, without holding it.
    func testLongValueIsReportedNotHeld() throws {
        let dir = try TempDir()
        let parts = document([history(1, extra: "<HOSTNAME>LONG</HOSTNAME>"), history(2)]).components(separatedBy: "LONG")
        try dir.write("head", parts[0])
        try dir.write("tail", parts[1])
        let result = try ToolRunner.shell("""
            { cat head; head -c 33554432 /dev/zero | tr '\\0' a; cat tail; } > long.xml \
            && /usr/bin/time -o rss -f '%M' acct-import --from opennebula long.xml; echo "status $?"; tail -n 1 rss
            """, directory: dir.url)
        XCTAssertEqual(result.stderr, "acct-import: long.xml:2: HOSTNAME: a value longer than 1048576 bytes\n")
        let lines = result.lines
        XCTAssertEqual(lines.count, 3, result.stdoutText)
        XCTAssertTrue(lines[0].hasPrefix(#"{"source":"opennebula","vm":2,"#), result.stdoutText)
        XCTAssertEqual(lines[1], "status 1")
        let kilobytes = try XCTUnwrap(Int(lines[2]))
        XCTAssertLessThan(kilobytes, 40 << 10, "the value is not held whole")
    }

    /// libxml2 checks each attribute against all before it: many in one
    /// tag are refused before it sees them.
    func testManyAttributesAreRefused() throws {
        let dir = try TempDir()
        let attributes = (0..<100_000).map { "a\($0)=\"1\"" }.joined(separator: " ")
        let path = try dir.write("attributes.xml", document([history(1), "<HISTORY \(attributes)><OID>2</OID></HISTORY>", history(3)]))
        let started = Date()
        let result = try importing([path])
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "acct-import: \(path):3: an element with more than 256 attributes\n")
        XCTAssertEqual(result.lines.count, 1)
        // Markup in a CDATA value or a comment is no tag: a script with
        // many `=` after a `<` is a value like any other.
        let script = "test 1 > 0 && <" + String(repeating: "x=1; ", count: 300)
        let values = try dir.write("values.xml", document([
            history(1, extra: "<HOSTNAME><![CDATA[\(script)]]></HOSTNAME>"),
            "<!-- \(script) -->",
            history(2, extra: "<HOSTNAME><![CDATA[]]]]><![CDATA[>\(script)]]></HOSTNAME>"),
        ]))
        let read = try importing([values])
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertEqual(read.lines.count, 2)
        XCTAssertTrue(read.lines[0].contains(#""host":"test 1 > 0 && <x=1; x=1; "#), read.stdoutText)
    }

    /// libxml2's messages, one line each: its "Huge input lookup" named
    /// for what it is, its encoding message without its newline, and a
    /// byte order mark that contradicts the declared encoding.
    func testLibxml2MessagesAreOneClearLine() throws {
        let dir = try TempDir()
        let hugeTag = try dir.write("tag.xml", document([history(1), "<HISTORY><OID a=\"\(String(repeating: "x", count: 11_000_000))\">2</OID></HISTORY>"]))
        let latin = try dir.write("latin.xml", bytes: Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HISTORY_RECORDS><HISTORY><OID>1</OID><HOSTNAME>caf".utf8)
            + [0xE9] + Array("</HOSTNAME></HISTORY></HISTORY_RECORDS>\n".utf8))
        let bom = try dir.write("bom.xml", bytes: [0xEF, 0xBB, 0xBF]
            + Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<HISTORY_RECORDS><HISTORY><OID>1</OID><SEQ>0</SEQ><HOSTNAME>café</HOSTNAME><STIME>1</STIME></HISTORY></HISTORY_RECORDS>\n".utf8))
        let result = try importing([hugeTag, latin, bom])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, """
            acct-import: \(hugeTag):3: a tag or other piece of markup longer than 10000000 bytes, libxml2's limit
            acct-import: \(latin):2: not well-formed XML: Input is not proper UTF-8, indicate encoding ! Bytes: 0xE9 0x3C 0x2F 0x48
            acct-import: \(bom):2: the document starts with a UTF-8 byte order mark but declares encoding 'ISO-8859-1'

            """)
        XCTAssertEqual(result.lines.count, 1, "the record before the huge tag, none with mojibake")
        // The same document without the mark reads as declared.
        let plain = try dir.write("plain.xml", bytes: Array(try dir.read("bom.xml").dropFirst(3)))
        XCTAssertEqual(try importing([plain]).status, 0)
    }
}
