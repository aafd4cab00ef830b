import AcctCore

import CCapnp
import Glibc

/// A failure reported by libcapnp, already phrased for a user.
public struct CapnpError: Error, CustomStringConvertible {
    public let description: String
    package init(description: String) { self.description = description }
}

/// Cap'n Proto framing of a file: capnp's standard stream framing, or packed.
public enum Framing: Sendable {
    case standard, packed

    package var code: Int32 { self == .packed ? Int32(CCAPNP_PACKED) : Int32(CCAPNP_STANDARD) }
}

/// The Swift face of the C++ shim: decodes whole files of messages, either
/// into flat OpenVCloud machines or into a tape of JSON events.
public final class CapnpReader {
    private let handle: OpaquePointer

    public init(traversalLimitWords: UInt64 = 0) {
        guard let handle = ccapnp_reader_new() else { fatalError("out of memory") }
        self.handle = handle
        ccapnp_reader_set_limits(handle, traversalLimitWords, 0)
    }

    deinit { ccapnp_reader_free(handle) }

    private var lastError: CapnpError {
        CapnpError(description: String(cString: ccapnp_reader_error(handle)))
    }

    /// Uses a schema file's struct instead of the built-in Account for
    /// `decodeTape`.
    public func loadSchema(path: String, root: String, importPaths: [String]) throws {
        let cStrings = importPaths.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        let status = cStrings.withUnsafeBufferPointer { dirs in
            dirs.withMemoryRebound(to: UnsafePointer<CChar>?.self) { dirs in
                ccapnp_reader_load_schema(handle, path, dirs.baseAddress, dirs.count, root)
            }
        }
        if status != 0 { throw lastError }
    }

    /// Every VMachine of every message in `bytes` (8-byte aligned), valid
    /// until the next call. Throws without giving any machine when any part
    /// of the file is bad, so a bad file never yields half its records.
    public func decodeMachines(_ bytes: UnsafeRawBufferPointer, framing: Framing) throws
        -> UnsafeBufferPointer<ccapnp_machine>
    {
        var machines: UnsafePointer<ccapnp_machine>? = nil
        var messages = 0
        let count = ccapnp_decode_ovc(handle, bytes.baseAddress, bytes.count, framing.code, &machines, &messages)
        if count < 0 { throw lastError }
        return UnsafeBufferPointer(start: machines, count: count)
    }

    /// Every message in `bytes` as a tape (see ccapnp.h), valid until the
    /// next call.
    public func decodeTape(_ bytes: UnsafeRawBufferPointer, framing: Framing) throws -> UnsafeRawBufferPointer {
        var tape: UnsafePointer<UInt8>? = nil
        var size = 0
        let count = ccapnp_decode_tape(handle, bytes.baseAddress, bytes.count, framing.code, &tape, &size)
        if count < 0 { throw lastError }
        return UnsafeRawBufferPointer(start: tape, count: size)
    }
}
