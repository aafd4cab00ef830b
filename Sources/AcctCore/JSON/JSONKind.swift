/// The kind of a JSONTape node, matching JSONValue's cases.
public enum JSONKind: UInt8, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool
    /// A number written without fraction or exponent (exact in Int128;
    /// almost always within Int64, see `JSONTape.int64`).
    case int
    /// A number written with a fraction or an exponent.
    case float
    /// A string.
    case string
    /// An array.
    case array
    /// An object.
    case object
}
