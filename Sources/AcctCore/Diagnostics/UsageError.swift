/// A bad flag value found after parsing (a time, a zone, a grid, a schema):
/// the tool prints it as `TOOL: message` and exits 64 before any output.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
