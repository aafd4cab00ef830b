import AcctCore

/// The `--by` roll-up: one accumulator per (slice, group), written sorted by
/// slice then group values when the input ends. Its rows roll up again to
/// the same totals (sums of sums), so partial results merge with one more
/// `acct-slice --by`. Integer counters add up exactly to 128 bits; a total
/// that cannot be exact is named in `inexact` when it first turns so.
final class RollUp {
    /// A total found not to be exact while adding the last piece.
    struct Inexact: Equatable {
        var message: String
        /// A total beyond the 128-bit range is an error; a rounding that
        /// floats bring with them is a note.
        var isError: Bool
    }

    private struct Key: Hashable {
        var sliceStart: Int64
        var sliceEnd: Int64
        /// The raw JSON text of each group key's value, `null` when absent.
        var values: [[UInt8]]
    }

    private final class Totals {
        var records = CounterSum()
        var seconds = CounterSum()
        // Indexed by the metric's name id (KeyKinds): no string hashing per record.
        var counters: [CounterSum?] = []
        /// value × active seconds, per gauge; hours at the end.
        var gaugeSeconds: [ExactSum?] = []
        /// --round-up: the largest value per gauge, billed once per slice.
        var gaugeMax: [Double?] = []
        var maxima: [(value: Double, text: [UInt8])?] = []
        var first = Int64.max
        var last = Int64.min
        /// A `--fill` row: no record, so no seconds even when rounding up.
        var isFill = false

        func grow(to id: Int) {
            while counters.count <= id {
                counters.append(nil)
                gaugeSeconds.append(nil)
                gaugeMax.append(nil)
                maxima.append(nil)
            }
        }
    }

    private let by: [[UInt8]]
    private let byNames: [String]
    private let roundUp: Bool
    private let window: (start: Int64?, end: Int64?)
    /// `--fill`: the slices of the window, each to hold a row per group.
    private let fill: [(start: Int64, end: Int64)]
    private var totals: [Key: Totals] = [:]
    /// The row the last piece went to, and its key (two fields, not an
    /// optional pair: reading one is no copy of the other).
    private var lastKey = Key(sliceStart: 0, sliceEnd: 0, values: [])
    private var lastTotals: Totals?
    /// Names of numeric keys that are not metrics, reported once.
    private(set) var identityNumbers: [String] = []
    private var seenIdentity: [Bool] = []
    private let kinds: KeyKinds
    private let recordsID: Int
    private let secondsID: Int
    private let byIDs: Set<Int>
    /// What turned inexact with the last piece added, for the caller to
    /// report with its line; each name is reported once per run.
    private(set) var inexact: [Inexact] = []
    /// Figures whose total in some row passed the largest double (about
    /// 1.8e308): left out of that row, never written as `null`, and
    /// reported by the caller after the rows.
    private(set) var overflowed: [String] = []
    /// The most rows (slices times groups) held: each costs about a
    /// kilobyte, and one record over ten thousand years on a minute grid
    /// would otherwise make billions.
    let maxRows: Int
    /// A piece would have made a row past `maxRows`; it was not added, and
    /// the caller stops.
    private(set) var isFull = false
    /// What a piece past the limit is added to, and dropped.
    private let overflowRow = Totals()
    /// Per name, the kinds of loss already reported (bits).
    private var inexactNoted: [UInt8] = []

    init(by: [String], roundUp: Bool, window: (start: Int64?, end: Int64?), fill: [(start: Int64, end: Int64)] = [],
         kinds: KeyKinds, maxRows: Int = .max) {
        self.fill = fill
        self.maxRows = maxRows
        self.kinds = kinds
        recordsID = kinds.id(of: "records")
        secondsID = kinds.id(of: "seconds")
        byIDs = Set(by.map { kinds.id(of: $0) })
        self.by = by.map { Array($0.utf8) }
        byNames = by
        self.roundUp = roundUp
        self.window = window
    }

