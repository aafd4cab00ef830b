import AcctCore

import Glibc

/// The two ways the exports write rows.
enum CSVDialect: Equatable {
    /// RFC 4180: commas, fields in double quotes may hold commas, quotes
    /// (doubled) and line ends. What spreadsheet tools, Python's csv module
    /// (the SlapOS dumps) and most exporters write.
    case csv
    /// `mysql -B` and `SELECT ... INTO OUTFILE` with its defaults: tabs, and
    /// backslash escapes (`\t`, `\n`, `\\`, `\0`; `\N` for NULL). mysql -B
    /// writes a tab or line end in a field as `\t` or `\n`; INTO OUTFILE
    /// writes a backslash before the real character, which stays in the
    /// field.
    case tsv
}

/// Reads delimited rows one at a time from a stream, for every importer.
///
/// A row's fields are handed out as pointers into the read buffer, unquoted
/// and unescaped in place, so a row costs no allocation; they stay valid
/// until the next call to `next()`. Line ends may be LF or CRLF, a UTF-8
/// byte order mark before the first row is skipped, and blank lines are
/// skipped. Memory is one buffer, grown only for a row longer than it.
final class CSVReader {
    private struct Field {
        var offset: Int
        var count: Int
        /// Written in quotes: never NULL, even when empty.
        var quoted: Bool
        /// `\N` or `NULL` as the whole unquoted field.
        var null: NullText
    }

    private enum NullText {
        case none
        /// `\N`: NULL in every MySQL export.
        case escaped
        /// `NULL`: how mysql -B prints NULL (and a string 'NULL').
        case word
    }

    let input: ByteInput
    /// nil until the first line decides: a tab in it means TSV.
    private(set) var dialect: CSVDialect?
    /// Whether a field that is the word `NULL` is the string 'NULL': mysql
    /// -B prints NULL as `NULL`, INTO OUTFILE as `\N` (and 'NULL' as it
    /// stands). The first TSV row holding either decides, for the file:
    /// a `\N` anywhere in it makes `NULL` a string.
    private var nullWordIsString = false
    private var nullsDecided = false

    @exclusivity(unchecked) private var storage: GrowableStorage<UInt8>
    private var buffer: UnsafeMutablePointer<UInt8> { storage.base }
    private var capacity: Int { storage.capacity }
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var atEnd = false
    @exclusivity(unchecked) private var nextLine = 1
    @exclusivity(unchecked) private var fields: [Field] = []

    /// The line the current row starts on (1-based).
    private(set) var lineNumber = 0
    /// What is wrong with the current row's syntax, if anything (the
    /// fields are still what could be read).
    private(set) var problem: String?

    init(input: ByteInput, dialect: CSVDialect? = nil, bufferSize: Int = 1 << 18) {
        self.input = input
        self.dialect = dialect
        storage = GrowableStorage(capacity: max(bufferSize, 64))
        fields.reserveCapacity(32)
    }

    deinit {
        storage.free()
    }

    /// The number of fields in the current row.
    var count: Int { fields.count }

