import AcctCore
import Glibc

/// The text of a number cell in the sheet XML. libxlsxwriter 1.1.4, as
/// Debian builds it (without its dtoa option), writes a number with
/// `fprintf("%.16G")`: 16 significant digits, one short of what some
/// doubles need, so 239.48097110000003 would read back as 239.4809711 and
/// 1.7976931348623157e308 as 1.797693134862316E+308, beyond the largest
/// double. Such cells are listed and their text put right afterwards
/// (`SheetNumberPatch`).
enum NumberCellText {
    /// Whether the library's text for `value` reads back as `value`.
    static func libraryTextRoundTrips(_ value: Double) -> Bool {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            let base = buffer.baseAddress!
            _ = withVaList([value]) { vsnprintf(base, 32, "%.16G", $0) }
            return strtod(base, nil) == value
        }
    }

    /// The shortest text that reads back as `value` (finite).
    static func exact(_ value: Double) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            count = NumberText.shortest(value, into: buffer.baseAddress!)
        }
    }
}

/// A number cell whose text needs putting right: 0-based row and column,
/// as the cell was written.
struct NumberCellFix {
    var row: UInt32
    var column: UInt16
    var value: Double
}
