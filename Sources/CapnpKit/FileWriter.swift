import AcctKit
import Glibc

/// Writes whole files for the generator, making folders as needed.
enum FileWriter {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        try makeFolders(for: path)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure(description: "\(path): \(SystemError.message(errno))") }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "\(path): \(SystemError.message(errno))")
            }
            done += n
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { try write($0, to: path) }
    }

    private static func makeFolders(for path: String) throws {
        let bytes = Array(path.utf8)
        for i in bytes.indices where i > 0 && bytes[i] == UInt8(ascii: "/") {
            let folder = String(decoding: bytes[..<i], as: UTF8.self)
            if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                throw Failure(description: "\(folder): \(SystemError.message(errno))")
            }
        }
    }
}
