/// Guesses what a line that is not a record is, so that a stream of the
/// wrong kind (an export for acct-import, a Cap'n Proto file for
/// capnp-cat) gets one hint naming the tool that reads it, instead of only
/// a message per line.
public enum InputKind {
    /// The hint for a bad `line`, or nil when it looks like broken JSON.
    public static func hint(for line: UnsafeRawBufferPointer) -> String? {
        // Blanks, a stray NUL and a byte order mark say nothing of the kind.
        let skipped: Set<UInt8> = [0x20, 0x09, 0x00, 0xEF, 0xBB, 0xBF]
        guard let first = line.first(where: { !skipped.contains($0) }) else { return nil }
        // A line that starts like JSON is broken JSON, whatever follows.
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return nil }
        let hasBrace = line.contains(UInt8(ascii: "{"))
        // NUL and most other C0 controls never appear in text exports; a
        // Cap'n Proto segment table starts with several of them.
        let controls = line.reduce(0) { $0 + ($1 < 0x20 && $1 != 0x09 && $1 != 0x0D ? 1 : 0) }
        if controls >= 4 || (controls > 0 && !hasBrace) {
            return "this looks like binary data: capnp-cat decodes Cap'n Proto accounting files"
        }
        if first == UInt8(ascii: "<") {
            return "this looks like XML: acct-import --from opennebula reads OpenNebula's oneacct -x documents"
        }
        if !hasBrace && (line.contains(UInt8(ascii: ",")) || line.contains(0x09)) {
            return "this looks like CSV or TSV: acct-import reads CloudStack, Abiquo and SlapOS exports"
        }
        return nil
    }
}
