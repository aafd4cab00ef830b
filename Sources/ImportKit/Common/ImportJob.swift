import AcctCore

/// acct-import's job: each input in turn through the chosen importer, a
/// missing input reported and the others still read.
public final class ImportJob: Job {
    private let options: ImportOptions
    private let out: RecordWriter
    private let diagnostics: Diagnostics

    /// A `--tz` that cannot apply to the source is a usage error here,
    /// before anything is read.
    public init(options: ImportOptions, output: ByteSink, diagnostics: Diagnostics) throws(UsageError) {
        var options = options
        options.sourceZone = try options.format.clock.zone(options.common)
        self.options = options
        self.out = RecordWriter(sink: output)
        self.diagnostics = diagnostics
    }

    public func run() throws(OutputError) {
        let importer = makeImporter()
        for path in options.common.inputs {
            let source: ByteSource
            do {
                source = try ByteSource(path: path)
            } catch {
                guard diagnostics.problem("\(error)") else { return }
                continue
            }
            defer { source.close() }
            guard try importer.read(source, into: out) else { return }
        }
        try importer.finish(into: out)
    }

    private func makeImporter() -> Importer {
        switch options.format {
        case .opennebula: return OpenNebulaImporter(options: options, diagnostics: diagnostics)
        case .cloudstack: return CloudStackImporter(options: options, diagnostics: diagnostics)
        case .abiquo: return AbiquoImporter(options: options, diagnostics: diagnostics)
        case .slapos: return SlapOSImporter(options: options, diagnostics: diagnostics)
        }
    }
}
