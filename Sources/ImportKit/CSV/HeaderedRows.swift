import AcctCore

/// The loop of the formats whose files start with a header line
/// (CloudStack, Abiquo): the header read first, rows of the wrong width
/// reported and skipped, a read failure reported with the file's name.
struct HeaderedRows {
    let diagnostics: Diagnostics

    /// Reads `source`. `setUp` sees the header and returns a message when
    /// the file cannot be read with it (a missing column); `row` turns one
    /// row into a record and returns false when `--strict` says stop.
    func read(
        _ source: ByteSource, setUp: (Header) -> String?,
        row: (CSVReader) throws(OutputError) -> Bool
    ) throws(OutputError) -> Bool {
        let reader = CSVReader(input: source)
        do {
            guard try reader.next() else { return true }
            let header = Header(reader)
            if let problem = setUp(header) {
                return diagnostics.problem(problem, file: source.name, line: reader.lineNumber)
            }
            while try reader.next() {
                if let problem = header.check(reader) {
                    guard diagnostics.problem(problem, file: source.name, line: reader.lineNumber) else { return false }
                    continue
                }
                guard try row(reader) else { return false }
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
}
