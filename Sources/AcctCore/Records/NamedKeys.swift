/// Keys named on the command line (`--by acount`, `-o vcpu`, a path in
/// `-x`) that no record of the input has shown yet. A misspelt name would
/// otherwise give a column of nulls or no match with exit 0; after the input
/// is read, each name still unseen is said once, with the closest key that
/// does occur:
///
///     acct-slice: --by: 'acount' names no key in the input; did you mean 'account'?
///
/// Callers show it records only while `isWatching`: once every name was
/// seen, nothing more is done per record. While something is missing, the
/// keys are looked up by their raw bytes (KeySpellings), so a record costs
/// a compare per key and no allocation, and names are decoded once per
/// spelling, for the suggestions; past `keptSpellings` distinct spellings
/// new ones are compared with the missing names only, so memory stays flat.
public final class NamedKeys {
    /// What the tool makes of a name that occurs nowhere.
    public enum Severity: Sendable {
        /// Bad input: the exit status becomes 1 (`--by`, `-o`).
        case error
        /// A note, exit 0 (`-x`: a filter may rightly match nothing).
        case warning
    }

    /// Which keys count as occurring.
    public enum Depth: Sendable {
        /// The keys of the record object itself.
        case topLevel
        /// Keys at any depth: the element names of `-x` paths.
        case anyDepth
    }

    /// What the message suggests.
    public enum Hint: Sendable {
        /// The closest key that occurs, if one is close.
        case closestKey
        /// The string literal, when no key is close: a bare word compared
        /// in `-x` (`type = routeros`) is a path, where text was meant.
        case textLiteral
    }

    private struct Named {
        let name: String
        let flag: String
        let severity: Severity
        let hint: Hint
        var seen = false
    }

    /// How many distinct key spellings are kept for suggestions.
    public static let keptSpellings = 4096

    private let depth: Depth
    private var named: [Named] = []
    private var unseen = 0
    private let spellings = KeySpellings(limit: NamedKeys.keptSpellings)
    /// The decoded name of each kept spelling, in order of first sight.
    private var keys: [String] = []
    private var sawRecord = false

    /// Whether some name has not been seen yet: only then do records need
    /// to be shown to `observe`.
    public private(set) var isWatching = false

    public init(depth: Depth = .topLevel) {
        self.depth = depth
    }

    /// Watches for `name`, given with `flag`. A name already watched for
    /// is said once, under the flag it came with first.
    public func add(_ name: String, flag: String, severity: Severity = .error, hint: Hint = .closestKey) {
        guard !named.contains(where: { $0.name == name }) else { return }
        named.append(Named(name: name, flag: flag, severity: severity, hint: hint))
        unseen += 1
        isWatching = true
    }

    /// Watches for each of `names`.
    public func add(_ names: [String], flag: String, severity: Severity = .error) {
        for name in names { add(name, flag: flag, severity: severity) }
    }

    /// The same names, none seen yet, for one chunk of a parallel run
    /// (`-j`), merged back with `merge`.
    public func watchingAgain() -> NamedKeys {
        let copy = NamedKeys(depth: depth)
        for entry in named { copy.add(entry.name, flag: entry.flag, severity: entry.severity, hint: entry.hint) }
        return copy
    }

    /// Takes in what a chunk's copy saw, after the chunks before it: the
    /// names it saw, and its keys after those already known, so that the
    /// suggestions are the ones a serial run makes.
    public func merge(_ chunk: NamedKeys) {
        guard chunk.sawRecord else { return }
        sawRecord = true
        for entry in chunk.named where entry.seen { mark(entry.name) }
        guard isWatching else { return }
        var known = Set(keys)
        for key in chunk.keys where keys.count < Self.keptSpellings && known.insert(key).inserted { keys.append(key) }
    }

    /// Notes the keys of the record in `tape`.
    public func observe(_ tape: JSONTape) {
        sawRecord = true
        // The spelling of the key before, for KeySpellings' guess.
        var previous = -1
        switch depth {
        case .topLevel:
            let end = tape.end(JSONTape.root)
            var node = JSONTape.root + 1
            while node < end && isWatching {
                previous = see(tape.keyBytes(node)!, after: previous, node: node, in: tape)
                node = tape.end(node)
            }
        case .anyDepth:
            var node = JSONTape.root + 1
            while node < tape.count && isWatching {
                // Array elements have no key; their objects' members do.
                if let key = tape.keyBytes(node) { previous = see(key, after: previous, node: node, in: tape) }
                node += 1
            }
        }
    }

    /// Notes one key; returns its spelling's index, or -1 when not kept.
    @inline(__always)
    private func see(_ key: UnsafeRawBufferPointer, after previous: Int, node: Int, in tape: JSONTape) -> Int {
        guard let found = spellings.index(of: key, after: previous) else {
            // Past the spellings kept: compared, not kept (and decoded
            // only when it has escapes).
            if key.contains(UInt8(ascii: "\\")) {
                mark(tape.key(node)!)
            } else if let i = named.firstIndex(where: { !$0.seen && $0.name.utf8.elementsEqual(key) }) {
                mark(named[i].name)
            }
            return -1
        }
        if found.isNew {
            let name = Self.decoded(key, node, tape)
            keys.append(name)
            mark(name)
        }
        return found.index
    }

    private static func decoded(_ key: UnsafeRawBufferPointer, _ node: Int, _ tape: JSONTape) -> String {
        key.contains(UInt8(ascii: "\\")) ? tape.key(node)! : String(decoding: key, as: UTF8.self)
    }

    private func mark(_ key: String) {
        for i in named.indices where !named[i].seen && named[i].name == key {
            named[i].seen = true
            unseen -= 1
        }
        isWatching = unseen > 0
    }

    /// Says each name that no record had, once, in the order given: an
    /// error (exit 1) or a note by its severity. Says nothing when no
    /// record was read: there is no key to compare with.
    public func report(to diagnostics: Diagnostics) {
        guard sawRecord else { return }
        for entry in named where !entry.seen {
            var message = "\(entry.flag): '\(entry.name)' names no key in the input"
            // A close key is the likelier slip, even for a bare word.
            if let close = ClosestName.closest(to: entry.name, among: keys.filter(Self.isPrintable)) {
                message += "; did you mean '\(close)'?"
            } else if entry.hint == .textLiteral {
                message += "; to compare with the text, write \"\(entry.name)\""
            }
            switch entry.severity {
            case .error: _ = diagnostics.problem(message)
            case .warning: diagnostics.note(message)
            }
        }
    }

    /// A key with a control character would break the message's line.
    private static func isPrintable(_ key: String) -> Bool {
        !key.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    }
}
