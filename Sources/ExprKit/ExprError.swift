import AcctCore

/// A bad `-x` expression, with the place it went wrong (1-based line and
/// column in the expression text).
public struct ExprError: Error, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// "1:12: expected ')'".
    public var description: String { "\(line):\(column): \(message)" }
}
