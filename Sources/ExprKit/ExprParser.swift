import AcctCore

/// Recursive descent over XPath 1.0's precedence: `or`, `and`, `= !=`,
/// `< <= > >=`, `+ -`, `* div mod`, unary minus, `|`, paths and primaries.
/// As in XPath, `*`, `div` and `mod` are operators where an operator can
/// stand (after an operand) and a name test or names elsewhere.
struct ExprParser {
    private let tokens: [ExprToken]
    private var index = 0
    private let zone: Zone
    private let now: Int64
    /// How deep parentheses, function arguments, predicates and chained
    /// comparisons are nested where the parser stands (the top level, the
    /// first `orExpr`, is none).
    private var nesting = -1

    /// The deepest nesting an expression may have. The parser and the
    /// evaluator recurse once per level (a few hundred bytes of stack
    /// each), so 30,000 parentheses would overflow the 8 MiB main stack;
    /// no real selection nests more than a handful.
    static let maxNesting = 100

    static func parse(_ text: String, zone: Zone, now: Int64) throws(ExprError) -> ExprNode {
        var parser = ExprParser(tokens: try ExprLexer.tokens(text), zone: zone, now: now)
        if parser.peek == .end { throw parser.error("empty expression") }
        let node = try parser.orExpr()
        guard parser.peek == .end else { throw parser.error("unexpected \(parser.describe(parser.current))") }
        return node
    }

    private init(tokens: [ExprToken], zone: Zone, now: Int64) {
        self.tokens = tokens
        self.zone = zone
        self.now = now
    }

    private var current: ExprToken { tokens[index] }
    private var peek: ExprToken.Kind { tokens[index].kind }

    private func error(_ message: String, at token: ExprToken? = nil) -> ExprError {
        let t = token ?? current
        return ExprError(line: t.line, column: t.column, message: message)
    }

    private mutating func advance() -> ExprToken {
        defer { if index < tokens.count - 1 { index += 1 } }
        return tokens[index]
    }

    private mutating func expect(_ kind: ExprToken.Kind, _ shown: String) throws(ExprError) {
        guard peek == kind else { throw error("expected '\(shown)'") }
        _ = advance()
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .name(let name) = peek { return name == word }
        return false
    }

    private mutating func orExpr() throws(ExprError) -> ExprNode {
        nesting += 1
        defer { nesting -= 1 }
        // Said at the token that opened the level: `(`, `[` or `,`.
        guard nesting <= Self.maxNesting else { throw error("expression nested deeper than \(Self.maxNesting) levels", at: tokens[index - 1]) }
        var terms = [try andExpr()]
        while isKeyword("or") {
            _ = advance()
            terms.append(try andExpr())
        }
        return Self.balanced(terms[...], ExprNode.or)
    }

    private mutating func andExpr() throws(ExprError) -> ExprNode {
        var terms = [try equality()]
        while isKeyword("and") {
            _ = advance()
            terms.append(try equality())
        }
        return Self.balanced(terms[...], ExprNode.and)
    }

    /// `a or b or c …` as a balanced tree, in the order written: `or` and
    /// `and` are associative and still evaluated left to right, and a
    /// generated list of thousands of alternatives is a tree a few dozen
    /// levels deep rather than thousands.
    private static func balanced(_ terms: ArraySlice<ExprNode>, _ join: (ExprNode, ExprNode) -> ExprNode) -> ExprNode {
        if terms.count == 1 { return terms[terms.startIndex] }
        let middle = terms.startIndex + terms.count / 2
        return join(balanced(terms[..<middle], join), balanced(terms[middle...], join))
    }

    private mutating func equality() throws(ExprError) -> ExprNode {
        let outer = nesting
        defer { nesting = outer }
        var left = try relational()
        while true {
            let op: ComparisonOperator
            switch peek {
            case .equal: op = .equal
            case .notEqual: op = .notEqual
            default: return left
            }
            try deepen()
            _ = advance()
            left = try comparison(op, left, try relational())
        }
    }

