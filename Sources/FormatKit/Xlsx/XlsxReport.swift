import AcctCore
import CXlsxWriter
import Glibc

/// The spreadsheet of acct-fmt `--xlsx`: one worksheet per sheet value (the
/// record's `account`), in the order their rows come, each headed by the
/// column names in bold; the records that lack the key have a sheet named
/// after it. A total row (`--total`) is bold.
///
/// Integers and floats become number cells, times (`Cell.time`, the display
/// zone's wall clock) date cells shown as `yyyy-mm-dd hh:mm:ss`, or as
/// `yyyy-mm-dd` in a column whose times on that sheet are all midnights
/// (daily and monthly roll-ups), strings and JSON text cells, bools
/// boolean cells; `.empty` leaves the cell blank. With `decimals`
/// (`--precision`), float cells show that many decimals and keep their
/// exact value. Every number cell reads
/// back as the very double written (see `NumberCellText`); an integer
/// beyond 2^53, which no double holds, is the nearest double with a note
/// (a cell comment) that gives all its digits. Each sheet gets its header
/// row frozen, an autofilter over the header and every row, and columns as
/// wide as their longest text (header included), 8 to 60 characters.
///
/// libxlsxwriter keeps the workbook in memory until `finish()`, which writes
/// it to a temporary file beside `path` and renames that over `path`, so a
/// failed or interrupted run never leaves half a workbook there; for
/// standard output the temporary file is in `$TMPDIR` and is sent whole,
/// then removed, so the reader gets nothing from a failed run. Call
/// `abandon()` on any error to remove the temporary file; SIGINT, SIGTERM
/// and SIGHUP remove it too while the report is open.
public final class XlsxReport: TableSink {
    /// The workbook's path, as given, or `<stdout>`.
    public let path: String

    /// Excel's limits: rows and columns per sheet, characters per cell.
    public static let maximumRows = Int(LXW_ROW_MAX)
    public static let maximumColumns = Int(LXW_COL_MAX)
    public static let maximumCellLength = 32_767

    private let file: PendingFile
    /// Standard output, when the workbook goes there instead of a file.
    private let output: ByteSink?
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    /// libxlsxwriter's folder for its own temporary files ($TMPDIR), kept
    /// until the workbook is closed.
    private var libraryTemporaryFolder: UnsafeMutablePointer<CChar>?
    private let headerFormat: UnsafeMutablePointer<lxw_format>
    private let integerFormat: UnsafeMutablePointer<lxw_format>
    /// Floats: nil (Excel's General) unless a number of decimals is set.
    private let floatFormat: UnsafeMutablePointer<lxw_format>?
    private let boldIntegerFormat: UnsafeMutablePointer<lxw_format>
    private let boldFloatFormat: UnsafeMutablePointer<lxw_format>
    /// `--precision`: the decimals float cells show.
    private let decimals: Int?

    private var columns: [String]?
    /// `--chart METRIC`: a line chart of the metric over `start` on each
    /// sheet that has rows (SheetChart).
    public var chart: ChartOptions?
    private var names = SheetNames()
    private var sheetsByValue: [SheetValue: Sheet] = [:]
    private var sheets: [Sheet] = []
    private var state = State.open

    private enum State { case open, finished, abandoned }

    /// One worksheet: where its next row goes and its columns' longest text.
    private final class Sheet {
        let worksheet: UnsafeMutablePointer<lxw_worksheet>
        let name: String
        /// The last row written (0: the header).
        var lastRow = 0
        var longest: [Int]
        /// Number cells whose text libxlsxwriter rounds, in written order.
        var fixes: [NumberCellFix] = []
        /// Per column, the format of its time cells: date-only until a
        /// time of day other than midnight comes. libxlsxwriter reads a
        /// cell's format when it writes the file, so changing the one
        /// format changes every time cell of the column.
        var timeFormats: [UnsafeMutablePointer<lxw_format>?]
        var showsTimeOfDay: [Bool]

