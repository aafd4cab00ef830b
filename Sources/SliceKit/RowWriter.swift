import AcctCore

/// Writes a record cut to one slice: `start`/`end` the part inside the
/// slice (the whole slice with --round-up), `seconds` its length or the
/// record's own `seconds` prorated, counters prorated, everything else
/// copied as it stands in the input.
struct RowWriter {
    let roundUp: Bool

    func write(_ record: SliceRecord, _ piece: SlicePiece, tape: JSONTape, to out: RecordWriter) throws(OutputError) {
        let whole = piece.start <= record.start && piece.end >= record.end
        let spansSlice = roundUp && !Grid.isAllTime(piece.sliceStart)
        let (rowStart, rowEnd) = spansSlice ? (piece.sliceStart, piece.sliceEnd) : (piece.start, piece.end)
        out.begin()
        for i in 0..<record.members.count {
            let (node, kind) = (record.members[i].node, record.members[i].kind)
            out.key(encoded: tape.keyBytes(node)!)
            if node == record.startNode {
                out.time(rowStart)
                if record.endNode < 0 { out.time("end", rowEnd) }
            } else if node == record.endNode {
                out.time(rowEnd)
            } else if node == record.secondsNode && spansSlice {
                out.buffer.appendInt(rowEnd - rowStart)
            } else if kind == .counter && !whole {
                Self.prorated(node, record, piece, tape: tape, into: out.buffer)
            } else {
                Self.copy(node, tape: tape, to: out)
            }
        }
        if record.secondsNode < 0 { out.int("seconds", rowEnd - rowStart) }
        try out.end()
    }

    /// A value as the input wrote it (a string's text between its quotes).
    static func copy(_ node: Int, tape: JSONTape, to out: RecordWriter) {
        if tape.kind(node) == .string {
            out.encodedString(tape.rawBytes(node))
        } else {
            out.encoded(tape.rawBytes(node))
        }
    }

    private static func prorated(_ node: Int, _ record: SliceRecord, _ piece: SlicePiece, tape: JSONTape, into out: OutputBuffer) {
        if tape.kind(node) == .int {
            if let narrow = tape.int64(node) {
                out.appendInt(Proration.share(narrow, from: piece.start, to: piece.end, of: record.start, record.end))
            } else {
                out.appendInteger(Proration.share(tape.integer(node), from: piece.start, to: piece.end, of: record.start, record.end))
            }
        } else {
            out.appendDouble(Proration.share(tape.double(node), from: piece.start, to: piece.end, of: record.start, record.end))
        }
    }
}
