import XCTest

/// The reading of examples out of mdoc and Markdown, on small texts, so that a
/// page whose examples are misread cannot pass unseen.
final class DocExampleParsingTests: XCTestCase {
    func testMdocCommandsContinuationsAndOutput() throws {
        let page = #"""
        .Sh DESCRIPTION
        .Dl capnp-cat: PATH: reason
        .Sh EXAMPLES
        Count:
        .Bd -literal -offset indent
        $ capnp-cat examples/ovc |
            acct-filter -x 'type = \(dqvm\(dq' \e
              -c
        203
        $ printf '%s\en' a\-b
        a-b

        \&...
        .Ed
        .Pp
        .Dl $ acct-filter -x 'not(end) or end = \(dq\(dq' records.ndjson
        .Bd -literal -offset indent
        {"not":"a command"}
        .Ed
        .Bd -literal -offset indent
        $ capnp-cat \fItree\fP | wc -l
        .Ed
        .Sh SEE ALSO
        .Dl $ echo seen
        """#
        let examples = try MdocExamples.examples(in: page, path: "p.1")
        XCTAssertEqual(examples, [
            DocExample(place: "p.1:6", command: "capnp-cat examples/ovc |\n    acct-filter -x 'type = \"vm\"' \\\n      -c",
                       output: "203\n"),
            DocExample(place: "p.1:10", command: "printf '%s\\n' a-b", output: "a-b\n\n...\n"),
            DocExample(place: "p.1:16", command: #"acct-filter -x 'not(end) or end = ""' records.ndjson"#, output: nil),
            DocExample(place: "p.1:21", command: "capnp-cat tree | wc -l", output: nil, isTemplate: true),
            DocExample(place: "p.1:24", command: "echo seen", output: nil),
        ])
    }

    func testMdocLinesThatWouldNotShowAsWritten() {
        for line in [#".Dl $ acct-filter -x "a b""#, ".Dl $ a  b", ".Dl $ echo No", ".Dl $ echo ( x"] {
            XCTAssertThrowsError(try MdocExamples.examples(in: ".Sh EXAMPLES\n" + line, path: "p.1"), line)
        }
        XCTAssertThrowsError(try MdocExamples.examples(in: ".Sh EXAMPLES\n.Bd -literal\n$ a \\(zz\n.Ed", path: "p.1"))
        XCTAssertThrowsError(try MdocExamples.examples(in: ".Sh EXAMPLES\n.Bd -literal\n$ a\n", path: "p.1"))
    }

    func testReadmeSections() {
        let readme = """
        # title

            make test

        ## One

            $ capnp-cat examples/ovc | head -n 1 |
                wc -l
            1

        Text.

            $ true
        ## Two

            $ echo a
            a
            b

            $ acct-fmt --xlsx - < in.ndjson | ssh <host> 'cat > x.xlsx'
            $ cat <(echo a) - < in.ndjson
        """
        let groups = ReadmeExamples.groups(in: readme, path: "R.md")
        XCTAssertEqual(groups.map(\.name), ["R.md One", "R.md Two"])
        XCTAssertEqual(groups[0].examples, [
            DocExample(place: "R.md:7", command: "capnp-cat examples/ovc | head -n 1 |\n    wc -l", output: "1\n"),
            DocExample(place: "R.md:13", command: "true", output: nil),
        ])
        XCTAssertEqual(groups[1].examples, [
            DocExample(place: "R.md:16", command: "echo a", output: "a\nb\n"),
            DocExample(place: "R.md:20", command: "acct-fmt --xlsx - < in.ndjson | ssh <host> 'cat > x.xlsx'",
                       output: nil, isTemplate: true),
            DocExample(place: "R.md:21", command: "cat <(echo a) - < in.ndjson", output: nil),
        ])
    }
}
