import AcctCore

/// A compiled expression of the language of acct-filter(1): `-x/--where`,
/// tested on each record, and acct-fmt's computed columns (`-o
/// NAME=EXPR`), evaluated on each. Parsed once, before the first record.
public final class Expression {
    private let root: ExprNode
    private let evaluator = ExprEvaluator()
    /// The keys the expression names, once each, in the order written.
    public let keyNames: [ExprKeyName]

    /// What an expression evaluates to on a record.
    public enum Value: Equatable {
        /// A number: the double, and the exact integer when it is one.
        case number(Double, exact: Int128?)
        case string([UInt8])
        case boolean(Bool)
        /// A node set, by its first node in document order (a node of the
        /// record's tape), nil when it is empty.
        case node(Int?)
    }

    /// Compiles `text`; times in string literals are read in `zone`, and
    /// relative ones (`"-7d"`) against `now`.
    public init(_ text: String, zone: Zone, now: Int64) throws(ExprError) {
        root = try ExprParser.parse(text, zone: zone, now: now)
        keyNames = ExprKeyNames.of(root)
    }

    private init(root: ExprNode, keyNames: [ExprKeyName]) {
        self.root = root
        self.keyNames = keyNames
    }

    /// The same expression with an evaluator of its own: the evaluator
    /// keeps per-record state, so each worker of `-j` tests with its own.
    public func copy() -> Expression {
        Expression(root: root, keyNames: keyNames)
    }

    /// Whether the record in `tape` (parsed from one line) matches.
    public func matches(_ tape: JSONTape) -> Bool {
        evaluator.matches(root, in: tape)
    }

    /// The same answer by the general evaluator alone, without the plan
    /// `matches` compiles for the commonest filters: the slow path the plan
    /// must agree with (the fastpaths fuzz target checks that it does).
    public func matchesWithoutPlan(_ tape: JSONTape) -> Bool {
        evaluator.matchesWithoutPlan(root, in: tape)
    }

    /// The value of the expression on the record in `tape`.
    public func value(_ tape: JSONTape) -> Value {
        switch evaluator.value(root, in: tape) {
        case let .number(x, exact): return .number(x, exact: exact)
        case let .string(bytes, _): return .string(bytes)
        case let .boolean(b): return .boolean(b)
        case let .nodes(nodes): return .node(nodes.first)
        }
    }
}
