import AcctCore

/// A compiled `-x/--where` expression (see acct-filter(1)): parsed once,
/// before the first record, then tested on each record's tape.
public final class Expression {
    private let root: ExprNode
    private let evaluator = ExprEvaluator()
    /// The keys the expression names, once each, in the order written.
    public let keyNames: [ExprKeyName]

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
}
