/// The known name that a mistyped one most likely meant, for messages such
/// as `did you mean 'vcpus'?`.
///
/// A name that differs only in case wins outright. Otherwise the distance is
/// the optimal string alignment distance (Levenshtein's insertions,
/// deletions and substitutions, plus a swap of two neighbours, the commonest
/// typing slip: `stauts`) between the lowercased names, counted in Unicode
/// scalars. A candidate is close enough when it is at most a third of the
/// name's length away (one edit at least), and not wholly different: `x`
/// does not suggest `y`. Among the closest, the one sharing the longer
/// prefix wins (`vcpu` suggests `vcpus`, not `cpu`), then the first given.
public enum ClosestName {
    /// The candidate closest to `name`, or nil when none is close enough.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let wanted = Array(name.lowercased().unicodeScalars)
        guard !wanted.isEmpty else { return nil }
        if let same = candidates.first(where: { $0 != name && $0.lowercased() == name.lowercased() }) {
            return same
        }
        let cutoff = max(1, wanted.count / 3)
        var best: (name: String, distance: Int, prefix: Int)?
        for candidate in candidates where candidate != name {
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - wanted.count) <= cutoff else { continue }
            let d = distance(wanted, other)
            guard d <= cutoff, d < max(wanted.count, other.count) else { continue }
            let prefix = zip(wanted, other).prefix(while: { $0 == $1 }).count
            if let best, best.distance < d || (best.distance == d && best.prefix >= prefix) { continue }
            best = (candidate, d, prefix)
        }
        return best?.name
    }

    /// The optimal string alignment distance between `a` and `b`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows of the table: the one before the previous (for swaps),
        // the previous, and the current.
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, before[j - 2] + 1)
                }
                current[j] = d
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