        init(worksheet: UnsafeMutablePointer<lxw_worksheet>, name: String, longest: [Int]) {
            self.worksheet = worksheet
            self.name = name
            self.longest = longest
            timeFormats = Array(repeating: nil, count: longest.count)
            showsTimeOfDay = Array(repeating: false, count: longest.count)
        }
    }

    /// Starts a workbook for `path`. Throws when the folder is missing or
    /// not writable ("out/r.xlsx: cannot create the workbook in the folder
    /// 'out': no such file or directory"), checked by creating the
    /// temporary file now.
    public convenience init(path: String, decimals: Int? = nil) throws {
        try self.init(file: PendingFile(target: path), output: nil, decimals: decimals)
    }

    /// Starts a workbook for `output` (standard output), built in a
    /// temporary file and sent whole by `finish()`. Throws when the
    /// temporary folder is not writable.
    public convenience init(output: ByteSink, decimals: Int? = nil) throws {
        try self.init(file: PendingFile(scratchFor: output.name, name: "acct-fmt.xlsx"), output: output, decimals: decimals)
    }

    private init(file: PendingFile, output: ByteSink?, decimals: Int?) throws {
        path = file.target
        self.file = file
        self.output = output
        var options = lxw_workbook_options()
        options.constant_memory = UInt8(LXW_FALSE.rawValue)
        options.use_zip64 = UInt8(LXW_TRUE.rawValue)
        if let folder = getenv("TMPDIR"), folder.pointee != 0 {
            libraryTemporaryFolder = strdup(folder)
            options.tmpdir = libraryTemporaryFolder
        }
        guard let workbook = workbook_new_opt(file.temporaryPath, &options),
              let header = workbook_add_format(workbook),
              let integer = workbook_add_format(workbook),
              let float = workbook_add_format(workbook),
              let boldInteger = workbook_add_format(workbook),
              let boldFloat = workbook_add_format(workbook)
        else {
            free(libraryTemporaryFolder)
            file.discard()
            throw XlsxError(path: path, reason: "cannot create the workbook: out of memory")
        }
        self.workbook = workbook
        format_set_bold(header)
        format_set_num_format(integer, "0")
        format_set_bold(boldInteger)
        format_set_num_format(boldInteger, "0")
        format_set_bold(boldFloat)
        if let decimals {
            let fixed = Self.numberFormat(decimals: decimals)
            format_set_num_format(float, fixed)
            format_set_num_format(boldFloat, fixed)
            floatFormat = float
        } else {
            floatFormat = nil
        }
        self.decimals = decimals
        headerFormat = header
        integerFormat = integer
        boldIntegerFormat = boldInteger
        boldFloatFormat = boldFloat
    }

    /// Excel's number format for `decimals` places: `0`, `0.00`.
    static func numberFormat(decimals: Int) -> String {
        decimals > 0 ? "0." + String(repeating: "0", count: decimals) : "0"
    }

    deinit {
        abandon()
    }

    /// The temporary file the workbook is written to until `finish()`.
    public var temporaryPath: String { file.temporaryPath }

    public func begin(columns: [String]) throws {
        try checkOpen()
        guard self.columns == nil else {
            throw XlsxError(path: path, reason: "the columns were already given")
        }
        guard columns.count <= Self.maximumColumns else {
            throw XlsxError(path: path, reason: "\(columns.count) columns, more than Excel's \(Self.maximumColumns)")
        }
        self.columns = columns
    }

    public func add(_ cells: [Cell], sheet value: SheetValue, total: Bool) throws {
        try checkOpen()
        guard let columns else {
            throw XlsxError(path: path, reason: "a row came before the columns")
        }
        guard cells.count <= columns.count else {
            throw XlsxError(path: path, reason: "a row has \(cells.count) cells for \(columns.count) columns")
        }
        let sheet = try sheetsByValue[value] ?? addSheet(for: value, columns: columns)
        guard sheet.lastRow + 1 < Self.maximumRows else {
            throw XlsxError(path: path, reason: "sheet \"\(sheet.name)\" has more rows than Excel's \(Self.maximumRows)")
        }
        sheet.lastRow += 1
        for (column, cell) in cells.enumerated() {
            let length = try write(cell, to: sheet, row: sheet.lastRow, column: column, bold: total)
            if length > sheet.longest[column] { sheet.longest[column] = length }
        }
    }

