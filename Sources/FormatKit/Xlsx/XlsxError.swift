import AcctCore
import CXlsxWriter
import Glibc

/// Why a workbook could not be written: the output path and what went
/// wrong, e.g. "out/r.xlsx: cannot create the workbook in the folder 'out':
/// no such file or directory".
public struct XlsxError: Error, Equatable, CustomStringConvertible {
    /// The workbook's path as given to `XlsxReport(path:)`.
    public let path: String
    /// What went wrong, without the path.
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }

    /// `what` followed by the C library's text for `code`.
    static func system(_ path: String, _ what: String, errno code: Int32) -> XlsxError {
        XlsxError(path: path, reason: "\(what): \(SystemError.message(code))")
    }

    /// `what` followed by libxlsxwriter's text for `code` (and the system
    /// error for the codes that come from a failed file operation).
    static func library(_ path: String, _ what: String, _ code: lxw_error, errno systemCode: Int32 = 0) -> XlsxError {
        var text = libraryMessage(code)
        let fileErrors: [lxw_error] = [
            LXW_ERROR_CREATING_XLSX_FILE, LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE,
            LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE,
        ]
        if systemCode != 0 && fileErrors.contains(code) {
            text += " (\(SystemError.message(systemCode)))"
        }
        return XlsxError(path: path, reason: "\(what): \(text)")
    }

    /// libxlsxwriter's sentence for `code` in the tools' message style:
    /// "Error creating output xlsx file. Usually a permissions error." gives
    /// "error creating output xlsx file. Usually a permissions error".
    static func libraryMessage(_ code: lxw_error) -> String {
        guard let text = lxw_strerror(code) else { return "libxlsxwriter error \(code.rawValue)" }
        let message = SystemError.lowercasingFirstWord(String(cString: text))
        return message.isEmpty ? "libxlsxwriter error \(code.rawValue)" : message
    }
}
