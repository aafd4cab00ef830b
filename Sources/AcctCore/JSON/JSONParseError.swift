/// Why a line is not valid JSON, and where.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
    /// The 1-based byte column of the problem.
    public let column: Int
    /// What is wrong, e.g. "unexpected character 'x'".
    public let message: String

    /// Creates an error at `column`.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// "column N: message".
    public var description: String { "column \(column): \(message)" }
}
