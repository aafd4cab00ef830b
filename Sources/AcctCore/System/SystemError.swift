import Glibc

/// Text for system and library error codes in the tools' message style.
public enum SystemError {
    /// The C library's text for `code` in the message style (lowercase
    /// first word): `ENOENT` gives "no such file or directory".
    public static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return lowercasingFirstWord(String(cString: text))
    }

    /// A C library's message (strerror, zstd, regerror, libxlsxwriter) in
    /// the tools' style: the first letter lowercased when the word goes on
    /// in lowercase, so "No space left on device" becomes "no space left on
    /// device" while an acronym such as "I/O error" is kept; a final period
    /// and trailing blanks dropped, since the message goes inside a line.
    public static func lowercasingFirstWord(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, last == "." || last == " " || last == "\n" { scalars.removeLast() }
        guard let first = scalars.first,
              first.properties.isUppercase,
              let second = scalars.dropFirst().first,
              second.properties.isLowercase
        else { return String(scalars) }
        scalars.replaceSubrange(scalars.startIndex...scalars.startIndex, with: first.properties.lowercaseMapping.unicodeScalars)
        return String(scalars)
    }
}
