// Shared by every fuzz target (see Fuzz/run.sh): the input handed to the
// tools' jobs as a file path, and a place for their output and messages.
import AcctCore
import Glibc
import ImportKit

enum FuzzFile {
    /// An unlinked file (in /dev/shm when there is one) the jobs open by
    /// its /proc/self/fd path, as they open a user's file: ByteSource, zstd
    /// sniffing and line splitting all run.
    static let descriptor: Int32 = {
        let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        var template = Array("\(folder)/acct-fuzz.XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        if fd < 0 { fatalError("mkstemp failed") }
        unlink(template)
        return fd
    }()

    static let path = "/proc/self/fd/\(descriptor)"

    /// /dev/null, for output and diagnostics: only crashes, leaks and hangs count.
    static let devNull: Int32 = {
        let fd = open("/dev/null", O_WRONLY)
        if fd < 0 { fatalError("cannot open /dev/null") }
        return fd
    }()

    /// Replaces the file's contents with `bytes`; returns its path.
    static func store(_ bytes: UnsafeRawBufferPointer) -> String {
        if ftruncate(descriptor, 0) != 0 { fatalError("ftruncate failed") }
        var done = 0
        while done < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(done))
            if n <= 0 { fatalError("pwrite failed") }
            done += n
        }
        return path
    }
}

/// The fuzzer's bytes as a buffer (libFuzzer may pass a null pointer for an empty input).
func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeRawBufferPointer {
    guard let data, size > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: data, count: size)
}

/// Output and messages of jobs made once, at set-up.
let fuzzSink = try! ByteSink(fileDescriptor: FuzzFile.devNull, name: "<null>", threshold: 1 << 16)
let fuzzDiagnostics = Diagnostics(tool: "fuzz", fileDescriptor: FuzzFile.devNull)

/// Runs acct-import --from FORMAT on the bytes.
func fuzzImport(_ format: ImportFormat, _ bytes: UnsafeRawBufferPointer) {
    var options = ImportOptions()
    options.format = format
    options.common.paths = [FuzzFile.store(bytes)]
    let diagnostics = Diagnostics(tool: "fuzz", fileDescriptor: FuzzFile.devNull)
    do {
        try ImportJob(options: options, output: fuzzSink, diagnostics: diagnostics).run()
    } catch {
        fatalError("output to /dev/null failed: \(error)")
    }
}
