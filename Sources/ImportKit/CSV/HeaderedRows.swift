import AcctCore

/// The loop of the formats whose files name their columns (CloudStack,
/// Abiquo): the columns from a header line, or given when the export has
/// none; rows of the wrong width reported and skipped, a read failure
/// reported with the file's name.
struct HeaderedRows {
    /// What the first row of a file is.
    enum FirstRow {
        /// The header line.
        case header
        /// A row of data, of these columns.
        case data(Header)
        /// Neither: the message says why the file cannot be read.
        case unreadable(String)
    }

    let diagnostics: Diagnostics

    /// Reads `source`. `firstRow` sees the first row and says what it is (a
    /// header unless told); `setUp` sees the header and returns a message
    /// when the file cannot be read with it (a missing column); `row` turns
    /// one row into a record and returns false when `--strict` says stop.
    func read(
        _ source: ByteSource, firstRow: (CSVReader) -> FirstRow = { _ in .header }, setUp: (Header) -> String?,
        row: (CSVReader) throws(OutputError) -> Bool
    ) throws(OutputError) -> Bool {
        let reader = CSVReader(input: source)
        do {
            guard try reader.next() else { return true }
            let header: Header
            var firstIsData = false
            switch firstRow(reader) {
            case .header:
                header = Header(reader)
            case .data(let columns):
                header = columns
                firstIsData = true
            case .unreadable(let problem):
                return diagnostics.problem(problem, file: source.name, line: reader.lineNumber)
            }
            if let problem = setUp(header) {
                return diagnostics.problem(problem, file: source.name, line: reader.lineNumber)
            }
            if firstIsData {
                guard try self.row(reader, header, source, row) else { return false }
            }
            while try reader.next() {
                guard try self.row(reader, header, source, row) else { return false }
            }
        } catch let failure as ReadFailure {
            return diagnostics.problem(failure.description, file: source.name)
        } catch let error as OutputError {
            throw error
        } catch {
            return diagnostics.problem("\(error)", file: source.name)
        }
        return true
    }

    /// The reader's current row, checked against the header first.
    private func row(
        _ reader: CSVReader, _ header: Header, _ source: ByteSource, _ body: (CSVReader) throws(OutputError) -> Bool
    ) throws(OutputError) -> Bool {
        if let problem = header.check(reader) {
            return diagnostics.problem(problem, file: source.name, line: reader.lineNumber)
        }
        return try body(reader)
    }
}
