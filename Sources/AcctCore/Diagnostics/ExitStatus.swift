/// The exit statuses of every tool (see `Diagnostics.finish`).
public enum ExitStatus: Int32, Sendable {
    /// Everything was processed.
    case success = 0
    /// Some input was bad: reported, skipped, the rest processed.
    case badInput = 1
    /// Output could not be written, or an internal error.
    case fatal = 2
    /// A bad flag, expression, time or zone; nothing was processed (EX_USAGE).
    case usage = 64
}
