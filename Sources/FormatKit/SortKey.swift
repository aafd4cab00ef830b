import AcctCore

/// One key of `--sort`: a column or record key, `-KEY` for descending.
public struct SortKey: Equatable, Sendable {
    public let name: String
    public let descending: Bool

    public init(name: String, descending: Bool) {
        self.name = name
        self.descending = descending
    }

    /// `--sort` as given: a comma list, each key with the spaces and tabs
    /// around it dropped, `-` before a key for descending order (`+` for
    /// ascending, the default). A key with no name is a usage error.
    public static func list(_ text: String) throws(UsageError) -> [SortKey] {
        var keys: [SortKey] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            var name = Substring(KeyList.name(item))
            var descending = false
            if name.first == "-" || name.first == "+" {
                descending = name.first == "-"
                name = Substring(KeyList.name(name.dropFirst()))
            }
            guard !name.isEmpty else { throw UsageError("--sort: '\(KeyList.name(item))' names no key (write KEY or -KEY, separated by commas)") }
            keys.append(SortKey(name: String(name), descending: descending))
        }
        return keys
    }
}

/// A row's value for one sort key, as it orders: numbers by value (an
/// integer exactly), `start`/`end` times as instants, other text (and
/// booleans, arrays and objects, by their JSON text) by code point, in
/// that order of kinds; a missing or null value after all of them, in
/// either direction.
enum SortValue {
    case number(Double, exact: Int128?)
    case time(Int64)
    /// Text held in the row store: where it starts in the row's slot, and
    /// its length.
    case text(offset: Int, length: Int)
    case missing

    private var rank: Int {
        switch self {
        case .number: return 0
        case .time: return 1
        case .text: return 2
        case .missing: return 3
        }
    }

    /// -1, 0 or 1 for `a` before, with or after `b` in ascending order;
    /// `text` gives the bytes of a text value.
    static func compare(_ a: SortValue, _ b: SortValue, descending: Bool,
                        text: (SortValue) -> UnsafeRawBufferPointer) -> Int {
        if case .missing = a { if case .missing = b { return 0 } else { return 1 } }
        if case .missing = b { return -1 }
        let order: Int
        switch (a, b) {
        case let (.number(x, ex), .number(y, ey)):
            if let ex, let ey {
                order = ex < ey ? -1 : (ex == ey ? 0 : 1)
            } else {
                order = NumberOrder.compare((x, ex), (y, ey)) ?? 0
            }
        case let (.time(x), .time(y)):
            order = x < y ? -1 : (x == y ? 0 : 1)
        case (.text, .text):
            order = lexicographic(text(a), text(b))
        default:
            order = a.rank < b.rank ? -1 : (a.rank == b.rank ? 0 : 1)
        }
        return descending ? -order : order
    }

    private static func lexicographic(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
        // UTF-8 bytes order as the code points they encode.
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    }
}
