/// The nodes of a fixed list of names among the members of record after
/// record, as `JSONTape.member` finds them (the last member of that decoded
/// name; none when the record is not an object), in one pass over the
/// members instead of a search per name. Each key is known by its raw
/// spelling (`KeySpellings`): in a stream of one shape, a compare per key.
/// A spelling is matched against the names once, when first seen.
public final class MemberFinder {
    private let names: [[UInt8]]
    private let spellings = KeySpellings(limit: MemberFinder.keptSpellings)
    /// For each spelling, the first name it is (-1: none); with a name
    /// listed twice, `nextSame` links each place to the next.
    private var nameOf = PODArray<Int>()
    private let nextSame: [Int]
    private var nodes: [Int?]

    /// Spellings kept: a stream of ever new keys is matched key by key
    /// past this many, without growing the table.
    static let keptSpellings = 4096

    public init(names: [String]) {
        self.names = names.map { Array($0.utf8) }
        nextSame = names.indices.map { i in names.indices.dropFirst(i + 1).first { names[$0] == names[i] } ?? -1 }
        nodes = Array(repeating: nil, count: names.count)
    }

    deinit { nameOf.free() }

    /// The node of each name in the record in `tape`, nil where it has none.
    public func find(in tape: JSONTape) -> [Int?] {
        for i in nodes.indices { nodes[i] = nil }
        guard !names.isEmpty, tape.kind(JSONTape.root) == .object else { return nodes }
        let end = tape.end(JSONTape.root)
        var node = JSONTape.root + 1
        var previous = -1
        while node < end {
            let key = tape.keyBytes(node)!
            var name: Int
            if let (index, isNew) = spellings.index(of: key, after: previous) {
                if isNew { nameOf.append(firstName(of: node, in: tape)) }
                previous = index
                name = nameOf[index]
            } else {
                previous = -1
                name = firstName(of: node, in: tape)
            }
            while name >= 0 {
                nodes[name] = node
                name = nextSame[name]
            }
            node = tape.end(node)
        }
        return nodes
    }

    /// The first name the member's decoded key equals, or -1.
    private func firstName(of node: Int, in tape: JSONTape) -> Int {
        for (i, name) in names.enumerated() where name.withUnsafeBytes({ tape.keyEquals(node, $0) }) {
            return i
        }
        return -1
    }
}
