import XCTest

@testable import FormatKit

/// The rows held for --sort and --limit: the first N in order, ties in
/// input order, whatever the input's length (the heap and its compaction
/// checked against a plain stable sort of everything).
final class RowStoreTests: XCTestCase {
    /// Rows `{"i":I}` with a number key and a text key; the order the
    /// store gives, as the row numbers.
    private func kept(_ rows: [(Int, String?)], keys: [SortKey], limit: Int?) -> [Int] {
        let store = RowStore(keys: keys, limit: limit)
        for (i, row) in rows.enumerated() {
            let text = Array("{\"i\":\(i),\"pad\":\"\(String(repeating: "x", count: 150))\"}".utf8)
            text.withUnsafeBytes { bytes in
                store.add(bytes) { k, give in
                    if keys[k].name == "n" {
                        give(.number(Double(row.0), exact: Int128(row.0)))
                    } else if let word = row.1 {
                        var word = word
                        word.withUTF8 { give(.text(UnsafeRawBufferPointer($0))) }
                    } else {
                        give(.missing)
                    }
                }
            }
        }
        var order: [Int] = []
        store.forEachRow { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            let digits = text.dropFirst(5).prefix { $0.isNumber }
            order.append(Int(digits)!)
            return true
        }
        return order
    }

    /// The same by a stable sort of every row.
    private func expected(_ rows: [(Int, String?)], keys: [SortKey], limit: Int?) -> [Int] {
        func compare(_ a: Int, _ b: Int) -> Int {
            for key in keys {
                var order = 0
                if key.name == "n" {
                    order = rows[a].0 < rows[b].0 ? -1 : (rows[a].0 == rows[b].0 ? 0 : 1)
                    if key.descending { order = -order }
                } else {
                    switch (rows[a].1, rows[b].1) {
                    case (nil, nil): order = 0
                    case (nil, _): order = 1
                    case (_, nil): order = -1
                    case let (x?, y?):
                        order = Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) ? -1 : (x == y ? 0 : 1)
                        if key.descending { order = -order }
                    }
                }
                if order != 0 { return order }
            }
            return a < b ? -1 : (a == b ? 0 : 1)
        }
        let sorted = rows.indices.sorted { compare($0, $1) < 0 }
        return Array(sorted.prefix(limit ?? sorted.count))
    }

    func testTopNKeepsTiesInInputOrder() {
        let rows: [(Int, String?)] = [(5, "b"), (9, "a"), (5, "a"), (9, "a"), (1, nil), (9, "c"), (5, "b")]
        let keys = [SortKey(name: "n", descending: true), SortKey(name: "w", descending: false)]
        XCTAssertEqual(kept(rows, keys: keys, limit: 3), [1, 3, 5])
        XCTAssertEqual(kept(rows, keys: keys, limit: 5), [1, 3, 5, 2, 0])
        XCTAssertEqual(kept(rows, keys: keys, limit: nil), [1, 3, 5, 2, 0, 6, 4])
        XCTAssertEqual(kept(rows, keys: [SortKey(name: "w", descending: true)], limit: nil), [5, 0, 6, 1, 2, 3, 4])
        XCTAssertEqual(kept(rows, keys: keys, limit: 0), [])
    }

    func testLimitWithoutSortKeepsTheFirst() {
        let rows: [(Int, String?)] = (0..<10).map { ($0 % 3, nil) }
        XCTAssertEqual(kept(rows, keys: [], limit: 4), [0, 1, 2, 3])
        XCTAssertEqual(kept(rows, keys: [], limit: nil), Array(0..<10))
    }

    /// Long inputs with many ties: rows given up are compacted away, and
    /// the top N are those of a full sort.
    func testLongInputsAgreeWithAFullSort() {
        var generator = SystemRandomNumberGenerator()
        let words = ["", "a", "ab", "b", "é", "z", nil]
        for (count, limit) in [(12_000, 3), (12_000, 100), (300, 299), (300, nil)] as [(Int, Int?)] {
            let rows: [(Int, String?)] = (0..<count).map { _ in
                (Int.random(in: -50...50, using: &generator), words.randomElement(using: &generator)!)
            }
            for keys in [[SortKey(name: "n", descending: false)],
                         [SortKey(name: "w", descending: true), SortKey(name: "n", descending: true)]] {
                XCTAssertEqual(kept(rows, keys: keys, limit: limit), expected(rows, keys: keys, limit: limit),
                               "\(count) rows, limit \(String(describing: limit)), \(keys)")
            }
        }
    }
}
