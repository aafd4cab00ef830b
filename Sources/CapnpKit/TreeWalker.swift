import AcctCore
import Glibc

/// Walks file and folder arguments in numeric-aware order, yielding the
/// files to decode with the hour the OpenVCloud layout gives them, and
/// skipping folders that lie wholly outside the time window.
///
/// Links are followed, but each folder and each file (by device and inode)
/// is read once in a walk: a folder reached again through a link back to
/// one above it is a loop, reported; one reached again any other way (a
/// link to a sibling, links that fan out and join again, which would
/// otherwise multiply one file's records with each level) and a file
/// reached again (a link or a hard link to one already read) are noted and
/// skipped, so every record is written once.
struct TreeWalker {
    /// Chooses files inside folders; a file named as an argument is always taken.
    var matchesName: (String) -> Bool
    /// Half-open window [start, end); nil sides are unbounded.
    var window: (start: Int64?, end: Int64?)
    /// Reports a path that cannot be read; throws to stop the walk.
    var report: (_ path: String, _ problem: String) throws -> Void
    /// Says that a path was passed over as already read (exit status untouched).
    var note: (_ path: String, _ message: String) -> Void = { _, _ in }

    private struct FolderID: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// What a walk has read, by device and inode, with the first path.
    private struct Seen {
        var folders: [FolderID: String] = [:]
        var files: [FolderID: String] = [:]
        /// The folders from the argument down to where the walk stands.
        var ancestors = Set<FolderID>()
    }

    /// Calls `visit(path, hour)` for each file to read, in order.
    func walk(_ argument: String, visit: (String, Int64?) throws -> Void) throws {
        var info = stat()
        guard stat(argument, &info) == 0 else {
            try report(argument, SystemError.message(errno))
            return
        }
        let chain = Self.chain(of: argument, isFolder: (info.st_mode & S_IFMT) == S_IFDIR)
        if (info.st_mode & S_IFMT) == S_IFDIR {
            var seen = Seen()
            try walkFolder(argument, info: info, chain: chain, seen: &seen, visit: visit)
        } else {
            let hour = OVCLayout.hour(ofFileIn: chain)
            if inWindow(hour) { try visit(argument, hour) }
        }
    }

    private func walkFolder(
        _ path: String, info: stat, chain: [Int64], seen: inout Seen,
        visit: (String, Int64?) throws -> Void
    ) throws {
        if let span = OVCLayout.span(ofFolderIn: chain), !overlaps(span) { return }
        let id = FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        guard !seen.ancestors.contains(id) else {
            try report(path, "folder loop (a link back to a parent folder), skipped")
            return
        }
        if let first = seen.folders[id] {
            note(path, "the same folder as \(first), already read; skipped")
            return
        }
        seen.folders[id] = path
        seen.ancestors.insert(id)
        defer { seen.ancestors.remove(id) }
        guard let entries = try listFolder(path) else { return }
        for (name, type, inode) in entries {
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            if type == UInt8(DT_REG) {
                // The folder listing already says it is a plain file, and
                // gives its inode: no stat(2) for it (one per hourly file
                // adds up over a month). A plain file is on its folder's device.
                guard matchesName(name) else { continue }
                let hour = OVCLayout.hour(ofFileIn: chain)
                guard inWindow(hour), once(FolderID(device: id.device, inode: inode), child, &seen) else { continue }
                try visit(child, hour)
                continue
            }
            var childInfo = stat()
            guard stat(child, &childInfo) == 0 else {
                // A dangling link to something we would not have read is no
                // problem; one that looks like our file is.
                if matchesName(name) { try report(child, SystemError.message(errno)) }
                continue
            }
            let childChain = OVCLayout.extend(chain, with: name)
            switch childInfo.st_mode & S_IFMT {
            case S_IFDIR:
                try walkFolder(child, info: childInfo, chain: childChain, seen: &seen, visit: visit)
            case S_IFREG where matchesName(name):
                let hour = OVCLayout.hour(ofFileIn: chain)
                let file = FolderID(device: UInt64(childInfo.st_dev), inode: UInt64(childInfo.st_ino))
                if inWindow(hour), once(file, child, &seen) { try visit(child, hour) }
            default:
                continue
            }
        }
    }

    /// Whether the file `id` is read for the first time in this walk;
    /// notes it when not.
    private func once(_ id: FolderID, _ path: String, _ seen: inout Seen) -> Bool {
        if let first = seen.files[id] {
            note(path, "the same file as \(first), already read; skipped")
            return false
        }
        seen.files[id] = path
        return true
    }

    /// The folder's entries (name, dirent type and inode), in numeric-aware order.
    private func listFolder(_ path: String) throws -> [(name: String, type: UInt8, inode: UInt64)]? {
        guard let folder = opendir(path) else {
            try report(path, SystemError.message(errno))
            return nil
        }
        defer { closedir(folder) }
        var names: [(name: String, type: UInt8, inode: UInt64)] = []
        while true {
            errno = 0
            guard let entry = readdir(folder) else {
                if errno != 0 { try report(path, SystemError.message(errno)) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append((name, entry.pointee.d_type, UInt64(entry.pointee.d_ino))) }
        }
        return names.sorted { NumericOrder.areInIncreasingOrder($0.name, $1.name) }
    }

    private func overlaps(_ span: (start: Int64, end: Int64)) -> Bool {
        if let start = window.start, span.end <= start { return false }
        if let end = window.end, span.start >= end { return false }
        return true
    }

    private func inWindow(_ hour: Int64?) -> Bool {
        guard let hour else { return true }
        return overlaps((hour, hour + 3600))
    }

    /// The run of numeric folder names ending at the argument (or at the
    /// folder holding it), from its real path so `.` and `..` still date it.
    private static func chain(of path: String, isFolder: Bool) -> [Int64] {
        var resolved = path
        if let real = realpath(path, nil) {
            resolved = String(cString: real)
            free(real)
        }
        var parts = resolved.split(separator: "/").map(String.init)
        if !isFolder { parts.removeLast() }
        var chain: [Int64] = []
        for part in parts { chain = OVCLayout.extend(chain, with: part) }
        return chain
    }
}
