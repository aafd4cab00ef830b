import XCTest

@testable import AcctCore

final class ClosestNameTests: XCTestCase {
    private let ovc = ["start", "end", "source", "account", "cloudspace", "vm", "type", "status", "image", "vcpus",
                       "mem_mb", "disks", "disk_gb", "net_tx", "net_rx", "cpu_minutes"]

    func testOneEditAway() {
        XCTAssertEqual(ClosestName.closest(to: "acount", among: ovc), "account")
        XCTAssertEqual(ClosestName.closest(to: "vcpu", among: ovc), "vcpus")
        XCTAssertEqual(ClosestName.closest(to: "cloudspaces", among: ovc), "cloudspace")
        XCTAssertEqual(ClosestName.closest(to: "imgae", among: ovc), "image")
    }

    /// Two neighbours swapped count as one edit.
    func testSwap() {
        XCTAssertEqual(ClosestName.closest(to: "stauts", among: ovc), "status")
        XCTAssertEqual(ClosestName.distance(Array("stauts".unicodeScalars), Array("status".unicodeScalars)), 1)
        XCTAssertEqual(ClosestName.distance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)), 1)
    }

    func testDistance() {
        let d = { (a: String, b: String) in ClosestName.distance(Array(a.unicodeScalars), Array(b.unicodeScalars)) }
        XCTAssertEqual(d("", "abc"), 3)
        XCTAssertEqual(d("abc", ""), 3)
        XCTAssertEqual(d("kitten", "sitting"), 3)
        XCTAssertEqual(d("account", "account"), 0)
        XCTAssertEqual(d("ca", "abc"), 3)  // OSA, not Damerau: no edit of a swapped pair
    }

    /// A name that differs in case only wins over a closer spelling.
    func testCaseInsensitiveMatchFirst() {
        XCTAssertEqual(ClosestName.closest(to: "Status", among: ovc), "status")
        XCTAssertEqual(ClosestName.closest(to: "VCPUS", among: ["vcpu", "vcpus"]), "vcpus")
    }

    func testNothingClose() {
        XCTAssertNil(ClosestName.closest(to: "price", among: ovc))
        XCTAssertNil(ClosestName.closest(to: "mem", among: ovc))
        // One letter for another is a wholly different name.
        XCTAssertNil(ClosestName.closest(to: "x", among: ["y"]))
        XCTAssertNil(ClosestName.closest(to: "", among: ovc))
        XCTAssertNil(ClosestName.closest(to: "acount", among: []))
    }

    /// A third of the name's length: short names allow one edit, longer ones more.
    func testCutoff() {
        XCTAssertEqual(ClosestName.closest(to: "vn", among: ["vm"]), "vm")
        XCTAssertNil(ClosestName.closest(to: "id", among: ["vm"]))
        XCTAssertEqual(ClosestName.closest(to: "cpuminutes_", among: ["cpu_minutes"]), "cpu_minutes")
        XCTAssertNil(ClosestName.closest(to: "cpu_mins", among: ["cpu_minutes"]))
    }

    /// Equal distances: the longer shared prefix, then the first given.
    func testTies() {
        XCTAssertEqual(ClosestName.closest(to: "vcpu", among: ["cpu", "vcpus"]), "vcpus")
        XCTAssertEqual(ClosestName.closest(to: "ab", among: ["ax", "ay"]), "ax")
    }
}
