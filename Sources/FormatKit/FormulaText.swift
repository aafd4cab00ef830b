/// Text that a spreadsheet opening a CSV or TSV file would run as a formula
/// (CSV injection, OWASP's list): a cell beginning with `=`, `+`, `-` or
/// `@`, or with a TAB or carriage return, which a spreadsheet may skip to
/// run what follows. Such text is neutralised the usual way, with a
/// leading apostrophe, which makes the cell plain text. Only text is
/// looked at; numbers are never touched, so a figure keeps its value.
enum FormulaText {
    static let apostrophe = UInt8(ascii: "'")

    /// Whether text beginning with `first` is run as a formula.
    @inline(__always)
    static func isFormula(first: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13: return true
        default: return false
        }
    }

    /// Whether `bytes` (the value, before any quoting) need the apostrophe.
    @inline(__always)
    static func isFormula(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first else { return false }
        return isFormula(first: first)
    }

    /// `text`, with an apostrophe first when a spreadsheet would run it.
    static func neutralized(_ text: String) -> String {
        guard let first = text.utf8.first, isFormula(first: first) else { return text }
        return "'" + text
    }
}
