import AcctCore
import Glibc

extension OutputBuffer {
    /// The contents as text (invalid UTF-8 shown as U+FFFD).
    public var text: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    /// The contents as bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
}

/// Encodes with `body` into a fresh buffer and returns the text.
public func encoded(_ body: (OutputBuffer) -> Void) -> String {
    let buffer = OutputBuffer(capacity: 16)
    body(buffer)
    return buffer.text
}

/// A pipe's two descriptors.
public func makePipe() -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    precondition(pipe(&fds) == 0)
    return (fds[0], fds[1])
}

/// Everything left in a descriptor until end of file.
public func readAll(_ fd: Int32) -> [UInt8] {
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { return result }
        result += chunk[0..<n]
    }
}

/// Everything `source` gives, read `size` bytes at a time.
public func readInChunks(_ source: ByteSource, size: Int) throws -> [UInt8] {
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: size)
    while true {
        let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
        if n == 0 { return result }
        result += chunk[0..<n]
    }
}