    func add(_ record: SliceRecord, _ piece: SlicePiece, tape: JSONTape) {
        let t = totals(for: piece, record, tape: tape)
        t.first = min(t.first, piece.start)
        t.last = max(t.last, piece.end)
        let whole = piece.start <= record.start && piece.end >= record.end
        // Active seconds weigh the gauges: the record's own seconds when it
        // has them, so rolling up sliced rows equals rolling up records.
        var active = Double(piece.end - piece.start)
        if record.secondsNode >= 0 {
            var turned = false
            active = share(record.secondsNode, record, piece, whole, tape, integer: { turned = t.seconds.add($0) }, float: { turned = t.seconds.add($0) })
            if turned { noteLoss(t.seconds, secondsID) }
        } else {
            t.seconds.add(Int128(piece.end - piece.start))
        }
        var sawRecords = false
        // Every name seen so far has its place in the row's tables.
        if t.counters.count < kinds.names.count { t.grow(to: kinds.names.count - 1) }
        for i in 0..<record.counters.count {
            let (node, id) = (record.counters[i].node, record.counters[i].id)
            if id == recordsID {
                sawRecords = true
                var turned = false
                _ = share(node, record, piece, whole, tape, integer: { turned = t.records.add($0) }, float: { turned = t.records.add($0) })
                if turned { noteLoss(t.records, id) }
            } else {
                if t.counters[id] == nil { t.counters[id] = CounterSum() }
                var turned = false
                _ = share(node, record, piece, whole, tape, integer: { turned = t.counters[id]!.add($0) }, float: { turned = t.counters[id]!.add($0) })
                if turned { noteLoss(t.counters[id]!, id) }
            }
        }
        if roundUp {
            for i in 0..<record.gauges.count {
                let (node, id) = (record.gauges[i].node, record.gauges[i].id)
                guard let value = gauge(node, id, tape) else { continue }
                t.gaugeMax[id] = max(t.gaugeMax[id] ?? value, value)
            }
        } else {
            // In place: one check that the table is not shared.
            t.gaugeSeconds.withUnsafeMutableBufferPointer { sums in
                for i in 0..<record.gauges.count {
                    let (node, id) = (record.gauges[i].node, record.gauges[i].id)
                    guard let value = gauge(node, id, tape) else { continue }
                    if sums[id] == nil { sums[id] = ExactSum() }
                    sums[id]!.add(value * active)
                }
            }
        }
        for i in 0..<record.maxima.count {
            let (node, id) = (record.maxima[i].node, record.maxima[i].id)
            guard tape.kind(node) == .int || tape.kind(node) == .float else { continue }
            let value = tape.double(node)
            // Doubles round monotonically, so only equal doubles can
            // hide an order, and only beyond 2^53: there
            // 18446744073709551615 is more than 18446744073709551614.
            if let best = t.maxima[id], best.value > value
                || (best.value == value && (abs(value) < 0x1p53 || !Self.exactlyGreater(node, tape, than: best.text))) {
                continue
            }
            t.maxima[id] = (value, Array(tape.rawBytes(node)))
        }
        for i in 0..<record.others.count {
            let (node, id) = (record.others[i].node, record.others[i].id)
            // Each name is looked at once: the array check comes before
            // the sets' hashing, which then runs once per name (group
            // keys included), not per record.
            if id < seenIdentity.count && seenIdentity[id] { continue }
            guard tape.kind(node) == .int || tape.kind(node) == .float else { continue }
            while seenIdentity.count <= id { seenIdentity.append(false) }
            seenIdentity[id] = true
            if !byIDs.contains(id) && !Vocabulary.identityKeys.contains(kinds.names[id]) { identityNumbers.append(kinds.names[id]) }
        }
        if !sawRecords { t.records.add(Int128(1)) }
    }

    /// A gauge's value, nil when it is not a number. Gauge hours are a
    /// double: a gauge beyond 2^53 is rounded before it is multiplied, and
    /// said so. (Below 2^53 in magnitude, an integer's double is exact and
    /// below it too.)
    @inline(__always)
    private func gauge(_ node: Int, _ id: Int, _ tape: JSONTape) -> Double? {
        let nodeKind = tape.kind(node)
        guard nodeKind == .int || nodeKind == .float else { return nil }
        let value = tape.double(node)
        if !(abs(value) < 0x1p53), nodeKind == .int, tape.integer(node).magnitude > 1 << 53 { noteRoundedGauge(id) }
        return value
    }

