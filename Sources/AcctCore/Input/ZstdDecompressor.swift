import CZstd

/// zstd frames through libzstd's streaming API.
final class ZstdDecompressor: Decompressor {
    private let context: OpaquePointer
    private(set) var isInsideFrame = false

    init() throws(DecompressionFailure) {
        guard let context = ZSTD_createDCtx() else { throw DecompressionFailure(reason: "out of memory") }
        self.context = context
    }

    deinit { ZSTD_freeDCtx(context) }

    func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(DecompressionFailure) -> (consumed: Int, produced: Int) {
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var target = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        let result = ZSTD_decompressStream(context, &target, &source)
        if ZSTD_isError(result) != 0 {
            throw DecompressionFailure(reason: SystemError.lowercasingFirstWord(String(cString: ZSTD_getErrorName(result))),
                                       consumed: source.pos)
        }
        // Not 0: the frame goes on, or its output is not all out yet.
        isInsideFrame = result != 0
        return (source.pos, target.pos)
    }
}
