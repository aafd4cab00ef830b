import AcctCore

/// Column widths from the text a column shows, in Excel's width unit (about
/// one digit of the default font).
enum ColumnWidth {
    /// The narrowest and widest column set.
    static let minimum = 8
    static let maximum = 60
    /// Room the header's autofilter button takes.
    static let filterButton = 2

    /// The width for a column whose longest text is `length` characters:
    /// one character of margin, clamped to 8...60.
    static func width(forLongest length: Int) -> Double {
        Double(min(max(length + 1, minimum), maximum))
    }

    /// How many characters `text` shows: its longest line, in characters
    /// (grapheme clusters). Stops counting past the widest width.
    static func length(of text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            if character.isNewline {
                current = 0
            } else {
                current += 1
                if current > longest {
                    longest = current
                    if longest > maximum { return longest }
                }
            }
        }
        return longest
    }
}
