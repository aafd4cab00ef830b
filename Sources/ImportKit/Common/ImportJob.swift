import AcctKit

/// acct-import's job: each input in turn through the chosen importer, a
/// missing input reported and the others still read.
public final class ImportJob {
    private let options: ImportOptions
    private let out: RecordWriter
    private let diagnostics: Diagnostics

    public init(options: ImportOptions, sink: ByteSink, diagnostics: Diagnostics) {
        self.options = options
        self.out = RecordWriter(sink: sink)
        self.diagnostics = diagnostics
    }

    public func run() throws(OutputError) {
        let importer = makeImporter()
        for path in options.paths.isEmpty ? ["-"] : options.paths {
            let source: ByteSource
            do {
                source = try ByteSource(path: path)
            } catch {
                diagnostics.error("\(error)")
                if options.strict { return }
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