    /// Takes in a chunk's roll-up (`-j`), after the chunks before it. Its
    /// keys are numbered by its own worker's names (`names`, as they stood
    /// when the chunk was done). Every total merges exactly (`CounterSum`,
    /// `ExactSum`), so the rows are the bytes one pass would write.
    func merge(_ other: RollUp, names: [String]) {
        if other.isFull { isFull = true }
        let ids = names.map { kinds.id(of: $0) }
        for (key, theirs) in other.totals {
            guard !isFull, let t = totals(at: key) else { return }
            t.records.add(theirs.records)
            t.seconds.add(theirs.seconds)
            t.first = min(t.first, theirs.first)
            t.last = max(t.last, theirs.last)
            for id in theirs.counters.indices {
                let mine = ids[id]
                t.grow(to: mine)
                if let counter = theirs.counters[id] {
                    if t.counters[mine] == nil { t.counters[mine] = CounterSum() }
                    t.counters[mine]!.add(counter)
                }
                if let seconds = theirs.gaugeSeconds[id] {
                    if t.gaugeSeconds[mine] == nil { t.gaugeSeconds[mine] = ExactSum() }
                    t.gaugeSeconds[mine]!.add(seconds)
                }
                if let top = theirs.gaugeMax[id] { t.gaugeMax[mine] = max(t.gaugeMax[mine] ?? top, top) }
                if let top = theirs.maxima[id] {
                    // The earlier chunk's text stays unless the later one is
                    // greater, as one pass keeps the first of equal maxima.
                    if let best = t.maxima[mine], best.value > top.value
                        || (best.value == top.value && (abs(top.value) < 0x1p53 || !Self.exactlyGreater(top.text, than: best.text))) {
                        continue
                    }
                    t.maxima[mine] = top
                }
            }
        }
        for name in other.identityNumbers where !identityNumbers.contains(name) { identityNumbers.append(name) }
        lastTotals = nil
    }

    /// Whether the number written as `text` is greater than the one
    /// written as `other`, compared exactly.
    private static func exactlyGreater(_ text: [UInt8], than other: [UInt8]) -> Bool {
        guard let a = text.withUnsafeBytes({ NumberText.decimal($0) }),
              let b = other.withUnsafeBytes({ NumberText.decimal($0) }) else { return false }
        return NumberOrder.compare(a, b) == 1
    }

    /// Whether the number at `node` is greater than the number written as
    /// `text`, compared exactly.
    @inline(never)
    private static func exactlyGreater(_ node: Int, _ tape: JSONTape, than text: [UInt8]) -> Bool {
        let value = (value: tape.double(node), exact: tape.kind(node) == .int ? tape.integer(node) : nil)
        guard let best = text.withUnsafeBytes({ NumberText.decimal($0) }) else { return false }
        return NumberOrder.compare(value, best) == 1
    }

    /// Forgets what `inexact` held: the caller has reported it.
    func clearInexact() {
        inexact.removeAll(keepingCapacity: true)
    }

    /// Names a counter whose total just stopped being exact (in any
    /// slice and group), once per name.
    @inline(never)
    private func noteLoss(_ sum: CounterSum, _ id: Int) {
        guard let loss = sum.loss else { return }
        let name = kinds.names[id]
        switch loss {
        case .overflow:
            guard firstNote(id, 1) else { return }
            inexact.append(Inexact(message: "'\(name)': the total passes the 128-bit integer range; it is written as the nearest double", isError: true))
        case .rounded:
            guard firstNote(id, 2) else { return }
            inexact.append(Inexact(message: "'\(name)': integers beyond 2^53 were added to floats; the total is the nearest double", isError: false))
        }
    }

    @inline(never)
    private func noteRoundedGauge(_ id: Int) {
        guard firstNote(id, 4) else { return }
        let name = kinds.names[id]
        inexact.append(Inexact(message: "'\(name)': a gauge beyond 2^53; '\(name)_hours' is the nearest double", isError: false))
    }

    /// Whether the loss `bit` of the name `id` is new.
    private func firstNote(_ id: Int, _ bit: UInt8) -> Bool {
        while inexactNoted.count <= id { inexactNoted.append(0) }
        if inexactNoted[id] & bit != 0 { return false }
        inexactNoted[id] |= bit
        return true
    }

    /// The totals of `key`, made empty the first time.
    private func totals(at key: Key) -> Totals? {
        if let known = totals[key] { return known }
        guard totals.count < maxRows else {
            isFull = true
            return nil
        }
        // A row costs about a kilobyte, and the table doubles as it grows:
        // checked every 1024 rows, against a ulimit -v.
        if totals.count & 1023 == 0 { MemoryLimit.reserve((totals.count + 1024) << 10) }
        let t = Totals()
        totals[key] = t
        return t
    }