    /// The bytes of field `i` (quotes and escapes removed).
    @inline(__always)
    func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        let field = fields[i]
        return UnsafeRawBufferPointer(start: buffer + field.offset, count: field.count)
    }

    /// Whether field `i` holds no value: NULL (`\N`, `NULL`) or empty and
    /// unquoted. Importers leave such keys out of the record.
    @inline(__always)
    func isAbsent(_ i: Int) -> Bool {
        let field = fields[i]
        switch field.null {
        case .none: return field.count == 0 && !field.quoted
        case .escaped: return true
        case .word: return !nullWordIsString
        }
    }

    /// Field `i` as a String (headers and messages only: not per row).
    func string(_ i: Int) -> String {
        String(decoding: bytes(i), as: UTF8.self)
    }

    /// Moves to the next row; false at the end of the input.
    func next() throws(ReadFailure) -> Bool {
        while true {
            if dialect == nil { try decideDialect() }
            var rowEnd = -1
            var unterminated = false
            while true {
                let found = findRowEnd()
                if found.end >= 0 {
                    rowEnd = found.end
                    break
                }
                if atEnd {
                    if start == end { return false }
                    rowEnd = end
                    unterminated = found.open
                    break
                }
                try fill()
            }
            let rowStart = start
            start = rowEnd < end ? rowEnd + 1 : end
            lineNumber = nextLine
            nextLine += 1 + newlines(rowStart, rowEnd)
            var last = rowEnd
            if last > rowStart && buffer[last - 1] == 0x0D { last -= 1 }
            var first = rowStart
            if lineNumber == 1 && last - first >= 3 && buffer[first] == 0xEF && buffer[first + 1] == 0xBB
                && buffer[first + 2] == 0xBF {
                first += 3
            }
            if first == last { continue }
            problem = unterminated ? "unterminated quoted field" : nil
            if dialect == .tsv {
                splitTSV(first, last)
                if !nullsDecided { decideNulls() }
            } else {
                splitCSV(first, last)
            }
            return true
        }
    }

    // MARK: finding rows

    /// Where the row starting at `start` ends (its `\n`), or -1 when the
    /// buffer holds only part of it; `open` tells whether a quote was left
    /// open there.
    private func findRowEnd() -> (end: Int, open: Bool) {
        var i = start
        var inQuotes = false
        while i < end {
            guard let hit = memchr(buffer + i, 0x0A, end - i) else {
                if dialect == .csv { inQuotes = inQuotes != (quotes(i, end) % 2 == 1) }
                return (-1, inQuotes)
            }
            let newline = UnsafeMutablePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - buffer
            if dialect == .tsv {
                // An odd run of backslashes before the line end escapes it.
                var j = newline - 1
                var run = 0
                while j >= start && buffer[j] == UInt8(ascii: "\\") {
                    run += 1
                    j -= 1
                }
                if run % 2 == 0 { return (newline, false) }
            } else {
                if quotes(i, newline) % 2 == 1 { inQuotes.toggle() }
                if !inQuotes { return (newline, false) }
            }
            i = newline + 1
        }
        return (-1, inQuotes)
    }

    /// The number of `"` in buffer[from..<to].
    private func quotes(_ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to, let hit = memchr(buffer + i, Int32(UInt8(ascii: "\"")), to - i) {
            n += 1
            i = UnsafeMutablePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - buffer + 1
        }
        return n
    }

    private func newlines(_ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to, let hit = memchr(buffer + i, 0x0A, to - i) {
            n += 1
            i = UnsafeMutablePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - buffer + 1
        }
        return n
    }

    /// Reads until the first line is in the buffer, then picks the dialect.
    private func decideDialect() throws(ReadFailure) {
        while memchr(buffer + start, 0x0A, end - start) == nil && !atEnd { try fill() }
        let lineEnd = memchr(buffer + start, 0x0A, end - start).map {
            UnsafeMutablePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - buffer
        } ?? end
        dialect = memchr(buffer + start, 0x09, lineEnd - start) == nil ? .csv : .tsv
    }

    /// Keeps the unread bytes, moved to the front, and reads more after
    /// them (growing the buffer when one row fills it).
    private func fill() throws(ReadFailure) {
        if start > 0 {
            memmove(buffer, buffer + start, end - start)
            end -= start
            start = 0
        }
        if end == capacity { storage.reserve(capacity + 1, keeping: end) }
        let n = try input.readBytes(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if n == 0 {
            atEnd = true
        } else {
            end += n
        }
    }

    // MARK: splitting rows into fields

    private func splitCSV(_ first: Int, _ last: Int) {
        fields.removeAll(keepingCapacity: true)
        var r = first
        while true {
            let fieldStart = r
            if r < last && buffer[r] == UInt8(ascii: "\"") {
                // Unquote in place: the text moves left over its quotes.
                var w = fieldStart
                r += 1
                var closed = false
                while r < last {
                    let b = buffer[r]
                    if b == UInt8(ascii: "\"") {
                        if r + 1 < last && buffer[r + 1] == UInt8(ascii: "\"") {
                            buffer[w] = b
                            w += 1
                            r += 2
                            continue
                        }
                        r += 1
                        closed = true
                        break
                    }
                    buffer[w] = b
                    w += 1
                    r += 1
                }
                if closed && r < last && buffer[r] != UInt8(ascii: ",") {
                    if problem == nil { problem = "text after a closing quote" }
                    while r < last && buffer[r] != UInt8(ascii: ",") {
                        buffer[w] = buffer[r]
                        w += 1
                        r += 1
                    }
                }
                fields.append(Field(offset: fieldStart, count: w - fieldStart, quoted: true, null: .none))
            } else {
                let stop = memchr(buffer + r, Int32(UInt8(ascii: ",")), last - r).map {
                    UnsafeMutablePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - buffer
                } ?? last
                r = stop
                fields.append(Field(offset: fieldStart, count: stop - fieldStart, quoted: false,
                                    null: isNullText(fieldStart, stop - fieldStart)))
            }
            if r >= last { break }
            r += 1  // the comma
            if r == last {
                fields.append(Field(offset: r, count: 0, quoted: false, null: .none))
                break
            }
        }
    }

    private func splitTSV(_ first: Int, _ last: Int) {
        fields.removeAll(keepingCapacity: true)
        var r = first
        while true {
            let fieldStart = r
            var stop = tab(from: r, to: last)
            // INTO OUTFILE's tab inside a field: an odd run of backslashes
            // before it escapes it.
            if stop < last && stop > fieldStart && buffer[stop - 1] == UInt8(ascii: "\\") {
                while stop < last && escaped(stop, after: fieldStart) { stop = tab(from: stop + 1, to: last) }
            }
            let null = isNullText(fieldStart, stop - fieldStart)
            var count = stop - fieldStart
            if null == .none && memchr(buffer + fieldStart, Int32(UInt8(ascii: "\\")), count) != nil {
                count = unescape(fieldStart, stop)
            }
            fields.append(Field(offset: fieldStart, count: count, quoted: false, null: null))
            if stop >= last { break }
            r = stop + 1
            if r == last {
                fields.append(Field(offset: r, count: 0, quoted: false, null: .none))
                break
            }
        }
    }

    /// Called after each TSV row until one holds a NULL.
    private func decideNulls() {
        for field in fields where field.null != .none {
            nullsDecided = true
            if field.null == .escaped { nullWordIsString = true }
        }
    }

    /// The first tab in buffer[from..<to], or `to`.
    @inline(__always)
    private func tab(from: Int, to: Int) -> Int {
        memchr(buffer + from, 0x09, to - from).map {
            UnsafeMutablePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - buffer
        } ?? to
    }

    /// Whether an odd run of backslashes, after `start`, ends just before `at`.
    @inline(__always)
    private func escaped(_ at: Int, after start: Int) -> Bool {
        var j = at - 1
        var run = 0
        while j >= start && buffer[j] == UInt8(ascii: "\\") {
            run += 1
            j -= 1
        }
        return run % 2 == 1
    }

    /// MySQL's escapes, undone in place; returns the new length.
    private func unescape(_ from: Int, _ to: Int) -> Int {
        var w = from
        var r = from
        while r < to {
            var b = buffer[r]
            if b == UInt8(ascii: "\\") && r + 1 < to {
                r += 1
                switch buffer[r] {
                case UInt8(ascii: "0"): b = 0
                case UInt8(ascii: "b"): b = 0x08
                case UInt8(ascii: "n"): b = 0x0A
                case UInt8(ascii: "r"): b = 0x0D
                case UInt8(ascii: "t"): b = 0x09
                case UInt8(ascii: "Z"): b = 0x1A
                default: b = buffer[r]  // `\\`, `\,`, a backslash before a real tab or line end, ...
                }
            }
            buffer[w] = b
            w += 1
            r += 1
        }
        return w - from
    }

    /// `\N` (every MySQL export) or `NULL` (mysql -B).
    private func isNullText(_ at: Int, _ count: Int) -> NullText {
        if count == 2 && buffer[at] == UInt8(ascii: "\\") && buffer[at + 1] == UInt8(ascii: "N") { return .escaped }
        if count == 4 && buffer[at] == UInt8(ascii: "N") && buffer[at + 1] == UInt8(ascii: "U")
            && buffer[at + 2] == UInt8(ascii: "L") && buffer[at + 3] == UInt8(ascii: "L") {
            return .word
        }
        return .none
    }
}
