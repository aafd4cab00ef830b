/// The record loop every filter shares: each input in turn (a missing one
/// reported, the others still read), each line parsed into a reusable
/// tape, blank lines skipped, malformed lines and lines that are not JSON
/// objects reported as `FILE:LINE[:COLUMN]: reason` and skipped, and with
/// `--strict` a stop at the first bad input (the diagnostics' rule).
public final class RecordReader {
    public let tape = JSONTape()
    /// Whether records are parsed with their short decimals read as they
    /// are scanned (`JSONTape.parse(_:packingDecimals:)`): for readers
    /// that add most of them up.
    public var packsDecimals = false
    public let diagnostics: Diagnostics
    /// Read `KEY<TAB>JSON` lines (Hadoop Streaming) as their JSON.
    private let dropsKeys: Bool

    public init(diagnostics: Diagnostics, dropsKeys: Bool = false) {
        self.diagnostics = diagnostics
        self.dropsKeys = dropsKeys
    }

    /// Calls `body` with each record, the tape holding it; `body` returns
    /// false to stop everything (after reporting its own bad record under
    /// `--strict`). Returns false when reading stopped early.
    @discardableResult
    public func forEachRecord<E: Error>(
        in paths: [String], _ body: (Line, JSONTape) throws(E) -> Bool
    ) throws(E) -> Bool {
        for path in paths.isEmpty ? ["-"] : paths {
            guard try read(path, body) else { return false }
        }
        return true
    }

    /// Reports the first bad record of a kind (`tag`) the caller found;
    /// later ones go unsaid. False when --strict says stop.
    public func rejectOnce(_ line: Line, _ message: String, tag: String) -> Bool {
        diagnostics.problemOnce(message, file: line.sourceName, line: line.number, tag: tag)
    }

    /// Reports a bad record the caller found; false when --strict says stop.
    public func reject(_ line: Line, _ message: String) -> Bool {
        diagnostics.problem(message, file: line.sourceName, line: line.number)
    }

    /// Calls `body` with each record of one chunk of an input (`-j`), as
    /// `forEachRecord(in:)` does for whole inputs.
    @discardableResult
    public func forEachRecord<E: Error>(in chunk: InputChunk, _ body: (Line, JSONTape) throws(E) -> Bool) throws(E) -> Bool {
        try read(LineReader(chunk: chunk), body)
    }

    private func read<E: Error>(_ path: String, _ body: (Line, JSONTape) throws(E) -> Bool) throws(E) -> Bool {
        let source: ByteSource
        do {
            source = try ByteSource(path: path)
        } catch {
            return diagnostics.problem("\(error)")
        }
        defer { source.close() }
        return try read(LineReader(source: source), body)
    }

    private func read<E: Error>(_ reader: LineReader, _ body: (Line, JSONTape) throws(E) -> Bool) throws(E) -> Bool {
        while true {
            let next: Line?
            do {
                next = try reader.next()
            } catch .lineTooLong(let path, let line, let limit) {
                // Said at once, the rest of the line dropped unread into
                // memory; the next line is read as usual.
                guard diagnostics.problem(InputError.lineTooLongMessage(limit: limit), file: path, line: line) else { return false }
                continue
            } catch {
                return diagnostics.problem("\(error)")
            }
            guard let line = next else { return true }
            var bytes = line.bytes
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            if dropsKeys, bytes.first != UInt8(ascii: "{"), let tab = bytes.firstIndex(of: 9) {
                bytes = UnsafeRawBufferPointer(rebasing: bytes[(tab + 1)...])
            }
            do {
                try tape.parse(bytes, packingDecimals: packsDecimals)
            } catch {
                let goOn = diagnostics.problem(error.message, file: line.sourceName, line: line.number, column: error.column)
                hint(bytes, in: line.sourceName)
                guard goOn else { return false }
                continue
            }
            guard tape.kind(JSONTape.root) == .object else {
                let goOn = reject(line, "not a JSON object")
                hint(bytes, in: line.sourceName)
                guard goOn else { return false }
                continue
            }
            guard try body(line, tape) else { return false }
        }
    }

    /// Says once per run what a bad line looks like, when that names the
    /// tool that reads it.
    private func hint(_ bytes: UnsafeRawBufferPointer, in file: String) {
        guard diagnostics.wantsHint, let hint = InputKind.hint(for: bytes) else { return }
        diagnostics.hint("\(file): \(hint)")
    }
}
