/// An input whose first bytes are read ahead, so that what they are (a tar
/// archive or rows of text) can decide how it is read; they are then handed
/// out again, before the rest, to whichever reader takes the input.
final class PeekedInput: ByteInput {
    let name: String
    private let input: ByteInput
    private let head: UnsafeMutableRawBufferPointer
    /// The bytes read ahead, and how many of them were handed out again.
    private var headCount = 0
    private var headRead = 0

    /// An input whose first `count` bytes `peek()` reads ahead.
    init(_ input: ByteInput, count: Int) {
        self.input = input
        name = input.name
        head = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 8)
    }

    deinit {
        head.deallocate()
    }

    /// Reads the first bytes ahead, up to the count given at the start
    /// (fewer only when the input ends first), and returns them (valid
    /// while the input lives).
    func peek() throws(ReadFailure) -> UnsafeRawBufferPointer {
        while headCount < head.count {
            let n = try input.readBytes(into: UnsafeMutableRawBufferPointer(rebasing: head[headCount...]))
            if n == 0 { break }
            headCount += n
        }
        return UnsafeRawBufferPointer(rebasing: head[0..<headCount])
    }

    func readBytes(into buffer: UnsafeMutableRawBufferPointer) throws(ReadFailure) -> Int {
        if headRead < headCount {
            let n = min(buffer.count, headCount - headRead)
            buffer.baseAddress!.copyMemory(from: head.baseAddress! + headRead, byteCount: n)
            headRead += n
            return n
        }
        return try input.readBytes(into: buffer)
    }
}
