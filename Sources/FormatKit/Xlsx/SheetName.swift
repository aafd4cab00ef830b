import AcctCore

/// Excel's rules for worksheet names, and the names a workbook has handed
/// out so far.
///
/// Excel allows at most 31 characters, forbids `[ ] : * ? / \`, and
/// refuses a name that starts or ends with an apostrophe; names are unique
/// regardless of case. `SheetNames` turns any value into a name that keeps
/// those rules: forbidden characters (and control characters, which have no
/// place in the workbook's XML attributes) become `_`, the name is cut to 31
/// Unicode scalars, an empty value becomes `empty`, and a name already taken
/// (ignoring case) gets a `~2`, `~3`, ... suffix, the name cut shorter to
/// make room. Excel keeps the name `History` (in any case) for the sheet
/// it makes when changes are tracked, and refuses to open a workbook with
/// a sheet of its own by that name, so that name counts as taken from the
/// start: a value `History` gives `History~2`.
public struct SheetNames: Sendable {
    /// Excel's limit on a sheet name's length (libxlsxwriter counts Unicode
    /// scalars).
    public static let maximumLength = 31
    /// The characters Excel forbids in a sheet name.
    public static let forbidden: Set<Unicode.Scalar> = ["[", "]", ":", "*", "?", "/", "\\"]
    /// The name of a sheet whose value is empty.
    public static let emptyName = "empty"

    /// The name given to each value so far.
    private var given: [String: String] = [:]
    /// The names in use, case folded; Excel's own from the start.
    private var used: Set<String> = [Self.folded(reservedName)]
    /// The name Excel keeps for itself.
    public static let reservedName = "History"

    public init() {}

    /// The sheet name for `value`: the same name each time for the same
    /// value, and a name no other value has (ignoring case).
    public mutating func name(for value: String) -> String {
        if let name = given[value] { return name }
        let name = unique(Self.sanitized(value))
        given[value] = name
        return name
    }

    /// The sheet name for the records that lack the split key `key`: the
    /// key made a valid name, unique among the names handed out, as a value
    /// that happens to equal the key gets a sheet of its own.
    public mutating func name(lacking key: String) -> String {
        unique(Self.sanitized(key))
    }

    /// `base`, or with a `~2`, `~3`, ... suffix the first that is free.
    private mutating func unique(_ base: String) -> String {
        var name = base
        var number = 2
        while used.contains(Self.folded(name)) {
            name = Self.suffixed(base, "~\(number)")
            number += 1
        }
        used.insert(Self.folded(name))
        return name
    }

    /// Whether a sheet named `name` (ignoring case) was handed out, or is
    /// the name Excel keeps.
    public func isUsed(_ name: String) -> Bool {
        used.contains(Self.folded(name))
    }

    /// `value` made a valid sheet name, before making it unique.
    public static func sanitized(_ value: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars.prefix(maximumLength) {
            let bad = forbidden.contains(scalar) || scalar.properties.generalCategory == .control
            scalars.append(bad ? "_" : scalar)
        }
        if scalars.isEmpty { return emptyName }
        return fixingApostrophes(String(scalars))
    }

    /// `base` cut short enough that `suffix` fits in 31 scalars, then the suffix.
    static func suffixed(_ base: String, _ suffix: String) -> String {
        let room = max(0, maximumLength - suffix.unicodeScalars.count)
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: base.unicodeScalars.prefix(room))
        // "~" ends the name, so only a leading apostrophe can be left.
        return fixingApostrophes(String(scalars)) + suffix
    }

    /// The name with a leading or trailing apostrophe turned into `_`.
    static func fixingApostrophes(_ name: String) -> String {
        var scalars = Array(name.unicodeScalars)
        if scalars.first == "'" { scalars[0] = "_" }
        if scalars.last == "'" { scalars[scalars.count - 1] = "_" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The key names are compared by: Excel's names ignore case.
    static func folded(_ name: String) -> String {
        name.lowercased()
    }
}
