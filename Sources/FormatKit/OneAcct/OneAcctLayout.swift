import AcctCore

/// How oneacct lays cells out: each one through Ruby's `%-W.Ws` or
/// `%W.Ws` (cut to W characters, then padded to W), joined by one space;
/// data rows lose their trailing blanks, the header line does not. Ruby
/// counts characters (code points), not terminal columns, so this does too.
enum OneAcctLayout {
    /// One cell: cut to the column's width, padded on the side away from
    /// its alignment.
    static func cell(_ text: String, _ column: OneAcctColumn, into line: inout String) {
        let width = column.width
        var count = 0
        var cut = text.unicodeScalars.endIndex
        for index in text.unicodeScalars.indices {
            if count == width {
                cut = index
                break
            }
            count += 1
        }
        let pad = String(repeating: " ", count: width - count)
        if !column.leftAligned { line += pad }
        line.unicodeScalars.append(contentsOf: text.unicodeScalars[..<cut])
        if column.leftAligned { line += pad }
    }

    /// A data row, right-stripped as Ruby's `rstrip` (blanks and NUL).
    static func row(_ cells: [String], _ columns: [OneAcctColumn]) -> String {
        var line = join(cells, columns)
        while let last = line.unicodeScalars.last, last == " " || last == "\0" || ("\t"..."\r").contains(last) {
            line.unicodeScalars.removeLast()
        }
        return line
    }

    /// The header line: the column names laid out as cells, not stripped.
    static func header(_ columns: [OneAcctColumn]) -> String {
        join(columns.map(\.rawValue), columns)
    }

    private static func join(_ cells: [String], _ columns: [OneAcctColumn]) -> String {
        var line = ""
        for (i, column) in columns.enumerated() {
            if i > 0 { line += " " }
            cell(cells[i], column, into: &line)
        }
        return line
    }

    /// A field of oneacct's CSV (Ruby's `CSV.generate_line`): quoted only
    /// when it holds a comma, a quote, CR or LF, quotes doubled; an empty
    /// value is `""`.
    static func csvField(_ text: String, into line: inout String) {
        let needsQuotes = text.isEmpty || text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == 34 || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            line += text
            return
        }
        line += "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { line += "\"" }
            line.unicodeScalars.append(scalar)
        }
        line += "\""
    }

    /// A CSV line of `fields`, without its newline.
    static func csvLine(_ fields: [String]) -> String {
        var line = ""
        for (i, field) in fields.enumerated() {
            if i > 0 { line += "," }
            csvField(field, into: &line)
        }
        return line
    }
}
