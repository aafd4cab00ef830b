import AcctCore
import Glibc

/// POSIX extended regular expressions (regcomp), for `matches()`.
final class ExprRegex {
    private var compiled: [String: UnsafeMutablePointer<regex_t>] = [:]

    /// How many compiled patterns are kept. A pattern taken from a record
    /// value (`matches(a, b)`) may differ on every record, and each compiled
    /// regex_t holds kilobytes to megabytes: kept without limit, 200,000
    /// patterns held 2.65 GB. An expression names a few literal patterns,
    /// which stay cached as long as fewer than this many others come by.
    static let cacheLimit = 64

    deinit { forgetAll() }

    private func forgetAll() {
        for (_, regex) in compiled {
            regfree(regex)
            regex.deallocate()
        }
        compiled.removeAll(keepingCapacity: true)
    }

    /// How many compiled patterns are held (for tests).
    var cachedCount: Int { compiled.count }

    /// Whether `text` has a match; a pattern that does not compile matches
    /// nothing (literal patterns were checked when the expression compiled).
    func matches(_ text: [UInt8], pattern: String, flags: String) -> Bool {
        let key = flags + "/" + pattern
        let regex: UnsafeMutablePointer<regex_t>
        if let cached = compiled[key] {
            regex = cached
        } else {
            guard let made = Self.compile(pattern, flags: flags).regex else { return false }
            regex = made
            if compiled.count >= Self.cacheLimit { forgetAll() }
            compiled[key] = made
        }
        var subject = text.map { CChar(bitPattern: $0) }
        subject.append(0)
        return regexec(regex, subject, 0, nil, 0) == 0
    }

    /// What is wrong with a pattern, or nil when it compiles.
    static func problem(pattern: String, flags: String) -> String? {
        let (regex, problem) = compile(pattern, flags: flags)
        if let regex {
            regfree(regex)
            regex.deallocate()
        }
        return problem
    }

    private static func compile(_ pattern: String, flags: String) -> (regex: UnsafeMutablePointer<regex_t>?, problem: String?) {
        if let bad = flags.first(where: { $0 != "i" }) { return (nil, "unknown flag '\(bad)' (only 'i')") }
        let regex = UnsafeMutablePointer<regex_t>.allocate(capacity: 1)
        var options = REG_EXTENDED | REG_NOSUB
        if flags.contains("i") { options |= REG_ICASE }
        let status = regcomp(regex, pattern, options)
        guard status == 0 else {
            var message = [CChar](repeating: 0, count: 256)
            regerror(status, regex, &message, message.count)
            regex.deallocate()
            return (nil, SystemError.lowercasingFirstWord(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
        }
        return (regex, nil)
    }
}