    /// Sets the widths and autofilters, writes the workbook and renames it
    /// over `path`. A workbook with no rows gets one sheet, `Sheet1`, with
    /// the header alone. On failure the temporary file is removed.
    public func finish() throws {
        switch state {
        case .finished: return
        case .abandoned: throw XlsxError(path: path, reason: "the workbook was abandoned")
        case .open: break
        }
        guard let workbook else { return }
        do {
            if sheets.isEmpty {
                _ = try addSheet(named: "Sheet1", columns: columns ?? [])
            }
            for sheet in sheets {
                try finishSheet(sheet)
            }
        } catch {
            abandon()
            throw error
        }
        errno = 0
        let result = workbook_close(workbook)
        let systemError = errno
        self.workbook = nil
        free(libraryTemporaryFolder)
        libraryTemporaryFolder = nil
        guard result == LXW_NO_ERROR else {
            abandon()
            throw XlsxError.library(path, "cannot write the workbook", result, errno: systemError)
        }
        do {
            try fixNumberText()
            if let output {
                try file.send(to: output)
            } else {
                try file.commit()
            }
        } catch {
            state = .abandoned
            throw error
        }
        state = .finished
    }

    /// Puts right, in the written file, the number cells whose text the
    /// library rounded.
    private func fixNumberText() throws {
        var editors: [String: ZipEntryEditor] = [:]
        for (index, sheet) in sheets.enumerated() where !sheet.fixes.isEmpty {
            // libxlsxwriter numbers worksheet files in the order they were added.
            editors["xl/worksheets/sheet\(index + 1).xml"] = SheetNumberPatch(fixes: sheet.fixes)
        }
        guard !editors.isEmpty else { return }
        do {
            try ZipRewriter.rewrite(path: file.temporaryPath, editors: editors)
        } catch {
            abandon()
            throw XlsxError(path: path, reason: "cannot write the exact numbers: \(error)")
        }
    }

    /// Drops the workbook and removes the temporary file; `path` is left as
    /// it was. Nothing happens once the report is finished.
    public func abandon() {
        if let workbook {
            lxw_workbook_free(workbook)
            self.workbook = nil
        }
        free(libraryTemporaryFolder)
        libraryTemporaryFolder = nil
        file.discard()
        if state == .open { state = .abandoned }
    }

    // MARK: - Sheets

    private func checkOpen() throws {
        switch state {
        case .open: return
        case .finished: throw XlsxError(path: path, reason: "the workbook is already finished")
        case .abandoned: throw XlsxError(path: path, reason: "the workbook was abandoned")
        }
    }

    private func addSheet(for value: SheetValue, columns: [String]) throws -> Sheet {
        let name: String
        switch value {
        case .value(let text): name = names.name(for: text)
        case .lacking(let key): name = names.name(lacking: key)
        }
        let sheet = try addSheet(named: name, columns: columns)
        sheetsByValue[value] = sheet
        return sheet
    }

    /// A new worksheet headed by `columns` in bold, the header row frozen.
    private func addSheet(named name: String, columns: [String]) throws -> Sheet {
        guard let workbook else { throw XlsxError(path: path, reason: "the workbook is closed") }
        let valid = workbook_validate_sheet_name(workbook, name)
        guard valid == LXW_NO_ERROR else {
            throw XlsxError.library(path, "cannot add sheet \"\(name)\"", valid)
        }
        guard let worksheet = workbook_add_worksheet(workbook, name) else {
            throw XlsxError(path: path, reason: "cannot add sheet \"\(name)\": out of memory")
        }
        let longest = columns.map { ColumnWidth.length(of: $0) + ColumnWidth.filterButton }
        let sheet = Sheet(worksheet: worksheet, name: name, longest: longest)
        for (column, title) in columns.enumerated() where !title.isEmpty {
            try check(worksheet_write_string(worksheet, 0, lxw_col_t(column), Self.cellText(title), headerFormat),
                      sheet, row: 0, column: column)
        }
        worksheet_freeze_panes(worksheet, 1, 0)
        sheets.append(sheet)
        return sheet
    }

