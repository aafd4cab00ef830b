import AcctCore
import Foundation
import XCTest
import _AcctTestSupport

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import FormatKit

/// acct-fmt --chart's document, read back with an XML parser: well formed,
/// its texts (title, legend, axis labels) and its shapes.
final class ChartSVGTests: XCTestCase {
    /// What an XML parser finds in a document: the elements by name with
    /// their attributes, and the text of each `<text>`.
    final class Reading: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var texts: [String] = []
        private var inText = false
        private var current = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append((name, attributes))
            if name == "text" {
                inText = true
                current = ""
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" {
                texts.append(current)
                inText = false
            }
        }

        func named(_ name: String) -> [[String: String]] { elements.filter { $0.name == name }.map(\.attributes) }
    }

    static func read(_ document: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> Reading {
        let parser = XMLParser(data: Data(document))
        let reading = Reading()
        parser.delegate = reading
        XCTAssertTrue(parser.parse(), "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")", file: file, line: line)
        return reading
    }

    private func day(_ n: Int) -> String { "2018-10-\(n < 10 ? "0" : "")\(n)T00:00:00Z" }

    /// Three accounts over six days; account 7 steps from 10 to 40.
    private var input: String {
        (1...6).flatMap { d in
            [
                #"{"start":"\#(day(d))","account":7,"vcpus_hours":\#(d <= 3 ? 10 : 40)}"#,
                #"{"start":"\#(day(d))","account":1,"vcpus_hours":5}"#,
                #"{"start":"\#(day(d))","account":"2","vcpus_hours":2.5}"#,
            ]
        }.joined(separator: "\n") + "\n"
    }

    private func chart(_ input: String, _ options: ChartOptions, zone: Zone = .utc) throws -> [UInt8] {
        let dir = try TempDir()
        defer { dir.remove() }
        return try rendered(input, in: dir) {
            $0.common.zone = zone
            $0.chart = options
        }
    }

    func testDocumentTextsAndShapes() throws {
        let svg = try chart(input, ChartOptions(metric: "vcpus_hours", series: "account", title: "CPU & co"))
        let doc = try Self.read(svg)
        XCTAssertEqual(doc.elements.first?.name, "svg")
        XCTAssertEqual(doc.elements.first?.attributes["xmlns"], "http://www.w3.org/2000/svg")
        // Title, axis titles, legend with totals, tick labels: all text.
        XCTAssertEqual(doc.texts.first, "CPU & co")
        XCTAssertTrue(doc.texts.contains("vcpus_hours (CPUs × hours)"))
        XCTAssertTrue(doc.texts.contains("start (UTC)"))
        XCTAssertTrue(doc.texts.contains("7 (150)"))
        XCTAssertTrue(doc.texts.contains("1 (30)"))
        XCTAssertTrue(doc.texts.contains("2 (15)"))
        for label in ["0", "20", "50", "Oct 1", "Oct 6", "2018"] {
            XCTAssertTrue(doc.texts.contains(label), label)
        }
        // A stacked area per series, largest total at the bottom.
        let areas = doc.named("polygon").filter { $0["class"] == "area" }
        XCTAssertEqual(areas.map { $0["data-series"] }, ["7", "1", "2"])
        // Self-contained: nothing to fetch, nothing to run.
        XCTAssertTrue(doc.named("script").isEmpty)
        XCTAssertTrue(doc.named("image").isEmpty)
        let text = String(decoding: svg, as: UTF8.self)
        XCTAssertFalse(text.contains("href"))
        XCTAssertFalse(text.contains("@import"))
    }

    /// The same records give the same bytes, in any order.
    func testSameBytesForTheSameInput() throws {
        let options = ChartOptions(metric: "vcpus_hours", series: "account")
        let once = try chart(input, options)
        XCTAssertEqual(try chart(input, options), once)
        let reversed = input.split(separator: "\n").reversed().joined(separator: "\n") + "\n"
        XCTAssertEqual(try chart(reversed, options), once)
    }

    func testEmptyInputSaysNoData() throws {
        let doc = try Self.read(try chart("", ChartOptions(metric: "vcpus_hours")))
        XCTAssertTrue(doc.texts.contains("no data"))
        XCTAssertTrue(doc.named("polygon").isEmpty)
    }

    func testOneSeriesWithoutSeriesKey() throws {
        let doc = try Self.read(try chart(input, ChartOptions(metric: "vcpus_hours")))
        let areas = doc.named("polygon").filter { $0["class"] == "area" }
        XCTAssertEqual(areas.map { $0["data-series"] }, ["vcpus_hours"])
        XCTAssertTrue(doc.texts.contains("vcpus_hours (195)"))
        XCTAssertEqual(doc.texts.first, "vcpus_hours")
    }

    func testLinesAndTheOtherSeries() throws {
        let many = (1...14).map { #"{"start":"\#(day(1))","vm":"vm-\#($0)","mem_mb":\#($0 * 1024)}"# }
            + (1...14).map { #"{"start":"\#(day(2))","vm":"vm-\#($0)","mem_mb":\#($0 * 1024)}"# }
        let doc = try Self.read(try chart(many.joined(separator: "\n"), ChartOptions(metric: "mem_mb", series: "vm", lines: true)))
        let lines = doc.named("path").filter { $0["class"] == "line" }
        XCTAssertEqual(lines.count, 12)
        XCTAssertEqual(lines.first?["data-series"], "vm-14")
        XCTAssertEqual(lines.last?["data-series"], "other (3 series)")
        // Past the sixth, lines are dashed as well as coloured.
        XCTAssertNil(lines[0]["stroke-dasharray"])
        XCTAssertNotNil(lines[6]["stroke-dasharray"])
        XCTAssertEqual(Set(lines.compactMap { $0["stroke"] }).count, 12)
        // MiB shown with the table's letters: 14 GiB at most.
        XCTAssertTrue(doc.texts.contains("mem_mb (bytes)"))
        XCTAssertTrue(doc.texts.contains("vm-14 (28G)"))
        XCTAssertTrue(doc.texts.contains("15G"))
    }

    /// Names that are markup stay text.
    func testMarkupInNamesIsEscaped() throws {
        let input = #"{"start":"2018-10-01T00:00:00Z","owner":"<b>&\"x\"","v":1}"# + "\n"
            + #"{"start":"2018-10-01T01:00:00Z","owner":"a\u0007b","v":2}"# + "\n"
        let doc = try Self.read(try chart(input, ChartOptions(metric: "v", series: "owner", title: "</svg>")))
        XCTAssertEqual(doc.texts.first, "</svg>")
        XCTAssertTrue(doc.texts.contains("<b>&\"x\" (1)"))
        XCTAssertTrue(doc.texts.contains("a\u{FFFD}b (2)"))
    }

    /// The x axis is in the display zone: Brussels' midnights.
    func testTimesInTheDisplayZone() throws {
        let starts = ["2024-03-29T23:00:00Z", "2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z", "2024-04-01T22:00:00Z"]
        let input = starts.map { #"{"start":"\#($0)","v":1}"# }.joined(separator: "\n")
        let doc = try Self.read(try chart(input, ChartOptions(metric: "v"), zone: try Zone(named: "Europe/Brussels")))
        XCTAssertTrue(doc.texts.contains("start (Europe/Brussels)"))
        XCTAssertTrue(doc.texts.contains("Mar 30"))
        XCTAssertFalse(doc.texts.contains("Mar 29"))
    }
}
