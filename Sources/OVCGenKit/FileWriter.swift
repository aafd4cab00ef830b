import AcctCore
import CapnpKit
import Glibc

/// Writes whole files for the generator, making folders as needed.
enum FileWriter {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        try makeFolders(for: path)
        let fd: Int32
        switch Descriptor.open(path, O_WRONLY | O_CREAT | O_TRUNC, mode: 0o644) {
        case .success(let opened): fd = opened
        case .failure(let error): throw Failure(description: "\(path): \(SystemError.message(error.code))")
        }
        defer { close(fd) }
        if let error = Descriptor.writeAll(fd, bytes) {
            throw Failure(description: "\(path): \(SystemError.message(error.code))")
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
