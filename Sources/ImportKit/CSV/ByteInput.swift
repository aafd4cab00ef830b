import AcctCore

/// Why an input could not be read to its end; the message names the input
/// ("day.tar.gz: truncated archive").
struct ReadFailure: Error, CustomStringConvertible {
    let description: String
}

/// What the CSV reader pulls bytes from: a whole file (`ByteSource`) or one
/// member of a tar archive, so a dump inside a day archive is read like a
/// dump on disk, without being extracted.
protocol ByteInput: AnyObject {
    /// The name messages use (`FILE` in `FILE:LINE`).
    var name: String { get }
    /// Reads up to `buffer.count` bytes; 0 only at the end.
    func readBytes(into buffer: UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int
}

extension ByteSource: ByteInput {
    func readBytes(into buffer: UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int {
        do {
            return try read(into: buffer)
        } catch {
            throw ReadFailure(description: error.description)
        }
    }
}
