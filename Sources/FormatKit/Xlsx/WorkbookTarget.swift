import AcctCore
import Glibc

/// Where `--xlsx` may write, checked before anything is read, created or
/// touched: a usage error otherwise. The workbook replaces its file whole,
/// so a slip such as `--xlsx copy.ndjson` (meant as the input) or the
/// report written over its own input would lose data: the name must end in
/// `.xlsx`, and the file must not be one of the inputs, by device and
/// inode, so `./x.xlsx`, a symbolic link or a hard link to an input is
/// refused as the input's own name is. `-` is standard output, unless that
/// is a terminal, where a zip archive is of no use.
///
/// The new file is renamed over the old one, which replaces the name, not
/// what it leads to: a symbolic link would become a file and no longer
/// lead to its target, a hard link's other names would keep the old
/// workbook, and a named pipe or device would be replaced, not written
/// to. So the target must be a regular file with no other link, or absent.
public enum WorkbookTarget {
    /// The path that means standard output.
    public static let standardOutput = "-"

    /// Refuses a target the workbook must not be written to; `inputs` are
    /// the inputs as named (`-` is standard input).
    public static func check(_ path: String, inputs: [String], standardOutputIsTerminal: Bool) throws(UsageError) {
        if path == standardOutput {
            if standardOutputIsTerminal {
                throw UsageError("--xlsx -: standard output is a terminal (redirect it to a file or a pipe)")
            }
            return
        }
        guard path.lowercased().hasSuffix(".xlsx") else {
            throw UsageError("--xlsx: '\(path)' does not end in .xlsx (a workbook's name does; - writes to standard output)")
        }
        guard let target = identity(of: path) else { return }  // a new file
        for input in inputs where identity(of: input) == target {
            let name = input == "-" ? "standard input" : "the input '\(input)'"
            throw UsageError("--xlsx: '\(path)' is \(name): it would be replaced by the workbook")
        }
        if let kind = unsuitableKind(of: path) {
            throw UsageError("--xlsx: '\(path)' is \(kind): only a regular file is replaced by the workbook")
        }
    }

    /// What makes an existing `path` (the name itself, not what a link
    /// leads to) no file for the workbook to replace; nil when it is a
    /// regular file with one link, or absent.
    static func unsuitableKind(of path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return info.st_nlink > 1 ? "a file with other hard links (\(info.st_nlink) names)" : nil
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a named pipe"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        // A folder is refused when the workbook is made, as a file that
        // cannot be created.
        case S_IFDIR: return nil
        default: return "not a regular file"
        }
    }

    /// The device and inode of an existing file (following symbolic
    /// links), or of standard input for `-`; nil when there is none.
    static func identity(of path: String) -> [UInt64]? {
        var info = stat()
        let found = path == "-" ? fstat(0, &info) == 0 : stat(path, &info) == 0
        return found ? [UInt64(info.st_dev), UInt64(info.st_ino)] : nil
    }
}
