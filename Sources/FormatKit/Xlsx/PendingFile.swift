import AcctCore
import Glibc

/// A file written under a temporary name beside its target and renamed over
/// the target once complete, so the target never holds half a file; or,
/// for standard output, written in the temporary folder and sent whole
/// once complete.
///
/// `init` creates the temporary file `.NAME.XXXXXX` in the target's folder
/// (which proves the folder exists and is writable), with the permissions
/// of the file it replaces (a private 0600 workbook stays private), else
/// those a new file gets (0666 less the umask). Until `commit`, `send` or
/// `discard`, a SIGINT, SIGTERM or SIGHUP removes it (see
/// `InterruptCleanup`).
final class PendingFile {
    /// The target as given (for messages).
    let target: String
    /// The temporary file's path.
    let temporaryPath: String
    private var slot: Int?
    private(set) var isOpen = true

    convenience init(target: String) throws(XlsxError) {
        let (folder, name) = Self.split(target)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw XlsxError.system(target, "cannot create the workbook", errno: EISDIR)
        }
        var info = stat()
        var mode = mode_t(0o666) & ~Self.currentUmask()
        if stat(target, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw XlsxError.system(target, "cannot create the workbook", errno: EISDIR)
            }
            // The permission bits only: a set-user-ID bit is not the
            // workbook's to carry.
            if (info.st_mode & S_IFMT) == S_IFREG { mode = info.st_mode & 0o777 }
        }
        // The file made first is the temporary one beside the target: a
        // refusal there (permission denied, no such file) is the folder's.
        try self.init(target: target, folder: folder, name: name,
                      what: "cannot create the workbook in the folder '\(folder)'", mode: mode)
    }

    /// A file in the temporary folder (`$TMPDIR`, else /tmp) for output
    /// that has no file of its own: `target` names it in messages. It
    /// keeps mkstemp's 0600, as others may read that folder.
    convenience init(scratchFor target: String, name: String) throws(XlsxError) {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        try self.init(target: target, folder: folder, name: name,
                      what: "cannot create the workbook's temporary file in \(folder)", mode: 0o600)
    }

    private init(target: String, folder: String, name: String, what: String, mode: mode_t) throws(XlsxError) {
        self.target = target
        var template = Array("\(folder)/.\(name).XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else {
            throw XlsxError.system(target, what, errno: errno)
        }
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let chmodResult = fchmod(fd, mode)
        let chmodError = errno
        if close(fd) != 0 || chmodResult != 0 {
            let code = chmodResult != 0 ? chmodError : errno
            unlink(temporaryPath)
            throw XlsxError.system(target, what, errno: code)
        }
        slot = InterruptCleanup.register(Self.absolute(temporaryPath))
    }

    deinit {
        discard()
    }

    /// Flushes the finished temporary file to disk and renames it over the target.
    func commit() throws(XlsxError) {
        guard isOpen else { return }
        let fd = open(temporaryPath, O_RDONLY | O_CLOEXEC)
        if fd < 0 || fsync(fd) != 0 {
            let code = errno
            if fd >= 0 { close(fd) }
            discard()
            throw XlsxError.system(target, "cannot write the workbook", errno: code)
        }
        close(fd)
        if rename(temporaryPath, target) != 0 {
            let code = errno
            discard()
            throw XlsxError.system(target, "cannot rename the workbook into place", errno: code)
        }
        release()
    }

    /// Sends the finished temporary file to `sink` (standard output), then
    /// removes it. A failed write throws the sink's `OutputError`.
    func send(to sink: ByteSink) throws {
        guard isOpen else { return }
        defer { discard() }
        let fd: Int32
        switch Descriptor.open(temporaryPath, O_RDONLY) {
        case .success(let opened): fd = opened
        case .failure(let error): throw XlsxError.system(target, "cannot read the workbook back", errno: error.code)
        }
        defer { close(fd) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            switch Descriptor.read(fd, into: chunk) {
            case .success(0):
                return
            case .success(let count):
                sink.buffer.append(UnsafeRawBufferPointer(rebasing: chunk[..<count]))
                try sink.endRecord()
            case .failure(let error):
                throw XlsxError.system(target, "cannot read the workbook back", errno: error.code)
            }
        }
    }

    /// Removes the temporary file (nothing once committed or discarded).
    func discard() {
        guard isOpen else { return }
        unlink(temporaryPath)
        release()
    }

    private func release() {
        if let slot { InterruptCleanup.unregister(slot) }
        slot = nil
        isOpen = false
    }

    /// The folder (`.` for a bare name) and the last component of `path`.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// `path` from the root, so the signal handler finds it after a chdir.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let cwd = getcwd(nil, 0) else { return path }
        defer { free(cwd) }
        return String(cString: cwd) + "/" + path
    }

    /// The process's umask, read from /proc without changing it; where that
    /// is missing, set and put back (racy only against other threads
    /// creating files at that instant).
    static func currentUmask() -> mode_t {
        if let file = fopen("/proc/self/status", "re") {
            defer { fclose(file) }
            var line = [CChar](repeating: 0, count: 256)
            while fgets(&line, Int32(line.count), file) != nil {
                let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                if text.hasPrefix("Umask:") {
                    let digits = text.dropFirst("Umask:".count).filter { $0.isNumber }
                    if let value = mode_t(digits, radix: 8) { return value }
                }
            }
        }
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}
