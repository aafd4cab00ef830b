import AcctCore
import XCTest
import _AcctTestSupport

@testable import FormatKit

/// XML: names as XML 1.0 has them, carriage returns that survive a parser,
/// characters XML forbids replaced, empty objects as empty elements.
final class XMLFormatterTests: XCTestCase {
    private func names(_ text: String) -> Bool { XMLFormatter.isName(Array(text.utf8)) }

    func testNames() {
        for name in ["vm", "_x", "a-b.c_d", "é", "日本", "a·b", "Ab9", "e\u{301}"] {
            XCTAssertTrue(names(name), name)
        }
        for name in ["", "2nd", "-k", ".a", "a b", "a:b", "xml", "XMLns", "a×b", "a÷b", "\u{301}e", "a\u{2000}b", "a\u{FFFE}"] {
            XCTAssertFalse(names(name), name)
        }
    }

    func testTextAndEmptyElements() throws {
        let input = #"{"a":"x\ry\r\nz\t<&>","b":"\uffff\ufffe\u0001\u007f","o":{},"p":{"l":[]},"q":{"l":[[],[1]]},"2 b":"\r\t\n\"","k\tey\"":1}"# + "\n" + "{}\n" + #"{"l":[]}"# + "\n"
        let xml = try renderedText(input, in: try TempDir()) { $0.style = .xml }
        XCTAssertEqual(xml, """
            <?xml version="1.0" encoding="UTF-8"?>
            <records>
              <record>
                <a>x&#13;y&#13;
            z\t&lt;&amp;&gt;</a>
                <b>\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}</b>
                <o/>
                <p/>
                <q>
                  <l>1</l>
                </q>
                <field name="2 b">&#13;\t
            "</field>
                <field name="k&#9;ey&quot;">1</field>
              </record>
              <record/>
              <record/>
            </records>

            """)
        // With -o, a record that has none of the keys is empty too.
        let some = try renderedText(#"{"a":1}"# + "\n", in: try TempDir()) {
            $0.style = .xml
            $0.columns = ["b"]
        }
        XCTAssertEqual(some, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n  <record/>\n</records>\n")
    }
}