    /// The accumulator of the piece's slice and group. Streams mostly come
    /// grouped (capnp-cat walks an account at a time), so the last group is
    /// checked first, without building a key.
    private func totals(for piece: SlicePiece, _ record: SliceRecord, tape: JSONTape) -> Totals {
        if let lastTotals, lastKey.sliceStart == piece.sliceStart, sameGroup(record, tape) { return lastTotals }
        var key = Key(sliceStart: piece.sliceStart, sliceEnd: piece.sliceEnd, values: [])
        for i in 0..<record.groupNodes.count {
            let node = record.groupNodes[i]
            key.values.append(node >= 0 ? raw(tape, node) : Array("null".utf8))
        }
        // Past --max-groups the piece goes to a row that is dropped.
        guard let t = totals(at: key) else { return overflowRow }
        (lastKey, lastTotals) = (key, t)
        return t
    }

    /// Whether the record's group values are those of `lastKey`.
    private func sameGroup(_ record: SliceRecord, _ tape: JSONTape) -> Bool {
        for i in 0..<lastKey.values.count {
            let value = lastKey.values[i]
            let node = record.groupNodes[i]
            guard node >= 0 else {
                if !value.elementsEqual("null".utf8) { return false }
                continue
            }
            let raw = tape.rawBytes(node)
            if tape.kind(node) == .string {
                guard value.count == raw.count + 2, value.dropFirst().dropLast().elementsEqual(raw) else { return false }
            } else if !value.elementsEqual(raw) {
                return false
            }
        }
        return true
    }

    /// Adds the piece's share of a counter; returns it as a Double.
    private func share(
        _ node: Int, _ record: SliceRecord, _ piece: SlicePiece, _ whole: Bool, _ tape: JSONTape,
        integer: (Int128) -> Void, float: (Double) -> Void
    ) -> Double {
        if tape.kind(node) == .int {
            if let narrow = tape.int64(node) {
                let value = whole ? narrow : Proration.share(narrow, from: piece.start, to: piece.end, of: record.start, record.end)
                integer(Int128(value))
                return Double(value)
            }
            let wide = tape.integer(node)
            let value = whole ? wide : Proration.share(wide, from: piece.start, to: piece.end, of: record.start, record.end)
            integer(value)
            return Double(value)
        }
        let value = whole ? tape.double(node) : Proration.share(tape.double(node), from: piece.start, to: piece.end, of: record.start, record.end)
        float(value)
        return value
    }

    private func raw(_ tape: JSONTape, _ node: Int) -> [UInt8] {
        tape.kind(node) == .string ? [34] + Array(tape.rawBytes(node)) + [34] : Array(tape.rawBytes(node))
    }

    /// The shuffle key's time part: the slice start, or `total` for the
    /// one slice of all time (the same for every mapper).
    static func writeSliceKey(_ sliceStart: Int64, into out: OutputBuffer) {
        if Grid.isAllTime(sliceStart) {
            out.append("total")
        } else {
            RFC3339.format(sliceStart, into: out)
        }
    }

    /// Whether the rows with `--fill`'s would pass `maxRows` (counting a
    /// row for every slice of the window and group, the most there can be).
    var fillPassesLimit: Bool {
        guard !fill.isEmpty else { return false }
        let groups = Set(totals.keys.map(\.values)).count
        let (rows, overflow) = groups.multipliedReportingOverflow(by: fill.count)
        return overflow || rows > maxRows
    }

    /// `--fill`: for each group, a row of zeros in every slice of the
    /// window it has none in, with the group's own sums (0) and gauge
    /// hours (0.0); maxima are left out, as nothing was measured.
    private func addFillRows() {
        var groups: [[[UInt8]]: Totals] = [:]
        for (key, t) in totals {
            let zeros = groups[key.values] ?? {
                let zeros = Totals()
                zeros.isFill = true
                groups[key.values] = zeros
                return zeros
            }()
            zeros.grow(to: t.counters.count - 1)
            for id in t.counters.indices {
                if t.counters[id] != nil { zeros.counters[id] = CounterSum() }
                if t.gaugeSeconds[id] != nil || t.gaugeMax[id] != nil { zeros.gaugeSeconds[id] = ExactSum() }
            }
        }
        for slice in fill {
            for (values, zeros) in groups {
                let key = Key(sliceStart: slice.start, sliceEnd: slice.end, values: values)
                if totals[key] == nil { totals[key] = zeros }
            }
        }
    }

