import AcctCore
import Glibc

/// What capnp-cat was asked to do, once its flags are parsed.
public struct CapnpCatOptions {
    /// Files and folders; none, or `-`, reads standard input.
    public var common = CommonOptions()
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
    /// `--max-file-size`: a file is read whole, so this bounds the memory
    /// one file takes. An hourly account file is kilobytes to a few
    /// megabytes; a 50 GB sparse file must not stop the run.
    public var maxFileSize = CapnpCatOptions.defaultMaxFileSize
    public static let defaultMaxFileSize = 256 << 20

    public init() {}

    /// "512M" and the like: bytes, or KiB, MiB or GiB with K, M or G;
    /// nil unless positive and below 2^62.
    public static func byteCount(_ text: String) -> Int? {
        var digits = Substring(text)
        var shift = 0
        switch text.last {
        case "K"?, "k"?: shift = 10
        case "M"?, "m"?: shift = 20
        case "G"?, "g"?: shift = 30
        default: break
        }
        if shift > 0 { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let value = Int(digits), value > 0, value <= (1 << 62) >> shift else { return nil }
        return value << shift
    }
}

/// capnp-cat's job: decode each file whole, then write its records, so a
/// bad file is reported and skipped without a partial line on the output.
public final class CapnpCatJob: Job {
    private let options: CapnpCatOptions
    private let out: RecordWriter
    private let diagnostics: Diagnostics
    private let reader: CapnpReader
    private let buffer = AlignedBuffer()

    /// `--strict` after a bad file: unwinds the walk.
    private struct Stopped: Error {}

    /// Loads `--schema` now: a schema that does not load is a usage error.
    public init(options: CapnpCatOptions, output: ByteSink, diagnostics: Diagnostics) throws(UsageError) {
        self.options = options
        self.out = RecordWriter(sink: output)
        self.diagnostics = diagnostics
        reader = CapnpReader(traversalLimitWords: options.traversalLimitWords)
        if let schema = options.schema {
            do {
                try reader.loadSchema(path: schema.path, root: schema.root, importPaths: options.importPaths)
            } catch {
                throw UsageError("--schema: \(error)")
            }
        }
    }

    /// Decodes every input; output errors (a closed pipe, a full disk) are
    /// thrown, input errors reported to the diagnostics.
    public func run() throws {
        let walker = TreeWalker(
            matchesName: nameMatcher(), window: options.window,
            report: { [diagnostics] path, problem in
                guard diagnostics.problem(problem, file: path) else { throw Stopped() }
            }, note: { [diagnostics] path, message in
                diagnostics.note("\(path): \(message)")
            })
        do {
            for path in options.common.inputs {
                if path == "-" {
                    guard try decode(path: path, hour: options.time) else { return }
                } else {
                    try walker.walk(path) { file, hour in
                        guard try decode(path: file, hour: hour ?? options.time) else { throw Stopped() }
                    }
                }
            }
        } catch is Stopped {
            return
        }
    }

    private func nameMatcher() -> (String) -> Bool {
        let glob = options.nameGlob ?? "account_capnp.bin"
        return { name in
            if fnmatch(glob, name, 0) == 0 { return true }
            // A compressed copy of a file it would take, read transparently.
            for suffix in [".zst", ".gz"] where name.hasSuffix(suffix) {
                if fnmatch(glob, String(name.dropLast(suffix.count)), 0) == 0 { return true }
            }
            return false
        }
    }

    /// Decodes one file; false when `--strict` says stop.
    private func decode(path: String, hour: Int64?) throws(OutputError) -> Bool {
        let name = path == "-" ? ByteSource.standardInputName : path
        // The last hour of 9999 ends at 10000-01-01T00:00:00Z, which no
        // record can hold (--raw writes no times).
        if let hour, !options.raw, options.schema == nil, hour > RecordTimeRange.last - 3600 {
            return diagnostics.problem(
                "the hour \(RFC3339.string(hour)) ends at \(RFC3339.string(hour + 3600)), after \(RFC3339.string(RecordTimeRange.last)), the last time a record can hold",
                file: name)
        }
        do {
            let source = try ByteSource(path: path == "-" ? nil : path)
            defer { source.close() }
            try source.readAll(into: buffer, limit: options.maxFileSize)
        } catch {
            return diagnostics.problem("\(error)")
        }
        let valid: Bool
        do {
            if options.raw || options.schema != nil {
                let tape = try reader.decodeTape(UnsafeRawBufferPointer(buffer.bytes), framing: options.framing)
                valid = try TapeRenderer.render(tape, into: out.buffer)
                try out.sink.endRecord()
            } else {
                let machines = try reader.decodeMachines(UnsafeRawBufferPointer(buffer.bytes), framing: options.framing)
                let record = MachineRecord(hour: hour)
                var allValid = true
                for machine in machines {
                    allValid = try record.write(machine, to: out) && allValid
                }
                valid = allValid
            }
        } catch let error as CapnpError {
            out.sink.discardPartialRecord()
            return diagnostics.problem("\(error)", file: name)
        } catch let error as OutputError {
            throw error
        } catch {
            return diagnostics.problem("\(error)", file: name)
        }
        if !valid {
            return diagnostics.problem("text that is not valid UTF-8 (written with U+FFFD)", file: name)
        }
        return true
    }
}
