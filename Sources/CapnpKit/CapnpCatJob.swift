import AcctKit
import Glibc

/// What capnp-cat was asked to do, once its flags are parsed.
public struct CapnpCatOptions {
    /// Files and folders; empty means standard input ("-" names it too).
    public var paths: [String] = []
    /// Nested JSON per message instead of flat records per VMachine.
    public var raw = false
    public var framing: Framing = .standard
    /// A schema file and root struct to decode with (implies `raw`).
    public var schema: (path: String, root: String)?
    public var importPaths: [String] = []
    /// Glob for file names inside folders; nil takes account_capnp.bin.
    public var nameGlob: String?
    public var window: (start: Int64?, end: Int64?) = (nil, nil)
    /// The hour given to files whose path does not carry one.
    public var time: Int64?
    public var traversalLimitWords: UInt64 = 0

    public init() {}
}

/// capnp-cat's job: decode each file whole, then write its records, so a
/// bad file is reported and skipped without a partial line on the output.
public final class CapnpCatJob {
    private let options: CapnpCatOptions
    private let sink: ByteSink
    private let diagnostics: Diagnostics
    private let reader: CapnpReader
    private let buffer = AlignedBuffer()

    public init(options: CapnpCatOptions, sink: ByteSink, diagnostics: Diagnostics) throws {
        self.options = options
        self.sink = sink
        self.diagnostics = diagnostics
        reader = CapnpReader(traversalLimitWords: options.traversalLimitWords)
        if let schema = options.schema {
            try reader.loadSchema(path: schema.path, root: schema.root, importPaths: options.importPaths)
        }
    }

    /// Decodes every input; output errors (a closed pipe, a full disk) are
    /// thrown, input errors reported to the diagnostics.
    public func run() throws {
        let walker = TreeWalker(
            matchesName: nameMatcher(), window: options.window,
            report: { [diagnostics] path, problem in diagnostics.error("\(path): \(problem)") })
        if options.paths.isEmpty {
            try decode(path: "-", hour: options.time)
            return
        }
        for path in options.paths {
            if path == "-" {
                try decode(path: path, hour: options.time)
            } else {
                try walker.walk(path) { file, hour in try decode(path: file, hour: hour ?? options.time) }
            }
        }
    }

    private func nameMatcher() -> (String) -> Bool {
        let glob = options.nameGlob ?? "account_capnp.bin"
        return { name in
            if fnmatch(glob, name, 0) == 0 { return true }
            return name.hasSuffix(".zst") && fnmatch(glob, String(name.dropLast(4)), 0) == 0
        }
    }

    private func decode(path: String, hour: Int64?) throws {
        let name = path == "-" ? "<stdin>" : path
        do {
            let source = try ByteSource(path: path == "-" ? nil : path)
            defer { source.close() }
            try source.readAll(into: buffer)
        } catch {
            diagnostics.error("\(error)")
            return
        }
        let valid: Bool
        do {
            if options.raw || options.schema != nil {
                let tape = try reader.decodeTape(UnsafeRawBufferPointer(buffer.bytes), framing: options.framing)
                valid = TapeRenderer.render(tape, into: sink.buffer)
                try sink.endRecord()
            } else {
                let machines = try reader.decodeMachines(UnsafeRawBufferPointer(buffer.bytes), framing: options.framing)
                let record = MachineRecord(hour: hour)
                var allValid = true
                for machine in machines {
                    allValid = record.write(machine, into: sink.buffer) && allValid
                    try sink.endRecord()
                }
                valid = allValid
            }
        } catch let error as CapnpError {
            diagnostics.error("\(name): \(error)")
            return
        }
        if !valid {
            diagnostics.error("\(name): text that is not valid UTF-8 (written with U+FFFD)")
        }
    }
}
