import AcctCore
import Glibc
import XCTest
import _AcctTestSupport

final class NamedKeysTests: XCTestCase {
    /// Shows `keys` each record while it watches, then reports; returns
    /// stderr, the diagnostics and how many records `keys` was shown.
    private func run(_ keys: NamedKeys, _ records: [String]) throws -> (output: String, diagnostics: Diagnostics, shown: Int) {
        let (readEnd, writeEnd) = makePipe()
        let diagnostics = Diagnostics(tool: "acct-test", fileDescriptor: writeEnd)
        let tape = JSONTape()
        var shown = 0
        for record in records {
            try Array(record.utf8).withUnsafeBytes { bytes in
                try tape.parse(bytes)
                if keys.isWatching {
                    shown += 1
                    keys.observe(tape)
                }
            }
        }
        keys.report(to: diagnostics)
        close(writeEnd)
        let output = String(decoding: readAll(readEnd), as: UTF8.self)
        close(readEnd)
        return (output, diagnostics, shown)
    }

    func testMissingNameIsAnErrorWithTheClosestKey() throws {
        let keys = NamedKeys()
        keys.add(["account", "acount", "cloudspace"], flag: "--by")
        let (output, diagnostics, _) = try run(keys, [#"{"account":1,"cloudspace":2,"vm":3}"#])
        XCTAssertEqual(output, "acct-test: --by: 'acount' names no key in the input; did you mean 'account'?\n")
        XCTAssertEqual(diagnostics.finish(nil), .badInput)
    }

    func testWarningLeavesTheStatus() throws {
        let keys = NamedKeys(depth: .anyDepth)
        keys.add("stauts", flag: "-x", severity: .warning)
        let (output, diagnostics, _) = try run(keys, [#"{"machines":[{"status":"RUNNING"}]}"#])
        XCTAssertEqual(output, "acct-test: -x: 'stauts' names no key in the input; did you mean 'status'?\n")
        XCTAssertEqual(diagnostics.finish(nil), .success)
    }

    func testTextLiteralHint() throws {
        let keys = NamedKeys(depth: .anyDepth)
        keys.add("routeros", flag: "-x", severity: .warning, hint: .textLiteral)
        let (output, _, _) = try run(keys, [#"{"type":"routeros"}"#])
        XCTAssertEqual(output, "acct-test: -x: 'routeros' names no key in the input; to compare with the text, write \"routeros\"\n")
        // A key close to the word is the likelier slip.
        let typo = NamedKeys(depth: .anyDepth)
        typo.add("tpye", flag: "-x", severity: .warning, hint: .textLiteral)
        XCTAssertEqual(try run(typo, [#"{"type":"routeros"}"#]).output,
                       "acct-test: -x: 'tpye' names no key in the input; did you mean 'type'?\n")
    }

    func testNoSuggestionWhenNothingIsClose() throws {
        let keys = NamedKeys()
        keys.add(["price"], flag: "-o")
        let (output, _, _) = try run(keys, [#"{"account":1,"vcpus":2}"#])
        XCTAssertEqual(output, "acct-test: -o: 'price' names no key in the input\n")
    }

    /// Once every name was seen, no record is shown any more.
    func testWatchingStopsOnceAllAreSeen() throws {
        let keys = NamedKeys()
        keys.add(["a", "b"], flag: "--by")
        let (output, diagnostics, shown) = try run(keys, [#"{"a":1}"#, #"{"x":1}"#, #"{"b":1}"#, #"{"c":1}"#, #"{"d":1}"#])
        XCTAssertEqual(output, "")
        XCTAssertEqual(diagnostics.finish(nil), .success)
        XCTAssertEqual(shown, 3)
        XCTAssertFalse(keys.isWatching)
    }

    func testNothingWatchedNothingShown() throws {
        let keys = NamedKeys()
        XCTAssertFalse(keys.isWatching)
        let (output, _, shown) = try run(keys, [#"{"a":1}"#])
        XCTAssertEqual(output, "")
        XCTAssertEqual(shown, 0)
    }

    /// No record: there is no key to compare with, so nothing is said.
    func testEmptyInputSaysNothing() throws {
        let keys = NamedKeys()
        keys.add("acount", flag: "--by")
        let (output, diagnostics, _) = try run(keys, [])
        XCTAssertEqual(output, "")
        XCTAssertEqual(diagnostics.finish(nil), .success)
    }

    /// Top level means the record's own keys; any depth takes nested ones.
    func testDepth() throws {
        let record = #"{"account":1,"machines":[{"status":"RUNNING","disks":[{"size":10}]}]}"#
        let top = NamedKeys()
        top.add(["status"], flag: "-o")
        XCTAssertEqual(try run(top, [record]).output, "acct-test: -o: 'status' names no key in the input\n")
        let deep = NamedKeys(depth: .anyDepth)
        deep.add(["status", "size", "machines"], flag: "-x", severity: .warning)
        XCTAssertEqual(try run(deep, [record]).output, "")
    }

    /// Keys are compared decoded: an escaped key is the key it spells.
    func testEscapedKeys() throws {
        let keys = NamedKeys()
        keys.add(["vcpus", "é"], flag: "-o")
        XCTAssertEqual(try run(keys, [#"{"vcpu\u0073":1,"\u00e9":2}"#]).output, "")
    }

    /// A name is said once, under the flag it came with first, in the order given.
    func testEachNameOnceInOrder() throws {
        let keys = NamedKeys()
        keys.add(["zz", "yy"], flag: "-o")
        keys.add("zz", flag: "--split")
        let (output, diagnostics, _) = try run(keys, [#"{"a":1}"#, #"{"b":1}"#])
        XCTAssertEqual(output, """
            acct-test: -o: 'zz' names no key in the input
            acct-test: -o: 'yy' names no key in the input

            """)
        XCTAssertEqual(diagnostics.problemCount, 2)
    }

    /// Suggestions come from keys of any record, not only the first.
    func testSuggestionFromALaterRecord() throws {
        let keys = NamedKeys()
        keys.add("cloudspaces", flag: "--by")
        let output = try run(keys, [#"{"account":1}"#, #"{"account":1,"cloudspace":2}"#]).output
        XCTAssertEqual(output, "acct-test: --by: 'cloudspaces' names no key in the input; did you mean 'cloudspace'?\n")
    }

    /// Past the spellings kept for suggestions, a name is still found.
    func testNameFoundPastTheKeptSpellings() throws {
        let keys = NamedKeys()
        keys.add("wanted", flag: "-o")
        var records = (0..<NamedKeys.keptSpellings).map { #"{"k\#($0)":1}"# }
        records.append(#"{"other":1,"wanted":2}"#)
        let (output, _, shown) = try run(keys, records)
        XCTAssertEqual(output, "")
        XCTAssertEqual(shown, records.count)
    }

    /// A key with a control character is never offered: it would break the line.
    func testNoSuggestionWithAControlCharacter() throws {
        let keys = NamedKeys()
        keys.add("accountx", flag: "-o")
        XCTAssertEqual(try run(keys, [#"{"account\n":1}"#]).output, "acct-test: -o: 'accountx' names no key in the input\n")
    }
}
