import CSystem
import Glibc

/// Cuts the inputs of a parallel run (`-j`) into chunks of whole lines, a
/// few MB each, in input order: files one after another, standard input
/// as it comes, after decompression. Each chunk knows its input and the
/// number of its first line; an input that cannot be opened or read is an
/// item of its own, in its place, so that the run says it where a serial
/// run would (the lines before a read error still come first).
public final class ChunkSplitter {
    public enum Item {
        case chunk(InputChunk)
        /// A whole-input problem: the message, as a serial run says it.
        case problem(String)
    }

    /// The default size: large enough that a chunk's fixed costs (a
    /// thread hand-off, a buffer) vanish against its records, small enough
    /// that a few per worker stay a few tens of MB.
    public static let defaultChunkBytes = 4 << 20

    private let paths: [String]
    private let chunkBytes: Int
    private var nextPath = 0
    private var source: ByteSource?
    /// The current input's name in messages.
    private var name = ""
    /// The number of the next chunk's first line.
    private var line = 1
    /// The start of the next chunk: the partial line after the last cut.
    private var carry: GrowableStorage<UInt8>?
    private var carryCount = 0
    private var pending: Item?

    /// Splits `paths` (none, or `-`, is standard input) into chunks of
    /// about `chunkBytes` (a line longer than that makes a larger one).
    public init(paths: [String], chunkBytes: Int = ChunkSplitter.defaultChunkBytes) {
        self.paths = paths.isEmpty ? ["-"] : paths
        self.chunkBytes = max(chunkBytes, 1)
    }

    deinit {
        carry?.free()
        source?.close()
    }

    /// The next chunk or problem, nil after the last input.
    public func next() -> Item? {
        while true {
            if let item = pending {
                pending = nil
                return item
            }
            if source == nil {
                guard nextPath < paths.count else { return nil }
                let path = paths[nextPath]
                nextPath += 1
                do {
                    let opened = try ByteSource(path: path)
                    source = opened
                    name = opened.name
                } catch {
                    return .problem("\(error)")
                }
                line = 1
            }
            if let chunk = readChunk() { return .chunk(chunk) }
        }
    }

    /// Reads the next chunk of the current input; nil when it had no
    /// whole line (its end, or a read error, which is then pending).
    private func readChunk() -> InputChunk? {
        guard let source else { return nil }
        var storage = carry ?? GrowableStorage<UInt8>(capacity: chunkBytes + 4096)
        storage.reserve(chunkBytes + 4096, keeping: carryCount)
        var count = carryCount
        carry = nil
        carryCount = 0
        var searched = 0
        while true {
            var ended = false
            while count < chunkBytes || (count == searched && !ended) {
                if count == storage.capacity { storage.reserve(count + 1, keeping: count) }
                let n: Int
                do {
                    n = try source.read(into: UnsafeMutableRawBufferPointer(start: storage.base + count, count: storage.capacity - count))
                } catch {
                    pending = .problem("\(error)")
                    finishSource()
                    // Whole lines before the error are read, as serially.
                    let cut = lastLineEnd(storage, count)
                    return make(storage, cut)
                }
                if n == 0 {
                    ended = true
                    break
                }
                count += n
            }
            if ended {
                finishSource()
                return make(storage, count)
            }
            // Only the bytes read since the last search can hold a line end.
            let cut = lastLineEnd(storage, count, after: searched)
            if cut > 0 { return make(storage, cut, tail: count - cut) }
            // One line longer than the chunk so far: read on, up to the
            // longest line a serial run reads; a longer one is said and
            // read past without being kept.
            if count >= LineReader.defaultMaxLineLength {
                pending = .problem("\(name):\(line): " + InputError.lineTooLongMessage(limit: LineReader.defaultMaxLineLength))
                line += 1
                skipRestOfLine(storage)
                return nil
            }
            searched = count
        }
    }

    /// Makes a chunk of the first `count` bytes of `storage`; the `tail`
    /// bytes after them start the next chunk.
    private func make(_ storage: GrowableStorage<UInt8>, _ count: Int, tail: Int = 0) -> InputChunk? {
        if tail > 0 {
            let next = GrowableStorage<UInt8>(capacity: max(chunkBytes + 4096, tail))
            next.base.update(from: storage.base + count, count: tail)
            carry = next
            carryCount = tail
        }
        guard count > 0 else {
            storage.free()
            return nil
        }
        let chunk = InputChunk(sourceName: name, firstLine: line, storage: storage, count: count)
        line += Self.lineEnds(storage.base, count)
        return chunk
    }

    /// Reads past the rest of a line that is too long, into `storage`
    /// (then freed); what follows its line end starts the next chunk.
    private func skipRestOfLine(_ storage: GrowableStorage<UInt8>) {
        defer { storage.free() }
        guard let source else { return }
        while true {
            let n: Int
            do {
                n = try source.read(into: UnsafeMutableRawBufferPointer(start: storage.base, count: storage.capacity))
            } catch {
                finishSource()
                return
            }
            if n == 0 {
                finishSource()
                return
            }
            guard let found = memchr(storage.base, 0x0A, n) else { continue }
            let after = storage.base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            let tail = n - after
            if tail > 0 {
                let next = GrowableStorage<UInt8>(capacity: max(chunkBytes + 4096, tail))
                next.base.update(from: storage.base + after, count: tail)
                carry = next
                carryCount = tail
            }
            return
        }
    }

    private func finishSource() {
        source?.close()
        source = nil
    }

    /// The length up to and including the last `\n` in the first `count`
    /// bytes, 0 when there is none.
    private func lastLineEnd(_ storage: GrowableStorage<UInt8>, _ count: Int, after searched: Int = 0) -> Int {
        // Backwards byte by byte: the last line end is a line's length
        // from the end (memrchr is a GNU extension Glibc's module lacks).
        var i = count
        while i > searched {
            if storage.base[i - 1] == 0x0A { return i }
            i -= 1
        }
        return 0
    }

    /// The number of `\n` bytes in the first `count` bytes: counted, not
    /// searched line by line, as this thread reads for all the workers.
    static func lineEnds(_ base: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
        csystem_count_byte(base, count, 0x0A)
    }
}