    /// Column widths and the autofilter, which need the whole sheet.
    private func finishSheet(_ sheet: Sheet) throws {
        for (column, length) in sheet.longest.enumerated() {
            let result = worksheet_set_column(
                sheet.worksheet, lxw_col_t(column), lxw_col_t(column), ColumnWidth.width(forLongest: length), nil)
            guard result == LXW_NO_ERROR else {
                throw XlsxError.library(path, "cannot size sheet \"\(sheet.name)\" column \(column + 1)", result)
            }
        }
        guard !sheet.longest.isEmpty else { return }
        let result = worksheet_autofilter(
            sheet.worksheet, 0, 0, lxw_row_t(sheet.lastRow), lxw_col_t(sheet.longest.count - 1))
        guard result == LXW_NO_ERROR else {
            throw XlsxError.library(path, "cannot add the autofilter to sheet \"\(sheet.name)\"", result)
        }
        if let chart, let workbook, sheet.lastRow > 0,
           !SheetChart(options: chart).insert(into: sheet.worksheet, of: workbook, sheet: sheet.name, columns: columns ?? [], lastRow: sheet.lastRow) {
            throw XlsxError(path: path, reason: "cannot add the chart to sheet \"\(sheet.name)\"")
        }
    }

    // MARK: - Cells

    /// Writes `cell`, in bold for a total row; returns the length of the
    /// text it shows.
    private func write(_ cell: Cell, to sheet: Sheet, row: Int, column: Int, bold: Bool) throws -> Int {
        let worksheet = sheet.worksheet
        let r = lxw_row_t(row)
        let c = lxw_col_t(column)
        switch cell {
        case .empty:
            return 0
        case let .integer(value):
            try writeNumber(Double(value), bold ? boldIntegerFormat : integerFormat, to: sheet, row: row, column: column)
            if value.magnitude > 1 << 53 {
                // No double holds it: the cell sums like any number, and
                // its note keeps every digit.
                try check(worksheet_write_comment(worksheet, r, c, "exact value \(value)"), sheet, row: row, column: column)
            }
            return String(value).count
        case let .float(value):
            guard value.isFinite else {
                // Excel has no NaN or infinity; as numbers they would break the file.
                return try writeText(String(value), to: sheet, row: row, column: column, bold: bold)
            }
            try writeNumber(value, bold ? boldFloatFormat : floatFormat, to: sheet, row: row, column: column)
            // Excel's General format shows at most 11 characters; a fixed
            // format the digits before the point and the decimals.
            if let decimals {
                return NumberCellText.exact(value).withUnsafeBytes { DecimalPlaces.text($0, places: decimals).count }
            }
            return min(String(value).count, 11)
        case let .time(seconds):
            guard let serial = ExcelDate.serial(seconds) else {
                return try writeText(ExcelDate.text(seconds), to: sheet, row: row, column: column)
            }
            let format = try timeFormat(sheet, column: column, timeOfDay: seconds % 86_400 != 0)
            try writeNumber(serial, format, to: sheet, row: row, column: column)
            return sheet.showsTimeOfDay[column] ? ExcelDate.format.count : ExcelDate.dateFormat.count
        case let .bool(value):
            try check(worksheet_write_boolean(worksheet, r, c, value ? 1 : 0, nil), sheet, row: row, column: column)
            return value ? 4 : 5
        case let .string(text), let .json(text):
            return try writeText(text, to: sheet, row: row, column: column, bold: bold)
        }
    }

