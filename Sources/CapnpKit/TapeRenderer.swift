import AcctCore
import CCapnp

/// Renders the shim's tape of events (see ccapnp.h) as JSON, one line per
/// top-level value. Keeping JSON out of the C++ side means the record
/// writer and number formatting exist once, in AcctCore.
enum TapeRenderer {
    /// Appends every value of `tape` to `out`; returns false when some text
    /// was not valid UTF-8 (it is written with U+FFFD in its place). A tag
    /// the shim does not define is an error: the tape and this renderer
    /// disagree, and guessing would print wrong values.
    static func render(_ tape: UnsafeRawBufferPointer, into out: OutputBuffer) throws(CapnpError) -> Bool {
        var valid = true
        var position = 0
        var depth = 0
        var needComma = false

        func length() -> Int {
            let n = Int(tape.loadUnaligned(fromByteOffset: position, as: UInt32.self).littleEndian)
            position += 4
            return n
        }
        func bytes() -> UnsafeRawBufferPointer {
            let n = length()
            defer { position += n }
            return UnsafeRawBufferPointer(rebasing: tape[position..<position + n])
        }
        func beginValue() {
            if needComma { out.append(UInt8(ascii: ",")) }
        }
        func endValue() {
            needComma = true
            if depth == 0 {
                out.append(UInt8(ascii: "\n"))
                needComma = false
            }
        }

        while position < tape.count {
            let byte = tape[position]
            position += 1
            switch ccapnp_tape_tag(rawValue: byte) {
            case CCAPNP_TAPE_OBJECT_BEGIN, CCAPNP_TAPE_ARRAY_BEGIN:
                beginValue()
                out.append(byte)
                depth += 1
                needComma = false
            case CCAPNP_TAPE_OBJECT_END, CCAPNP_TAPE_ARRAY_END:
                out.append(byte)
                depth -= 1
                endValue()
            case CCAPNP_TAPE_KEY:
                if needComma { out.append(UInt8(ascii: ",")) }
                valid = out.appendJSONString(bytes: bytes()) && valid
                out.append(UInt8(ascii: ":"))
                needComma = false
            case CCAPNP_TAPE_TEXT:
                beginValue()
                valid = out.appendJSONString(bytes: bytes()) && valid
                endValue()
            case CCAPNP_TAPE_DATA:
                beginValue()
                out.append(UInt8(ascii: "\""))
                out.appendBase64(bytes())
                out.append(UInt8(ascii: "\""))
                endValue()
            case CCAPNP_TAPE_INT64:
                beginValue()
                out.appendInt(tape.loadUnaligned(fromByteOffset: position, as: Int64.self).littleEndian)
                position += 8
                endValue()
            case CCAPNP_TAPE_UINT64:
                beginValue()
                out.appendUInt(tape.loadUnaligned(fromByteOffset: position, as: UInt64.self).littleEndian)
                position += 8
                endValue()
            case CCAPNP_TAPE_FLOAT64:
                beginValue()
                out.appendDouble(tape.loadUnaligned(fromByteOffset: position, as: Double.self))
                position += 8
                endValue()
            case CCAPNP_TAPE_FLOAT32:
                beginValue()
                out.appendFloat(tape.loadUnaligned(fromByteOffset: position, as: Float.self))
                position += 4
                endValue()
            case CCAPNP_TAPE_TRUE:
                beginValue()
                out.append("true")
                endValue()
            case CCAPNP_TAPE_FALSE:
                beginValue()
                out.append("false")
                endValue()
            case CCAPNP_TAPE_NULL:
                beginValue()
                out.append("null")
                endValue()
            default:
                throw CapnpError(description: "internal error: unknown tag \(byte) at byte \(position - 1) of the decoded tape")
            }
        }
        return valid
    }
}
