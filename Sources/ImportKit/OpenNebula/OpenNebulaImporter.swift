import AcctKit
import CLibXML2

/// `--from opennebula`: placeholder until the SAX reader lands.
final class OpenNebulaImporter: Importer {
    private let options: ImportOptions
    private let diagnostics: Diagnostics

    init(options: ImportOptions, diagnostics: Diagnostics) {
        self.options = options
        self.diagnostics = diagnostics
    }

    func read(_ source: ByteSource, into out: RecordWriter) throws(OutputError) -> Bool {
        return true
    }
}
