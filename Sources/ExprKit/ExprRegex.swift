import AcctCore
import CRegex

/// POSIX extended regular expressions for `matches()`, on RE2: time linear
/// in the text, where a backtracking matcher (glibc's regexec) took 48 s
/// for `x.*y` over a 160 KB value.
final class ExprRegex {
    private var compiled: [String: OpaquePointer] = [:]

    /// How many compiled patterns are kept. A pattern taken from a record
    /// value (`matches(a, b)`) may differ on every record, and each compiled
    /// pattern holds kilobytes to megabytes: kept without limit, 200,000
    /// patterns held 2.65 GB. An expression names a few literal patterns,
    /// which stay cached as long as fewer than this many others come by.
    static let cacheLimit = 64

    deinit { forgetAll() }

    private func forgetAll() {
        for (_, regex) in compiled { acct_regex_free(regex) }
        compiled.removeAll(keepingCapacity: true)
    }

    /// How many compiled patterns are held (for tests).
    var cachedCount: Int { compiled.count }

    /// Whether `text` has a match; a pattern that does not compile matches
    /// nothing (literal patterns were checked when the expression compiled).
    func matches(_ text: [UInt8], pattern: String, flags: String) -> Bool {
        let key = flags + "/" + pattern
        let regex: OpaquePointer
        if let cached = compiled[key] {
            regex = cached
        } else {
            guard let made = Self.compile(pattern, flags: flags).regex else { return false }
            regex = made
            if compiled.count >= Self.cacheLimit { forgetAll() }
            compiled[key] = made
        }
        return text.withUnsafeBytes { bytes in
            acct_regex_matches(regex, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count) == 1
        }
    }

    /// What is wrong with a pattern, or nil when it compiles.
    static func problem(pattern: String, flags: String) -> String? {
        let (regex, problem) = compile(pattern, flags: flags)
        if let regex { acct_regex_free(regex) }
        return problem
    }

    private static func compile(_ pattern: String, flags: String) -> (regex: OpaquePointer?, problem: String?) {
        if let bad = flags.first(where: { $0 != "i" }) { return (nil, "unknown flag '\(bad)' (only 'i')") }
        var message = [CChar](repeating: 0, count: 256)
        var pattern = pattern
        let regex = pattern.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                acct_regex_compile($0.baseAddress, $0.count, flags.contains("i") ? 1 : 0, &message, message.count)
            }
        }
        guard let regex else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return (nil, SystemError.lowercasingFirstWord(text))
        }
        return (regex, nil)
    }
}
