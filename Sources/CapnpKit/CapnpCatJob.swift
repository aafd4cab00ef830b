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
/// With `-j`, files are decoded on workers and written in the order one
/// worker would write them.
public final class CapnpCatJob: Job {
    private let options: CapnpCatOptions
    private let out: RecordWriter
    private let diagnostics: Diagnostics
    private let decoder: FileDecoder

    /// `--strict` after a bad file: unwinds the walk.
    private struct Stopped: Error {}

    /// Loads `--schema` now: a schema that does not load is a usage error.
    public init(options: CapnpCatOptions, output: ByteSink, diagnostics: Diagnostics) throws(UsageError) {
        self.options = options
        self.out = RecordWriter(sink: output)
        self.diagnostics = diagnostics
        decoder = try FileDecoder(options: options)
    }

    /// Decodes every input; output errors (a closed pipe, a full disk) are
    /// thrown, input errors reported to the diagnostics.
    public func run() throws {
        if options.common.jobs > 1 { return try runParallel(jobs: options.common.jobs) }
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
                    guard try decoder.decode(path: path, hour: options.time, out: out, diagnostics: diagnostics) else { return }
                } else {
                    try walker.walk(path) { file, hour in
                        guard try decoder.decode(path: file, hour: hour ?? options.time, out: out, diagnostics: diagnostics) else { throw Stopped() }
                    }
                }
            }
        } catch is Stopped {
            return
        }
    }

    /// What the walk found, in the order one worker would decode it.
    private enum Item {
        case file(path: String, hour: Int64?)
        case problem(path: String, message: String)
        /// A folder or file already read, passed over.
        case note(path: String, message: String)
    }

    /// What a worker made of a run of files.
    private final class Decoded {
        var output: ByteSink?
        var events: [DiagnosticEvent] = []
        var goOn = true
        var failure: OutputError?
    }

    /// `-j`: the tree is walked first (names only), then the files are
    /// decoded on workers, a few runs of files per worker in flight, and
    /// the records and messages are taken back in walk order.
    private func runParallel(jobs: Int) throws {
        var items: [Item] = []
        let walker = TreeWalker(matchesName: nameMatcher(), window: options.window,
                                report: { path, problem in items.append(.problem(path: path, message: problem)) },
                                note: { path, message in items.append(.note(path: path, message: message)) })
        for path in options.common.inputs {
            if path == "-" {
                items.append(.file(path: path, hour: options.time))
            } else {
                try walker.walk(path) { file, hour in items.append(.file(path: file, hour: hour ?? options.time)) }
            }
        }
        let workers = try (0..<jobs).map { _ throws(UsageError) in
            (decoder: try FileDecoder(options: options), diagnostics: Diagnostics.recording(like: diagnostics))
        }
        let pool = WorkerPool<Decoded>(workers: jobs)
        defer { pool.stop() }
        // Files are handed out in runs: an hour of an account is a few
        // tens of KB, decoded faster than a thread is woken for it, so one
        // file per hand-off keeps the threads waiting on each other. A run
        // is short enough that every worker still gets several.
        let run = max(1, min(Self.filesPerRun, items.count / (jobs * 4)))
        var next = 0
        try pool.run({ () -> WorkerPool<Decoded>.Task? in
            guard next < items.count else { return nil }
            switch items[next] {
            case let .problem(path, message):
                next += 1
                let decoded = Decoded()
                decoded.events = [.problem("\(path): \(message)")]
                return .ready(decoded)
            case let .note(path, message):
                next += 1
                let decoded = Decoded()
                decoded.events = [.note("\(path): \(message)")]
                return .ready(decoded)
            case .file:
                // Consecutive files only: a message between them keeps its place.
                var files: [(path: String, hour: Int64?)] = []
                while next < items.count, files.count < run, case let .file(path, hour) = items[next] {
                    files.append((path, hour))
                    next += 1
                }
                return .work { worker in
                    let (decoder, recorder) = workers[worker]
                    let decoded = Decoded()
                    let sink = ByteSink(collectingCapacity: 1 << 16)
                    let out = RecordWriter(sink: sink)
                    do throws(OutputError) {
                        // As serially: no file after one that says stop.
                        for file in files where decoded.goOn {
                            decoded.goOn = try decoder.decode(path: file.path, hour: file.hour, out: out, diagnostics: recorder)
                        }
                    } catch {
                        decoded.failure = error
                    }
                    decoded.output = sink
                    decoded.events = recorder.takeEvents()
                    return decoded
                }
            }
        }, take: { (decoded) throws(OutputError) -> Bool in
            if let failure = decoded.failure { throw failure }
            if let sink = decoded.output { try out.sink.write(recordsOf: sink) }
            return diagnostics.replay(decoded.events) && decoded.goOn
        })
    }

    /// The most files a worker decodes per hand-off.
    static let filesPerRun = 8

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
}

/// Decodes whole files into records: a reader (with `--schema` loaded) and
/// a buffer of its own, so each worker of `-j` has one.
final class FileDecoder {
    private let options: CapnpCatOptions
    private let reader: CapnpReader
    private let buffer = AlignedBuffer()

    init(options: CapnpCatOptions) throws(UsageError) {
        self.options = options
        reader = CapnpReader(traversalLimitWords: options.traversalLimitWords)
        if let schema = options.schema {
            do {
                try reader.loadSchema(path: schema.path, root: schema.root, importPaths: options.importPaths)
            } catch {
                throw UsageError("--schema: \(error)")
            }
        }
    }

    /// Decodes one file; false when `--strict` says stop.
    func decode(path: String, hour: Int64?, out: RecordWriter, diagnostics: Diagnostics) throws(OutputError) -> Bool {
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
