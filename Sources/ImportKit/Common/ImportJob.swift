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
    }

    private func makeImporter() -> Importer {
        switch options.format {
        case .opennebula: return OpenNebulaImporter(options: options, diagnostics: diagnostics)
        case .cloudstack: return CloudStackImporter(options: options, diagnostics: diagnostics)
        case .abiquo: return AbiquoImporter(options: options, diagnostics: diagnostics)
        case .slapos:
            return UnfinishedImporter(format: options.format, diagnostics: diagnostics)
        }
    }
}

/// Stands in for a format whose importer is not written yet: it says so
/// once and reads nothing.
final class UnfinishedImporter: Importer {
    private let format: ImportFormat
    private let diagnostics: Diagnostics
    private var told = false

    init(format: ImportFormat, diagnostics: Diagnostics) {
        self.format = format
        self.diagnostics = diagnostics
    }

    func read(_ source: ByteSource, into out: RecordWriter) throws(OutputError) -> Bool {
        if !told { diagnostics.fatal("--from \(format.rawValue) is not implemented yet") }
        told = true
        return false
    }
}
