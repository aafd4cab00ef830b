import AcctCore
import Glibc

/// A file written under a temporary name beside its target and renamed over
/// the target once complete, so the target never holds half a file.
///
/// `init` creates the temporary file `.NAME.XXXXXX` in the target's folder
/// (which proves the folder exists and is writable), with the permissions a
/// new file gets (0666 less the umask). Until `commit` or `discard`, a
/// SIGINT, SIGTERM or SIGHUP removes it (see `InterruptCleanup`).
final class PendingFile {
    /// The target as given (for messages).
    let target: String
    /// The temporary file's path.
    let temporaryPath: String
    private var slot: Int?
    private(set) var isOpen = true

    init(target: String) throws(XlsxError) {
        self.target = target
        let (folder, name) = Self.split(target)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw XlsxError.system(target, "cannot create the workbook", errno: EISDIR)
        }
        var info = stat()
        if stat(target, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            throw XlsxError.system(target, "cannot create the workbook", errno: EISDIR)
        }
        var template = Array("\(folder)/.\(name).XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else {
            throw XlsxError.system(target, "cannot create the workbook", errno: errno)
        }
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let mode = mode_t(0o666) & ~Self.currentUmask()
        let chmodResult = fchmod(fd, mode)
        let chmodError = errno
        if close(fd) != 0 || chmodResult != 0 {
            let code = chmodResult != 0 ? chmodError : errno
            unlink(temporaryPath)
            throw XlsxError.system(target, "cannot create the workbook", errno: code)
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
