import AcctCore

/// Splits an expression into tokens. Names follow XPath's NCName loosely:
/// letters, digits, `_`, `-` and `.` after a letter or `_`, so JSON keys
/// such as `iops_read` and functions such as `starts-with` are one name, and
/// `a-b` is a name, not a subtraction, as XPath 1.0 reads it (`a - b` is).
/// `*`, `div` and `mod` are operators or names by where they stand, which
/// the parser decides.
struct ExprLexer {
    private let text: [UInt8]
    private var position = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String) { self.text = Array(text.utf8) }

    static func tokens(_ text: String) throws(ExprError) -> [ExprToken] {
        var lexer = ExprLexer(text)
        var tokens: [ExprToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var column: Int { position - lineStart + 1 }

    private func error(_ message: String) -> ExprError {
        ExprError(line: line, column: column, message: message)
    }

    private mutating func next() throws(ExprError) -> ExprToken {
        skipSpace()
        let startLine = line
        let startColumn = column
        func token(_ kind: ExprToken.Kind, length: Int) -> ExprToken {
            position += length
            return ExprToken(kind: kind, line: startLine, column: startColumn)
        }
        guard position < text.count else { return ExprToken(kind: .end, line: line, column: column) }
        let c = text[position]
        let following: UInt8 = position + 1 < text.count ? text[position + 1] : 0
        switch c {
        case UInt8(ascii: "/"):
            return following == UInt8(ascii: "/") ? token(.doubleSlash, length: 2) : token(.slash, length: 1)
        case UInt8(ascii: "["): return token(.leftBracket, length: 1)
        case UInt8(ascii: "]"): return token(.rightBracket, length: 1)
        case UInt8(ascii: "("): return token(.leftParen, length: 1)
        case UInt8(ascii: ")"): return token(.rightParen, length: 1)
        case UInt8(ascii: "|"): return token(.pipe, length: 1)
        case UInt8(ascii: ","): return token(.comma, length: 1)
        case UInt8(ascii: "*"): return token(.star, length: 1)
        case UInt8(ascii: "-"): return token(.minus, length: 1)
        case UInt8(ascii: "+"): return token(.plus, length: 1)
        case UInt8(ascii: "="): return token(.equal, length: 1)
        case UInt8(ascii: "!"):
            guard following == UInt8(ascii: "=") else { throw error("expected '=' after '!'") }
            return token(.notEqual, length: 2)
        case UInt8(ascii: "<"):
            return following == UInt8(ascii: "=") ? token(.lessEqual, length: 2) : token(.less, length: 1)
        case UInt8(ascii: ">"):
            return following == UInt8(ascii: "=") ? token(.greaterEqual, length: 2) : token(.greater, length: 1)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            guard let close = text[(position + 1)...].firstIndex(of: c) else {
                throw error("unterminated string")
            }
            let value = String(decoding: text[(position + 1)..<close], as: UTF8.self)
            let kind = ExprToken.Kind.string(value)
            let newlines = text[position..<close].filter { $0 == 10 }.count
            if newlines > 0 {
                line += newlines
                lineStart = (text[position..<close].lastIndex(of: 10) ?? position) + 1
            }
            return token(kind, length: close + 1 - position)
        case UInt8(ascii: "."):
            if isDigit(following) { return number(startLine, startColumn) }
            return token(.dot, length: 1)
        default:
            if isDigit(c) { return number(startLine, startColumn) }
            if isNameStart(c) {
                var end = position + 1
                while end < text.count && isNameChar(text[end]) { end += 1 }
                let name = String(decoding: text[position..<end], as: UTF8.self)
                return token(.name(name), length: end - position)
            }
            let shown = c < 0x80 ? String(UnicodeScalar(c)) : "\\x" + String(c, radix: 16)
            throw error("unexpected character '\(shown)'")
        }
    }

    private mutating func number(_ startLine: Int, _ startColumn: Int) -> ExprToken {
        var end = position
        while end < text.count && isDigit(text[end]) { end += 1 }
        if end < text.count && text[end] == UInt8(ascii: ".") {
            end += 1
            while end < text.count && isDigit(text[end]) { end += 1 }
        }
        let value = String(decoding: text[position..<end], as: UTF8.self)
        position = end
        return ExprToken(kind: .number(value), line: startLine, column: startColumn)
    }

    private mutating func skipSpace() {
        while position < text.count {
            switch text[position] {
            case 10:
                position += 1
                line += 1
                lineStart = position
            case 9, 13, 32:
                position += 1
            default:
                return
            }
        }
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    private func isNameStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_") || c >= 0x80
    }

    private func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || isDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }
}
