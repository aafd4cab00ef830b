/// Key names as the command line gives them (`--by`, `-o`, `--split`,
/// `--gauge`, `--counter`): a list separated by commas, each name with the
/// spaces and tabs around it dropped, so `'start, account'` names `start`
/// and `account`, and empty items left out.
public enum KeyList {
    /// The names of a comma list.
    public static func names(_ list: some StringProtocol) -> [String] {
        list.split(separator: ",").map { name($0) }.filter { !$0.isEmpty }
    }

    /// One name, without the spaces and tabs around it.
    public static func name(_ text: some StringProtocol) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) }) else {
            return ""
        }
        return String(text[first...last])
    }
}
