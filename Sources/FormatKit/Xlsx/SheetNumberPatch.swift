import Glibc

/// Puts the listed number cells of one worksheet's XML right, as the XML
/// streams through: the text between `<v>` and `</v>` of each listed cell
/// becomes the shortest text that reads back as its double.
///
/// libxlsxwriter writes a number cell as `<c r="B7"><v>TEXT</v></c>`, or
/// with ` s="N"` after the reference, cells in row then column order, the
/// order they are listed in; a listed cell that is not found there, or not
/// in that form, is an error, never a cell left wrong.
final class SheetNumberPatch: ZipEntryEditor {
    struct Mismatch: Error, CustomStringConvertible {
        let description: String
    }

    private let fixes: [NumberCellFix]
    private var next = 0
    /// Bytes not passed on yet: a cell that may continue in the next chunk.
    private var pending: [UInt8] = []

    init(fixes: [NumberCellFix]) {
        self.fixes = fixes
    }

    private static let cellOpen = Array(#"<c r=""#.utf8)

    func edit(_ chunk: UnsafeRawBufferPointer, final: Bool, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        pending.append(contentsOf: chunk)
        var kept = 0
        try pending.withUnsafeBytes { bytes in
            var emitted = 0
            var i = 0
            // Where an unfinished cell starts, kept for the next chunk.
            var holdFrom: Int?
            scan: while next < fixes.count, let open = Self.find(Self.cellOpen, in: bytes, from: i) {
                let fix = fixes[next]
                switch Self.reference(in: bytes, at: open + Self.cellOpen.count) {
                case .incomplete:
                    holdFrom = open
                    break scan
                case .invalid:
                    i = open + 1
                case let .cell(row, column, after):
                    if (row, column) < (fix.row, fix.column) {
                        i = after
                        continue scan
                    }
                    guard (row, column) == (fix.row, fix.column) else { throw missing(fix) }
                    // `>` ends the start tag; the value follows at once.
                    guard let close = bytes[after...].firstIndex(of: UInt8(ascii: ">")),
                          let valueEnd = Self.find(Array("</v>".utf8), in: bytes, from: close + 1)
                    else {
                        if final { throw missing(fix) }
                        holdFrom = open
                        break scan
                    }
                    // A number cell: no type attribute (`t="s"` is a
                    // string's index), not empty, its value right inside.
                    guard Self.find(Array("t=".utf8), in: UnsafeRawBufferPointer(rebasing: bytes[after..<close]), from: 0) == nil,
                          bytes[close - 1] != UInt8(ascii: "/"), close + 4 <= valueEnd,
                          bytes[(close + 1)..<(close + 4)].elementsEqual("<v>".utf8)
                    else { throw missing(fix) }
                    try emit(UnsafeRawBufferPointer(rebasing: bytes[emitted..<(close + 4)]))
                    try NumberCellText.exact(fix.value).withUnsafeBytes { try emit($0) }
                    emitted = valueEnd
                    i = valueEnd
                    next += 1
                }
            }
            // With no cell open, all but a tail that could start one goes on.
            let end = final ? bytes.count : (holdFrom ?? max(emitted, bytes.count - (Self.cellOpen.count - 1)))
            if end > emitted { try emit(UnsafeRawBufferPointer(rebasing: bytes[emitted..<end])) }
            kept = max(end, emitted)
        }
        pending.removeFirst(kept)
        if final && next < fixes.count { throw missing(fixes[next]) }
    }

    private func missing(_ fix: NumberCellFix) -> Mismatch {
        Mismatch(description: "number cell \(Self.name(row: fix.row, column: fix.column)) not found where it was written")
    }

    private enum Reference {
        case cell(row: UInt32, column: UInt16, after: Int)
        case incomplete
        case invalid
    }

    /// The 0-based row and column of an `A1` reference ending in `"`.
    private static func reference(in bytes: UnsafeRawBufferPointer, at start: Int) -> Reference {
        var i = start
        var column = 0
        while i < bytes.count, bytes[i] >= UInt8(ascii: "A"), bytes[i] <= UInt8(ascii: "Z"), column < 1 << 20 {
            column = column * 26 + Int(bytes[i] - UInt8(ascii: "A")) + 1
            i += 1
        }
        var row = 0
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9"), row < 1 << 30 {
            row = row * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            i += 1
        }
        guard i < bytes.count else { return .incomplete }
        guard bytes[i] == UInt8(ascii: "\""), column > 0, column <= Int(UInt16.max), row > 0 else { return .invalid }
        return .cell(row: UInt32(row - 1), column: UInt16(column - 1), after: i + 1)
    }

    /// The first place of `needle` at or after `start`: memchr finds each
    /// candidate first byte, memcmp checks the rest.
    private static func find(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, let first = needle.first else { return nil }
        var i = start
        while bytes.count - i >= needle.count {
            guard let hit = memchr(base + i, Int32(first), bytes.count - i - needle.count + 1) else { return nil }
            let at = UnsafeRawPointer(hit) - base
            if needle.withUnsafeBytes({ memcmp(base + at, $0.baseAddress!, needle.count) }) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// `B7` for row 6, column 1.
    static func name(row: UInt32, column: UInt16) -> String {
        var letters: [Character] = []
        var n = Int(column) + 1
        while n > 0 {
            let digit = (n - 1) % 26
            letters.insert(Character(UnicodeScalar(UInt8(ascii: "A") + UInt8(digit))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters) + String(row + 1)
    }
}