    private mutating func relational() throws(ExprError) -> ExprNode {
        let outer = nesting
        defer { nesting = outer }
        var left = try additive()
        while true {
            let op: ComparisonOperator
            switch peek {
            case .less: op = .less
            case .lessEqual: op = .lessEqual
            case .greater: op = .greater
            case .greaterEqual: op = .greaterEqual
            default: return left
            }
            try deepen()
            _ = advance()
            left = try comparison(op, left, try additive())
        }
    }

    private mutating func additive() throws(ExprError) -> ExprNode {
        let outer = nesting
        defer { nesting = outer }
        var left = try multiplicative()
        while true {
            let op: ArithmeticOperator
            switch peek {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return left
            }
            try deepen()
            _ = advance()
            left = .arithmetic(op, left, try multiplicative())
        }
    }

    private mutating func multiplicative() throws(ExprError) -> ExprNode {
        let outer = nesting
        defer { nesting = outer }
        var left = try unary()
        while true {
            let op: ArithmeticOperator
            if peek == .star {
                op = .multiply
            } else if isKeyword("div") {
                op = .divide
            } else if isKeyword("mod") {
                op = .modulo
            } else {
                return left
            }
            try deepen()
            _ = advance()
            left = .arithmetic(op, left, try unary())
        }
    }

    /// `a = b = c` is `(a = b) = c`, `a - b - c` is `(a - b) - c`: each
    /// comparison or arithmetic operator in a chain is one level deeper.
    private mutating func deepen() throws(ExprError) {
        nesting += 1
        guard nesting <= Self.maxNesting else { throw error("expression nested deeper than \(Self.maxNesting) levels") }
    }

    /// A comparison. A literal written as a time that names none is refused
    /// when the other side may be a time (a path, `string()`, a time
    /// literal), as the same text is refused by `-s`: compared as text it
    /// would keep or drop records by a date that does not exist.
    private func comparison(_ op: ComparisonOperator, _ left: ExprNode, _ right: ExprNode) throws(ExprError) -> ExprNode {
        for (side, other) in [(left, right), (right, left)] {
            if case .literal(let literal) = side, let problem = literal.timeProblem, Self.mayBeTime(other) { throw problem }
        }
        return .compare(op, left, right)
    }

    private static func mayBeTime(_ node: ExprNode) -> Bool {
        switch node {
        case .path, .union, .call(.string, _): return true
        case .literal(let literal): return literal.time != nil
        default: return false
        }
    }

    /// A minus before a number literal makes a negative literal, so that
    /// `vcpus > -1` stays a comparison with a constant (and the most
    /// negative 128-bit integer can be written); before anything else it
    /// negates.
    private mutating func unary() throws(ExprError) -> ExprNode {
        guard peek == .minus else { return try union() }
        let minus = advance()
        if case .number(let text) = peek {
            _ = advance()
            return try number("-" + text, at: minus)
        }
        if peek == .end { throw error("expected an operand after '-'", at: minus) }
        // `- - - x` nests a level for each minus.
        let outer = nesting
        defer { nesting = outer }
        try deepen()
        return .negate(try unary())
    }

    private mutating func union() throws(ExprError) -> ExprNode {
        let first = try primary()
        guard peek == .pipe else { return first }
        guard case .path(let path) = first else { throw error("'|' joins paths only") }
        var paths = [path]
        while peek == .pipe {
            let bar = advance()
            guard case .path(let next) = try primary() else { throw error("'|' joins paths only", at: bar) }
            paths.append(next)
        }
        return .union(paths)
    }

    private mutating func primary() throws(ExprError) -> ExprNode {
        let token = current
        switch token.kind {
        case .string(let text):
            _ = advance()
            var time: Int64?
            var problem: ExprError?
            do throws(TimeSpecError) {
                time = try TimeSpec.parse(text, zone: zone, now: now)
            } catch let failure where failure.isTimeForm {
                problem = error("\(failure)", at: token)
            } catch {}
            return .literal(ExprLiteral(text: text, bytes: Array(text.utf8), time: time, timeProblem: problem))
        case .number(let text):
            _ = advance()
            return try number(text, at: token)
        case .leftParen:
            _ = advance()
            let inner = try orExpr()
            try expect(.rightParen, ")")
            return inner
        case .name(let name) where tokens[index + 1].kind == .leftParen:
            return try call(name)
        case .slash, .doubleSlash, .name, .star, .dot:
            return .path(try path())
        case .end:
            throw error("unexpected end of expression")
        default:
            throw error("unexpected \(describe(token))")
        }
    }