    /// Writes every row, sorted by slice, then by group values.
    func write(to out: RecordWriter, keyed: Bool) throws(OutputError) {
        if !fill.isEmpty { addFillRows() }
        let keys = totals.keys.sorted { a, b in
            if a.sliceStart != b.sliceStart { return a.sliceStart < b.sliceStart }
            for (x, y) in zip(a.values, b.values) where x != y { return GroupOrder.less(x, y) }
            return false
        }
        for key in keys {
            let t = totals[key]!
            var (start, end) = (key.sliceStart, key.sliceEnd)
            if Grid.isAllTime(key.sliceStart) {
                start = window.start ?? t.first
                end = window.end ?? t.last
            }
            if keyed {
                Self.writeSliceKey(key.sliceStart, into: out.buffer)
                for value in key.values {
                    out.buffer.append(",")
                    value.withUnsafeBytes { out.buffer.append($0) }
                }
                out.buffer.append("\t")
            }
            out.begin()
            out.time("start", start)
            out.time("end", end)
            for (name, value) in zip(byNames, key.values) {
                out.key(name)
                value.withUnsafeBytes { out.encoded($0) }
            }
            out.key("records")
            t.records.write(into: out.buffer)
            out.key("seconds")
            if roundUp && !t.isFill && !Grid.isAllTime(key.sliceStart) {
                out.buffer.appendInt(end - start)
            } else {
                t.seconds.write(into: out.buffer)
            }
            write(t, sliceSeconds: Double(end - start), to: out)
            try out.end()
        }
    }

    /// Gauge hours, counters and maxima, in name order so rows of merged
    /// partial results are laid out like rows of the whole.
    private func write(_ t: Totals, sliceSeconds: Double, to out: RecordWriter) {
        var columns: [String: (counter: CounterSum?, hours: Double?, max: [UInt8]?)] = [:]
        for id in t.counters.indices {
            let name = kinds.names[id]
            if let counter = t.counters[id] { columns[name, default: (nil, nil, nil)].counter = counter }
            if let top = t.maxima[id] { columns[name, default: (nil, nil, nil)].max = top.text }
            var hours: Double?
            if let seconds = t.gaugeSeconds[id] { hours = seconds.value / 3600 }
            if let top = t.gaugeMax[id] {
                hours = top * sliceSeconds / 3600
                // A gauge near the largest double overflows the product
                // but not the hours themselves.
                if !hours!.isFinite { hours = top * (sliceSeconds / 3600) }
            }
            if let hours { columns[name + "_hours", default: (nil, nil, nil)].hours = hours }
        }
        for name in columns.keys.sorted() {
            let column = columns[name]!
            if let max = column.max {
                out.key(name)
                max.withUnsafeBytes { out.encoded($0) }
            } else if let counter = column.counter {
                guard counter.isFinite(plus: column.hours) else { noteOverflow(name); continue }
                out.key(name)
                counter.write(into: out.buffer, plus: column.hours)
            } else {
                guard (column.hours ?? 0).isFinite else { noteOverflow(name); continue }
                out.key(name)
                out.buffer.appendDouble(column.hours ?? 0)
            }
        }
    }

    @inline(never)
    private func noteOverflow(_ name: String) {
        if !overflowed.contains(name) { overflowed.append(name) }
    }
}

/// The order of group values: null, then numbers by exact value, then strings
/// byte by byte, then anything else by its text.
enum GroupOrder {
    static func less(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra < rb }
        if ra == 1 {
            let x = a.withUnsafeBytes { NumberText.decimal($0) } ?? (.nan, nil)
            let y = b.withUnsafeBytes { NumberText.decimal($0) } ?? (.nan, nil)
            if let order = NumberOrder.compare(x, y), order != 0 { return order < 0 }
        }
        return a.lexicographicallyPrecedes(b)
    }

    private static func rank(_ value: [UInt8]) -> Int {
        guard let first = value.first else { return 3 }
        switch first {
        case UInt8(ascii: "n"): return 0
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return 1
        case UInt8(ascii: "\""): return 2
        default: return 3
        }
    }
}
