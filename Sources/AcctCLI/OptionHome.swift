/// Where an option that a tool does not have belongs: each tool does one
/// thing, so `acct-fmt -u alice` most likely meant to select by user, which
/// is acct-filter's job. The message says which tool to put it on.
enum OptionHome {
    /// What each tool's options do, by spelling.
    private static let homes: [(tool: String, options: [String], does: String)] = [
        ("acct-filter", ["-u", "--user"], "selecting by user"),
        ("acct-filter", ["-g", "--group"], "selecting by group"),
        ("acct-filter", ["-H", "--host"], "selecting by host"),
        ("acct-filter", ["-a", "--account"], "selecting by account"),
        ("acct-filter", ["--vm"], "selecting by virtual machine"),
        ("acct-filter", ["-x", "--where"], "selecting by expression"),
        ("acct-filter", ["-v", "--invert"], "keeping the records that do not match"),
        ("acct-filter", ["-c", "--count"], "counting records"),
        ("acct-slice", ["--every"], "cutting records on a time grid"),
        ("acct-slice", ["--by"], "rolling records up by keys"),
        ("acct-slice", ["--until"], "closing open records"),
        ("acct-slice", ["--round-up"], "counting partial slices whole"),
        ("acct-slice", ["--gauge", "--counter"], "naming what kind of metric a key is"),
        ("acct-slice", ["--keyed"], "writing keyed lines for Hadoop Streaming"),
        ("acct-fmt", ["--csv", "--tsv", "--json", "--xml", "--xlsx", "--oneacct"], "choosing the output format"),
        ("acct-fmt", ["-o", "--columns"], "choosing the columns"),
        ("acct-fmt", ["--split"], "a section per value of a key"),
        ("acct-fmt", ["--fit", "--raw-units", "--pretty", "--no-header", "--header", "--neutralize", "--no-neutralize"],
         "laying out the output"),
        ("acct-import", ["--from"], "reading other clouds' exports"),
        ("acct-import", ["--table", "--max-gap"], "reading SlapOS exports"),
        ("acct-import", ["--keep-hidden"], "reading CloudStack exports"),
        ("capnp-cat", ["--raw", "--schema", "--root", "-I", "--import-path", "--packed", "--name",
                       "--traversal-limit"], "decoding Cap'n Proto files"),
        ("capnp-cat", ["--time"], "giving an hour to Cap'n Proto files"),
    ]

    /// `-u`: "selecting by user is acct-filter -u", unless `tool` has it.
    static func hint(for option: String, in tool: String) -> String? {
        guard let home = homes.first(where: { $0.options.contains(option) }), home.tool != tool else { return nil }
        return "\(home.does) is \(home.tool) \(option)"
    }
}
