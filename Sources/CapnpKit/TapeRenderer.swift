import AcctKit

/// Renders the shim's tape of events (see ccapnp.h) as JSON, one line per
/// top-level value. Keeping JSON out of the C++ side means the record
/// writer and number formatting exist once, in AcctKit.
enum TapeRenderer {
    /// Appends every value of `tape` to `out`; returns false when some text
    /// was not valid UTF-8 (it is written with U+FFFD in its place).
    static func render(_ tape: UnsafeRawBufferPointer, into out: OutputBuffer) -> Bool {
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
            let tag = tape[position]
            position += 1
            switch tag {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                beginValue()
                out.append(tag)
                depth += 1
                needComma = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                out.append(tag)
                depth -= 1
                endValue()
            case UInt8(ascii: "K"):
                if needComma { out.append(UInt8(ascii: ",")) }
                valid = out.appendJSONString(bytes: bytes()) && valid
                out.append(UInt8(ascii: ":"))
                needComma = false
            case UInt8(ascii: "S"):
                beginValue()
                valid = out.appendJSONString(bytes: bytes()) && valid
                endValue()
            case UInt8(ascii: "D"):
                beginValue()
                out.append(UInt8(ascii: "\""))
                out.appendBase64(bytes())
                out.append(UInt8(ascii: "\""))
                endValue()
            case UInt8(ascii: "I"):
                beginValue()
                out.appendInt(tape.loadUnaligned(fromByteOffset: position, as: Int64.self).littleEndian)
                position += 8
                endValue()
            case UInt8(ascii: "U"):
                beginValue()
                out.appendUInt(tape.loadUnaligned(fromByteOffset: position, as: UInt64.self).littleEndian)
                position += 8
                endValue()
            case UInt8(ascii: "G"):
                beginValue()
                out.appendDouble(tape.loadUnaligned(fromByteOffset: position, as: Double.self))
                position += 8
                endValue()
            case UInt8(ascii: "F"):
                beginValue()
                out.appendFloat(tape.loadUnaligned(fromByteOffset: position, as: Float.self))
                position += 4
                endValue()
            case UInt8(ascii: "T"):
                beginValue()
                out.append("true")
                endValue()
            case UInt8(ascii: "X"):
                beginValue()
                out.append("false")
                endValue()
            default:
                beginValue()
                out.append("null")
                endValue()
            }
        }
        return valid
    }
}
