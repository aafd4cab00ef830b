import Glibc

/// Text for system and library error codes in the tools' message style.
public enum SystemError {
    /// The C library's text for `code` in the message style (lowercase
    /// first word): `ENOENT` gives "no such file or directory".
    public static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return lowercasingFirstWord(String(cString: text))
    }

    /// Lowercases the first letter when the word goes on in lowercase, so
    /// "No space left on device" becomes "no space left on device" while an
    /// acronym such as "I/O error" is kept.
    static func lowercasingFirstWord(_ text: String) -> String {
        var scalars = text.unicodeScalars
        guard let first = scalars.first,
              first.properties.isUppercase,
              let second = scalars.dropFirst().first,
              second.properties.isLowercase
        else { return text }
        scalars.replaceSubrange(scalars.startIndex...scalars.startIndex, with: first.properties.lowercaseMapping.unicodeScalars)
        return String(scalars)
    }
}
