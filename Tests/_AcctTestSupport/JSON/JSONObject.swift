import AcctCore

/// A JSON object that keeps its keys in the order they were written, so a
/// record re-encoded by a tool has its keys where the user put them.
///
/// A key appears once. Setting a key that exists replaces its value in
/// place: for input with duplicate keys the first position and the last
/// value win (as most JSON readers do for the value). Keys compare as Swift
/// Strings, so two keys that differ only in Unicode normalization (NFC and
/// NFD spellings of "é") count as the same key.
public struct JSONObject: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    /// The members in order.
    public private(set) var members: [(key: String, value: JSONValue)] = []

    /// Key positions, built only for objects too large to scan linearly.
    private var positions: [String: Int]?

    /// Records have a dozen or two keys; comparing that many short keys
    /// beats hashing (measured: hashing was a tenth of parse time at 13 keys).
    private static let linearScanLimit = 32

    /// Creates an empty object.
    public init() {}

    /// Creates an object from members in order (a repeated key keeps its
    /// first position and takes its last value).
    public init(_ members: [(key: String, value: JSONValue)]) {
        for member in members { self[member.key] = member.value }
    }

    /// Creates an object from a literal, in the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// Makes room for `count` members without reallocating.
    public mutating func reserveCapacity(_ count: Int) {
        members.reserveCapacity(count)
    }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// The value for `key`; setting nil removes the member, setting an
    /// existing key keeps its position.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let i = position(of: key) else { return nil }
            return members[i].value
        }
        set {
            if let i = position(of: key) {
                if let newValue {
                    members[i].value = newValue
                } else {
                    members.remove(at: i)
                    positions = nil
                    indexIfLarge()
                }
            } else if let newValue {
                members.append((key: key, value: newValue))
                if positions != nil {
                    positions![key] = members.count - 1
                } else {
                    indexIfLarge()
                }
            }
        }
    }

    /// Equal when the same keys hold equal values in the same order.
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.members.count == b.members.count else { return false }
        for (x, y) in zip(a.members, b.members) where x.key != y.key || x.value != y.value {
            return false
        }
        return true
    }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return members.firstIndex { $0.key == key }
    }

    private mutating func indexIfLarge() {
        guard members.count > Self.linearScanLimit else { return }
        var index = [String: Int](minimumCapacity: members.count * 2)
        for (i, member) in members.enumerated() { index[member.key] = i }
        positions = index
    }
}
