import AcctCore

/// One lexical unit of an expression, with where it starts.
struct ExprToken: Equatable {
    enum Kind: Equatable {
        case name(String)
        case string(String)
        case number(String)
        case slash, doubleSlash, dot, star
        case leftBracket, rightBracket, leftParen, rightParen
        case pipe, comma, minus, plus
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case end
    }

    let kind: Kind
    let line: Int
    let column: Int
}
