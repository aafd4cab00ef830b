import AcctCore

/// A compiled `-x` expression. Literals carry what comparisons need
/// (number, time) worked out once at compile time, not per record.
indirect enum ExprNode {
    case or(ExprNode, ExprNode)
    case and(ExprNode, ExprNode)
    case compare(ComparisonOperator, ExprNode, ExprNode)
    case arithmetic(ArithmeticOperator, ExprNode, ExprNode)
    case negate(ExprNode)
    case path(ExprPath)
    case union([ExprPath])
    case literal(ExprLiteral)
    case number(Double, exact: Int128?)
    case call(ExprFunction, [ExprNode])
}

enum ComparisonOperator {
    case equal, notEqual, less, lessEqual, greater, greaterEqual

    /// The operator seen from the other side (`a < b` is `b > a`).
    var flipped: ComparisonOperator {
        switch self {
        case .equal, .notEqual: return self
        case .less: return .greater
        case .lessEqual: return .greaterEqual
        case .greater: return .less
        case .greaterEqual: return .lessEqual
        }
    }
}

/// XPath 1.0's `+`, `-`, `*`, `div` and `mod`.
enum ArithmeticOperator {
    case add, subtract, multiply, divide, modulo
}

/// A string literal with its bytes, and the instant it names when it is
/// one of the command-line time forms; `timeProblem` when it is written in
/// such a form but names no time (`"2024-02-30"`, a time the zone skips),
/// an error if the literal is compared with what may be a time.
struct ExprLiteral {
    let text: String
    let bytes: [UInt8]
    let time: Int64?
    let timeProblem: ExprError?
}

/// `a/b[2]//c`: steps from the record (absolute) or the context node.
struct ExprPath {
    var absolute: Bool
    var steps: [ExprStep]
}

struct ExprStep {
    enum Test {
        case name([UInt8])
        case any
        case current
    }

    /// Preceded by `//`: the step applies to every descendant too.
    var descendants: Bool
    var test: Test
    var predicates: [ExprNode]
}

/// The functions of the language; arity is checked at compile time.
enum ExprFunction: String, CaseIterable {
    case not, `true`, `false`, boolean
    case contains, startsWith = "starts-with", endsWith = "ends-with", matches
    case count, sum, min, max
    case stringLength = "string-length", number, string
    case round, floor, ceiling, abs

    var arity: ClosedRange<Int> {
        switch self {
        case .true, .false: return 0...0
        case .not, .boolean, .count, .sum, .min, .max: return 1...1
        case .round, .floor, .ceiling, .abs: return 1...1
        case .contains, .startsWith, .endsWith: return 2...2
        case .matches: return 2...3
        case .stringLength, .number, .string: return 0...1
        }
    }

    /// Functions whose argument must be a node set.
    var takesNodeSet: Bool {
        switch self {
        case .count, .sum, .min, .max: return true
        default: return false
        }
    }
}
