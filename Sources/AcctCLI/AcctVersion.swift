/// The version every tool prints for --version.
public enum AcctVersion {
    public static let string = "0.1.0"

    /// `NAME VERSION`, as --version prints it.
    public static func line(for tool: String) -> String { "\(tool) \(string)" }
}
