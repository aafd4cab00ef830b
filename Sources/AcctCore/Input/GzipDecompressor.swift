import CZlib

/// gzip members through zlib's inflate.
final class GzipDecompressor: Decompressor {
    private var stream = z_stream()
    private var memberEnded = false
    private(set) var isInsideFrame = false

    init() throws(DecompressionFailure) {
        // 15 + 16: a gzip wrapper only, with the largest window.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DecompressionFailure(reason: "zlib could not start")
        }
    }

    deinit { inflateEnd(&stream) }

    func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(DecompressionFailure) -> (consumed: Int, produced: Int) {
        if memberEnded {
            guard !input.isEmpty else { return (0, 0) }
            // Zero bytes after a member are padding (a .tar.gz written to a
            // tape or through dd conv=sync fills its last block so), which
            // gzip -d and GNU tar pass over.
            var zeros = 0
            while zeros < input.count && input[zeros] == 0 { zeros += 1 }
            if zeros > 0 { return (zeros, 0) }
            // Members may follow one another (`cat a.gz b.gz`), as gzip -d reads them.
            inflateReset(&stream)
            memberEnded = false
        }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = UInt32(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(output.count)
        let status = inflate(&stream, Z_NO_FLUSH)
        let used = (input.count - Int(stream.avail_in), output.count - Int(stream.avail_out))
        switch status {
        case Z_STREAM_END:
            memberEnded = true
            isInsideFrame = false
        case Z_OK, Z_BUF_ERROR:
            // Z_BUF_ERROR: no progress until more input comes.
            isInsideFrame = true
        default:
            let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw DecompressionFailure(reason: SystemError.lowercasingFirstWord(reason), consumed: used.0)
        }
        return used
    }
}
