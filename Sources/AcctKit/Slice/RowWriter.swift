/// Writes a record cut to one slice: `start`/`end` the part inside the
/// slice (the whole slice with --round-up), `seconds` its length or the
/// record's own `seconds` prorated, counters prorated, everything else
/// copied as it stands in the input.
struct RowWriter {
    let roundUp: Bool

    func write(_ record: SliceRecord, _ piece: SlicePiece, tape: JSONTape, into out: OutputBuffer) {
        let whole = piece.start <= record.start && piece.end >= record.end
        let spansSlice = roundUp && !Grid.isAllTime(piece.sliceStart)
        let (rowStart, rowEnd) = spansSlice ? (piece.sliceStart, piece.sliceEnd) : (piece.start, piece.end)
        out.append("{")
        var first = true
        for (node, _, kind) in record.members {
            if !first { out.append(",") }
            first = false
            out.append("\"")
            out.append(tape.keyBytes(node)!)
            out.append("\":")
            if node == record.startNode {
                Self.time(rowStart, into: out)
                if record.endNode < 0 {
                    out.append(",\"end\":")
                    Self.time(rowEnd, into: out)
                }
            } else if node == record.endNode {
                Self.time(rowEnd, into: out)
            } else if node == record.secondsNode && spansSlice {
                out.appendInt(rowEnd - rowStart)
            } else if kind == .counter && !whole {
                Self.prorated(node, record, piece, tape: tape, into: out)
            } else {
                Self.copy(node, tape: tape, into: out)
            }
        }
        if record.secondsNode < 0 {
            out.append(",\"seconds\":")
            out.appendInt(rowEnd - rowStart)
        }
        out.append("}\n")
    }

    static func time(_ epoch: Int64, into out: OutputBuffer) {
        out.append("\"")
        RFC3339.format(epoch, into: out)
        out.append("\"")
    }

    static func copy(_ node: Int, tape: JSONTape, into out: OutputBuffer) {
        if tape.kind(node) == .string {
            out.append("\"")
            out.append(tape.rawBytes(node))
            out.append("\"")
        } else {
            out.append(tape.rawBytes(node))
        }
    }

    private static func prorated(_ node: Int, _ record: SliceRecord, _ piece: SlicePiece, tape: JSONTape, into out: OutputBuffer) {
        if tape.kind(node) == .int {
            out.appendInt(Proration.share(tape.int64(node), from: piece.start, to: piece.end, of: record.start, record.end))
        } else {
            out.appendDouble(Proration.share(tape.double(node), from: piece.start, to: piece.end, of: record.start, record.end))
        }
    }
}