    private mutating func call(_ name: String) throws(ExprError) -> ExprNode {
        let nameToken = advance()
        guard let function = ExprFunction(rawValue: name) else {
            throw error("unknown function '\(name)'", at: nameToken)
        }
        _ = advance()  // (
        var arguments: [ExprNode] = []
        if peek != .rightParen {
            arguments.append(try orExpr())
            while peek == .comma {
                _ = advance()
                arguments.append(try orExpr())
            }
        }
        try expect(.rightParen, ")")
        guard function.arity.contains(arguments.count) else {
            let range = function.arity
            let wanted = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
            throw error("\(name)() takes \(wanted) argument\(range.upperBound == 1 ? "" : "s"), not \(arguments.count)", at: nameToken)
        }
        if function == .matches, case .literal(let pattern) = arguments[1] {
            var flags = ""
            if arguments.count > 2, case .literal(let given) = arguments[2] { flags = given.text }
            if let problem = ExprRegex.problem(pattern: pattern.text, flags: flags) {
                throw error("bad regular expression: \(problem)", at: nameToken)
            }
        }
        if function.takesNodeSet, let argument = arguments.first {
            switch argument {
            case .path, .union: break
            default: throw error("\(name)() needs a path", at: nameToken)
            }
        }
        return .call(function, arguments)
    }

    private mutating func path() throws(ExprError) -> ExprPath {
        var path = ExprPath(absolute: false, steps: [])
        var descendants = false
        switch peek {
        case .slash:
            _ = advance()
            path.absolute = true
            if !startsStep { return path }  // `/` alone: the record
        case .doubleSlash:
            _ = advance()
            path.absolute = true
            descendants = true
        default:
            break
        }
        while true {
            path.steps.append(try step(descendants: descendants))
            switch peek {
            case .slash: descendants = false
            case .doubleSlash: descendants = true
            default: return path
            }
            _ = advance()
        }
    }

    private var startsStep: Bool {
        switch peek {
        case .name, .star, .dot: return true
        default: return false
        }
    }

    private mutating func step(descendants: Bool) throws(ExprError) -> ExprStep {
        let test: ExprStep.Test
        switch peek {
        case .name(let name): test = .name(Array(name.utf8))
        case .star: test = .any
        case .dot: test = .current
        default: throw error("expected a name, '*' or '.'")
        }
        _ = advance()
        var step = ExprStep(descendants: descendants, test: test, predicates: [])
        while peek == .leftBracket {
            _ = advance()
            step.predicates.append(try orExpr())
            try expect(.rightBracket, "]")
        }
        return step
    }

    /// A number literal: an integer exactly (to 128 bits, as records
    /// hold them; a longer one is an error rather than a rounded double),
    /// anything with a point as a double.
    private func number(_ text: String, at token: ExprToken) throws(ExprError) -> ExprNode {
        if text.contains(".") { return .number(Double(text) ?? .nan, exact: nil) }
        guard let exact = Int128(text) else { throw error("integer out of 128-bit range", at: token) }
        // `-0` is negative zero, as XPath's unary minus makes it.
        if exact == 0 && text.hasPrefix("-") { return .number(-0.0, exact: 0) }
        return .number(Double(exact), exact: exact)
    }

    private func describe(_ token: ExprToken) -> String {
        switch token.kind {
        case .name(let name): return "'\(name)'"
        case .string(let text): return "string \"\(text)\""
        case .number(let text): return "number \(text)"
        case .slash: return "'/'"
        case .doubleSlash: return "'//'"
        case .dot: return "'.'"
        case .star: return "'*'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .pipe: return "'|'"
        case .comma: return "','"
        case .minus: return "'-'"
        case .plus: return "'+'"
        case .equal: return "'='"
        case .notEqual: return "'!='"
        case .less: return "'<'"
        case .lessEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterEqual: return "'>='"
        case .end: return "end of expression"
        }
    }
}
