import AcctKit

/// Bad rows, reported the one way all the CSV importers share:
/// `acct-import: FILE:LINE: what`, exit status 1 at the end, and with
/// `--strict` a stop after the first.
final class RowProblems {
    let diagnostics: Diagnostics
    let strict: Bool
    /// Things said once per run (an unknown code), by their text.
    private var said: Set<String> = []

    init(diagnostics: Diagnostics, strict: Bool) {
        self.diagnostics = diagnostics
        self.strict = strict
    }

    /// Reports a bad row. Returns false when the import must stop (`--strict`).
    func report(_ message: String, file: String, line: Int) -> Bool {
        diagnostics.error(message, file: file, line: line)
        return !strict
    }

    /// Reports `message` the first time only (an unknown usage type is
    /// reported at its first row, not at each of its thousands). Returns
    /// false when the import must stop.
    func reportOnce(_ message: String, file: String, line: Int) -> Bool {
        guard said.insert(message).inserted else { return true }
        return report(message, file: file, line: line)
    }

    /// Reports a whole-input problem (`FILE: what`).
    func report(_ message: String, file: String) -> Bool {
        diagnostics.error("\(file): \(message)")
        return !strict
    }
}
