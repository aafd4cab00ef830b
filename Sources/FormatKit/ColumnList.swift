import AcctCore
import ExprKit

/// The entries of `-o` as given: a comma list of record keys and computed
/// columns, `NAME=EXPR`, where EXPR is an expression of acct-filter(1)'s
/// language; `@FILE` reads more entries from a file (a rate card), one or
/// more a line, `#` starting a comment.
///
/// A comma inside an expression's parentheses, brackets or quotes belongs
/// to it (`x=contains(image, "win")`); so does a `#` in its quotes.
struct ColumnList {
    /// A column: a key of the records, or a name and the expression that
    /// computes it.
    struct Entry {
        let name: String
        let expression: Expression?
    }

    private(set) var entries: [Entry] = []
    private let zone: Zone
    private let now: Int64

    /// Reads `list` (without its leading `+`); times in expressions are
    /// read in `zone`, relative ones against `now`.
    init(_ list: Substring, zone: Zone, now: Int64) throws(UsageError) {
        self.zone = zone
        self.now = now
        for item in Self.items(list) {
            if item.hasPrefix("@") {
                try read(String(item.dropFirst()))
            } else {
                try add(item, place: "-o")
            }
        }
        // A computed column's name stands for one column only.
        let computed = Set(entries.filter { $0.expression != nil }.map(\.name))
        var names: Set<String> = []
        for entry in entries {
            if !names.insert(entry.name).inserted && computed.contains(entry.name) {
                throw UsageError("-o: '\(entry.name)' names two columns")
            }
        }
    }

    /// One entry, `KEY` or `NAME=EXPR`; `place` says where it was given,
    /// `-o` or `FILE:LINE`, for messages.
    private mutating func add(_ item: Substring, place: String) throws(UsageError) {
        guard let equals = item.firstIndex(of: "=") else {
            entries.append(Entry(name: String(item), expression: nil))
            return
        }
        let name = KeyList.name(item[..<equals])
        let text = String(item[item.index(after: equals)...])
        guard !name.isEmpty else { throw UsageError("\(place): '\(item)': a computed column needs a name (NAME=EXPR)") }
        do {
            entries.append(Entry(name: name, expression: try Expression(text, zone: zone, now: now)))
        } catch {
            throw UsageError("\(place): \(name): \(error)")
        }
    }

    /// `@FILE`: each line's entries, as on the command line.
    private mutating func read(_ path: String) throws(UsageError) {
        guard !path.isEmpty, path != "-" else {
            throw UsageError("-o: '@\(path)' names no file (standard input holds the records)")
        }
        let lines: [(Int, String)]
        do throws(InputError) {
            let source = try ByteSource(path: path)
            defer { source.close() }
            let reader = LineReader(source: source)
            var read: [(Int, String)] = []
            while let line = try reader.next() {
                read.append((line.number, String(decoding: line.bytes, as: UTF8.self)))
            }
            lines = read
        } catch {
            throw UsageError("-o: \(error)")
        }
        for (number, line) in lines {
            for item in Self.items(Self.uncommented(Substring(line))) {
                guard !item.hasPrefix("@") else {
                    throw UsageError("\(path):\(number): '\(item)': a column file cannot name another")
                }
                try add(item, place: "\(path):\(number)")
            }
        }
    }

    /// The items of a comma list, blanks and line ends around each
    /// dropped, empty ones left out. After an item's `=`, commas in parentheses, brackets or
    /// quotes do not split.
    static func items(_ list: Substring) -> [Substring] {
        var items: [Substring] = []
        var start = list.startIndex
        var inExpression = false
        var depth = 0
        var quote: Character?
        var i = list.startIndex
        func finish(at end: Substring.Index) {
            // A list quoted over several lines of a shell has newlines
            // between its items too.
            let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            let item = list[start..<end].drop(while: blank)
            if let last = item.lastIndex(where: { !blank($0) }) { items.append(item[...last]) }
        }
        while i < list.endIndex {
            let c = list[i]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "," && depth == 0 {
                finish(at: i)
                start = list.index(after: i)
                inExpression = false
            } else if c == "=" {
                inExpression = true
            } else if inExpression {
                switch c {
                case "\"", "'": quote = c
                case "(", "[": depth += 1
                case ")", "]": depth = max(0, depth - 1)
                default: break
                }
            }
            i = list.index(after: i)
        }
        finish(at: list.endIndex)
        return items
    }

    /// A line of a column file without its comment: from a `#` at the
    /// start or after a blank, outside quotes.
    static func uncommented(_ line: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        for i in line.indices {
            let c = line[i]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" && (previous == " " || previous == "\t") {
                return line[..<i]
            }
            previous = c
        }
        return line
    }
}
