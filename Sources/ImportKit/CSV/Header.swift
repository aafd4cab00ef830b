import AcctCore

/// A header row's column names, looked up case-insensitively (MySQL column
/// names are, and exports differ: `start_date`, `START_DATE`).
struct Header {
    let names: [String]
    private let index: [String: Int]

    /// The header row the reader is on.
    init(_ reader: CSVReader) {
        self.init(names: (0..<reader.count).map { reader.string($0) })
    }

    /// Names given instead of a header row (an export without one).
    init(names given: [String]) {
        var names: [String] = []
        var index: [String: Int] = [:]
        for (i, given) in given.enumerated() {
            let name = given.trimmingSpaces()
            names.append(name)
            if index[name.lowercased()] == nil { index[name.lowercased()] = i }
        }
        self.names = names
        self.index = index
    }

    var count: Int { names.count }

    /// The column called `name`, or -1.
    func column(_ name: String) -> Int {
        index[name.lowercased()] ?? -1
    }

    /// What is wrong with the reader's current row as a row of this
    /// header's table: its syntax, or its number of fields.
    func check(_ reader: CSVReader) -> String? {
        if let problem = reader.problem { return problem }
        if reader.count != count { return "expected \(count) fields, found \(reader.count)" }
        return nil
    }

    /// The first of `names` that is missing, if any.
    func missing(_ required: [String]) -> String? {
        required.first { column($0) < 0 }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "`" || c == "\"" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "`" || c == "\"" { s = s.dropLast() }
        return String(s)
    }
}
