import AcctCore

/// One source format's reader. An importer lives for the whole run, so
/// state that spans inputs (the last counter value per VM) carries from
/// one file to the next.
protocol Importer: AnyObject {
    /// Reads one input to its end, writing a record per row through `out`.
    /// Bad rows are reported through the importer's diagnostics and
    /// skipped. Returns false when `--strict` says stop.
    func read(_ source: ByteSource, into out: RecordWriter) throws(OutputError) -> Bool

    /// Writes what is still held once every input is read (a SlapOS
    /// sample waiting for the next sample of its process).
    func finish(into out: RecordWriter) throws(OutputError)
}

extension Importer {
    func finish(into out: RecordWriter) throws(OutputError) {}
}
