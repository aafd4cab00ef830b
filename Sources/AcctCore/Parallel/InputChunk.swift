/// A run of whole lines of one input, cut by `ChunkSplitter` for the
/// workers of a parallel run (`-j`): its bytes end at a line end (or at the
/// input's end), and it knows the number of its first line, so messages
/// keep the `FILE:LINE` of a serial run.
public final class InputChunk: @unchecked Sendable {
    /// The input's name in messages (`<stdin>` for standard input).
    public let sourceName: String
    /// The 1-based number of the chunk's first line.
    public let firstLine: Int
    /// The bytes, `count` of them; owned by the chunk.
    let storage: GrowableStorage<UInt8>
    public let count: Int

    init(sourceName: String, firstLine: Int, storage: GrowableStorage<UInt8>, count: Int) {
        self.sourceName = sourceName
        self.firstLine = firstLine
        self.storage = storage
        self.count = count
    }

    /// Copies `bytes` into a chunk of their own (tests).
    public convenience init(_ bytes: [UInt8], sourceName: String = "<stdin>", firstLine: Int = 1) {
        var storage = GrowableStorage<UInt8>(capacity: bytes.count)
        storage.reserve(bytes.count, keeping: 0)
        bytes.withUnsafeBufferPointer { storage.base.update(from: $0.baseAddress!, count: bytes.count) }
        self.init(sourceName: sourceName, firstLine: firstLine, storage: storage, count: bytes.count)
    }

    deinit {
        storage.free()
    }

    /// The chunk's bytes, valid while the chunk lives.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage.base, count: count) }
}
