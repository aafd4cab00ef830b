import AcctCore
import ExprKit

/// What acct-filter was asked to do.
public struct FilterOptions {
    public var common = CommonOptions()
    public var selection = RecordSelection()
    /// `-v`: keep the records that do not match.
    public var invert = false
    /// `-c`: print the number of matches only.
    public var countOnly = false

    public init() {}

    /// The key flags as given (`-a 6,7 -a 8`: comma lists, repeatable),
    /// with the keys each one tries.
    public struct KeyFlags {
        public var users: [String] = []
        public var groups: [String] = []
        public var hosts: [String] = []
        public var accounts: [String] = []
        public var vms: [String] = []
        public init() {}
    }

    /// acct-filter's flags: key lists, `-s`/`-e` and `-x` read in the
    /// zone of `common`; a bad time or expression is a usage error.
    public init(common: CommonOptions, keys: KeyFlags, start: String?, end: String?, expression: String?,
                invert: Bool, countOnly: Bool) throws(UsageError) {
        self.common = common
        self.invert = invert
        self.countOnly = countOnly
        // A user is `user` or OpenNebula's `uname`, a group `group` or
        // `gname`, a host `host` or `hid`.
        for (names, values) in [(["user", "uname"], keys.users), (["group", "gname"], keys.groups),
                                (["host", "hid"], keys.hosts), (["account"], keys.accounts), (["vm"], keys.vms)]
        where !values.isEmpty {
            let list = values.flatMap { $0.split(separator: ",").map(String.init) }
            selection.keyMatches.append(KeyMatch(keys: names, values: list))
        }
        selection.window = TimeWindow(start: try common.time(start, flag: "-s"),
                                      end: try common.time(end, flag: "-e", endOfDay: true))
        if let expression {
            do {
                selection.expression = try Expression(expression, zone: common.zone, now: common.now)
            } catch {
                throw UsageError("-x: \(error)")
            }
        }
    }
}