    /// The format of the column's time cells, turned to show the time of
    /// day once a cell has one.
    private func timeFormat(_ sheet: Sheet, column: Int, timeOfDay: Bool) throws -> UnsafeMutablePointer<lxw_format> {
        if let format = sheet.timeFormats[column] {
            if timeOfDay && !sheet.showsTimeOfDay[column] {
                format_set_num_format(format, ExcelDate.format)
                sheet.showsTimeOfDay[column] = true
            }
            return format
        }
        guard let workbook, let format = workbook_add_format(workbook) else {
            throw XlsxError(path: path, reason: "cannot write sheet \"\(sheet.name)\": out of memory")
        }
        format_set_num_format(format, timeOfDay ? ExcelDate.format : ExcelDate.dateFormat)
        sheet.timeFormats[column] = format
        sheet.showsTimeOfDay[column] = timeOfDay
        return format
    }

    /// A number cell, listed for `fixNumberText` when the library's text
    /// would not read back as `value`.
    private func writeNumber(_ value: Double, _ format: UnsafeMutablePointer<lxw_format>?, to sheet: Sheet, row: Int, column: Int) throws {
        try check(worksheet_write_number(sheet.worksheet, lxw_row_t(row), lxw_col_t(column), value, format),
                  sheet, row: row, column: column)
        if !NumberCellText.libraryTextRoundTrips(value) {
            sheet.fixes.append(NumberCellFix(row: UInt32(row), column: UInt16(column), value: value))
        }
    }

    private func writeText(_ text: String, to sheet: Sheet, row: Int, column: Int, bold: Bool = false) throws -> Int {
        guard !text.isEmpty else { return 0 }
        let shown = Self.cellText(text)
        try check(worksheet_write_string(sheet.worksheet, lxw_row_t(row), lxw_col_t(column), shown, bold ? headerFormat : nil),
                  sheet, row: row, column: column)
        return ColumnWidth.length(of: shown)
    }

    /// `text` as a cell holds it: Excel's `_xHHHH_` escapes kept literal,
    /// cut to Excel's 32767 characters (Unicode scalars, as libxlsxwriter
    /// counts them), and without NUL, which C strings cannot hold.
    static func cellText(_ text: String) -> String {
        var result = escapingExcelEscapes(text)
        if result.utf8.count > maximumCellLength && result.unicodeScalars.count > maximumCellLength {
            result = String(String.UnicodeScalarView(result.unicodeScalars.prefix(maximumCellLength)))
        }
        if result.utf8.contains(0) {
            result = String(String.UnicodeScalarView(result.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
        }
        return result
    }

    /// Excel reads `_xHHHH_` in cell text as the character U+HHHH (that is
    /// how libxlsxwriter writes control characters), so text that holds
    /// such a sequence gets its `_` escaped as `_x005F_`, as Excel does.
    static func escapingExcelEscapes(_ text: String) -> String {
        var text = text
        let escaped: [UInt8]? = text.withUTF8 { bytes in
            func isHex(_ byte: UInt8) -> Bool {
                (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
            }
            func isEscape(at i: Int) -> Bool {
                i + 6 < bytes.count && bytes[i] == 0x5F && (bytes[i + 1] == 0x78 || bytes[i + 1] == 0x58)
                    && isHex(bytes[i + 2]) && isHex(bytes[i + 3]) && isHex(bytes[i + 4]) && isHex(bytes[i + 5])
                    && bytes[i + 6] == 0x5F
            }
            guard bytes.indices.contains(where: isEscape) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            for i in bytes.indices {
                if isEscape(at: i) { escaped += Array("_x005F".utf8) }
                escaped.append(bytes[i])
            }
            return escaped
        }
        return escaped.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    private func check(_ result: lxw_error, _ sheet: Sheet, row: Int, column: Int) throws {
        guard result != LXW_NO_ERROR else { return }
        throw XlsxError.library(
            path, "cannot write sheet \"\(sheet.name)\" row \(row + 1) column \(column + 1)", result)
    }
}
