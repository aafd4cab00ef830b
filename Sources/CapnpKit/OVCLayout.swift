import AcctCore

/// OpenVCloud's billing tree: `<root>/<account>/<year>/<month>/<day>/<hour>/account_capnp.bin`,
/// UTC hours, no zero padding. The walk tracks the run of all-digit folder
/// names it is in (the "chain") to date files and skip folders.
enum OVCLayout {
    /// The hour a file covers, from the last five numeric folders above it
    /// (account, year, month, day, hour), or nil when it is not in the layout.
    static func hour(ofFileIn chain: [Int64]) -> Int64? {
        guard chain.count >= 5 else { return nil }
        let tail = Array(chain.suffix(4))
        return span(year: tail[0], month: tail[1], day: tail[2], hour: tail[3])?.start
    }

    /// The span of time a folder can hold, reading the chain from its start
    /// as account, year, month, day, hour. Nil when that reading is not
    /// plausible (then nothing below is skipped; the file-level check still
    /// applies), for the account folder itself, or deeper than an hour.
    static func span(ofFolderIn chain: [Int64]) -> (start: Int64, end: Int64)? {
        switch chain.count {
        case 2: return span(year: chain[1], month: nil, day: nil, hour: nil)
        case 3: return span(year: chain[1], month: chain[2], day: nil, hour: nil)
        case 4: return span(year: chain[1], month: chain[2], day: chain[3], hour: nil)
        case 5: return span(year: chain[1], month: chain[2], day: chain[3], hour: chain[4])
        default: return nil
        }
    }

    private static func span(year: Int64, month: Int64?, day: Int64?, hour: Int64?)
        -> (start: Int64, end: Int64)?
    {
        guard (1970...9999).contains(year) else { return nil }
        guard let month else {
            return (start(year, 1, 1), start(year + 1, 1, 1))
        }
        guard (1...12).contains(month) else { return nil }
        guard let day else {
            let next = month == 12 ? start(year + 1, 1, 1) : start(year, month + 1, 1)
            return (start(year, month, 1), next)
        }
        guard day >= 1 && day <= Int64(CivilTime.daysInMonth(year: Int(year), month: Int(month))) else {
            return nil
        }
        let midnight = start(year, month, day)
        guard let hour else { return (midnight, midnight + 86_400) }
        guard (0...23).contains(hour) else { return nil }
        return (midnight + hour * 3600, midnight + hour * 3600 + 3600)
    }

    private static func start(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        CivilTime.daysFromCivil(year: Int(year), month: Int(month), day: Int(day)) * 86_400
    }

    /// The chain after descending into a folder or file named `name`.
    static func extend(_ chain: [Int64], with name: String) -> [Int64] {
        guard !name.isEmpty, name.utf8.count <= 12, name.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let value = Int64(name)
        else { return [] }
        return chain + [value]
    }
}
