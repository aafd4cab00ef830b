/// One thing a worker's diagnostics were told (`Diagnostics.recording`),
/// kept to be said in input order by the run's own diagnostics.
public enum DiagnosticEvent: Sendable, Equatable {
    case problem(String)
    case lineProblem(String, file: String, line: Int, column: Int?)
    case problemOnce(String, file: String, line: Int, tag: String?)
    case note(String)
    case noteOnce(String, file: String, line: Int)
    case hint(String)
}
