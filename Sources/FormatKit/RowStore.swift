import AcctCore

/// The rows acct-fmt holds until the input ends: for `--sort`, for the
/// sections of `--split` and the sheets of the workbook. Rows are JSON
/// text in one growing byte arena (no allocation per row), each with its
/// sort values; the text of a text value is copied after its row.
///
/// With `--sort` and `--limit N`, only the N first rows in order are kept,
/// in a heap with the last of them on top: a new row takes its place when
/// it comes before it, so memory is N rows however long the input. Rows of
/// equal keys keep their input order (a later row never displaces an
/// earlier equal one). Without `--sort`, the first N rows are kept.
final class RowStore {
    /// What a row gives for one sort key.
    enum Input {
        case number(Double, exact: Int128?)
        case time(Int64)
        case text(UnsafeRawBufferPointer)
        case missing
    }

    private struct Slot {
        var start: Int
        var rowLength: Int
        var end: Int
    }

    private let keys: [SortKey]
    private let limit: Int?
    private var arena: [UInt8] = []
    private var slots: [Slot] = []
    /// The sort values of row `id` at `id * keys.count ..< (id + 1) * keys.count`;
    /// text values point into the arena.
    private var values: [SortValue] = []
    /// The input order of each row, for ties.
    private var sequence: [Int] = []
    private var added = 0
    /// With a limit: the rows kept, the one that comes last on top.
    private var heap: [Int] = []
    /// Bytes of the arena that belong to rows given up.
    private var garbage = 0
    private var scratch: [SortValue] = []

    init(keys: [SortKey], limit: Int?) {
        self.keys = keys
        self.limit = limit
    }

    var count: Int { slots.count }
    private var sorting: Bool { !keys.isEmpty }

    /// Offers a row; `input(k, give)` gives its value for sort key `k`
    /// (text that needs to stay valid only during the call).
    func add(_ row: UnsafeRawBufferPointer, _ input: (Int, (Input) -> Void) -> Void) {
        defer { added += 1 }
        if let limit, !sorting || limit == 0, slots.count >= limit { return }
        // The arena doubles as rows come: checked every 1024 rows against
        // a ulimit -v (--split, --sort, --fit hold every row).
        if slots.count & 1023 == 0 { MemoryLimit.reserve(arena.count + (4 << 20)) }
        let start = arena.count
        arena.append(contentsOf: row)
        scratch.removeAll(keepingCapacity: true)
        for k in keys.indices {
            input(k) { value in
                switch value {
                case let .number(x, exact): scratch.append(.number(x, exact: exact))
                case let .time(t): scratch.append(.time(t))
                case .missing: scratch.append(.missing)
                case .text(let bytes):
                    scratch.append(.text(offset: arena.count, length: bytes.count))
                    arena.append(contentsOf: bytes)
                }
            }
        }
        let slot = Slot(start: start, rowLength: row.count, end: arena.count)
        guard let limit, sorting else { return append(slot) }
        if slots.count < limit {
            append(slot)
            heap.append(slots.count - 1)
            siftUp(heap.count - 1)
            return
        }
        let worst = heap[0]
        let better = arena.withUnsafeBytes { raw in
            compare(scratch[...], added, values[range(worst)], sequence[worst], raw) < 0
        }
        guard better else {
            arena.removeLast(arena.count - start)
            return
        }
        garbage += slots[worst].end - slots[worst].start
        slots[worst] = slot
        values.replaceSubrange(range(worst), with: scratch)
        sequence[worst] = added
        siftDown(0)
        compactIfWasteful()
    }

    /// Calls `body` with each row kept, in order, while it returns true.
    func forEachRow(_ body: (UnsafeRawBufferPointer) -> Bool) {
        var order = Array(slots.indices)
        arena.withUnsafeBytes { raw in
            if sorting {
                order.sort { compare(values[range($0)], sequence[$0], values[range($1)], sequence[$1], raw) < 0 }
            }
            for id in order {
                let slot = slots[id]
                guard body(UnsafeRawBufferPointer(rebasing: raw[slot.start..<(slot.start + slot.rowLength)])) else { return }
            }
        }
    }

    private func append(_ slot: Slot) {
        slots.append(slot)
        values.append(contentsOf: scratch)
        sequence.append(added)
    }

    private func range(_ id: Int) -> Range<Int> { (id * keys.count)..<((id + 1) * keys.count) }

    /// The order of two rows by the sort keys, then by input order.
    private func compare(_ a: ArraySlice<SortValue>, _ sa: Int, _ b: ArraySlice<SortValue>, _ sb: Int,
                         _ raw: UnsafeRawBufferPointer) -> Int {
        let text: (SortValue) -> UnsafeRawBufferPointer = { value in
            guard case let .text(offset, length) = value else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)])
        }
        for (k, (x, y)) in zip(a, b).enumerated() {
            let order = SortValue.compare(x, y, descending: keys[k].descending, text: text)
            if order != 0 { return order }
        }
        return sa < sb ? -1 : (sa == sb ? 0 : 1)
    }

    // MARK: the heap of the rows kept, the last in order on top

    private func comesAfter(_ i: Int, _ j: Int) -> Bool {
        let (a, b) = (heap[i], heap[j])
        return arena.withUnsafeBytes { compare(values[range(a)], sequence[a], values[range(b)], sequence[b], $0) > 0 }
    }

    private func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard comesAfter(child, parent) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var largest = left
            if left + 1 < heap.count && comesAfter(left + 1, left) { largest = left + 1 }
            guard comesAfter(largest, parent) else { return }
            heap.swapAt(largest, parent)
            parent = largest
        }
    }

    /// Copies the rows kept into a new arena once more of it is given up
    /// than kept (and at least a MiB), so a long input's top N stays N rows.
    private func compactIfWasteful() {
        guard garbage > 1 << 20, garbage > arena.count - garbage else { return }
        var compacted: [UInt8] = []
        compacted.reserveCapacity(arena.count - garbage)
        for id in slots.indices {
            let slot = slots[id]
            let shift = compacted.count - slot.start
            compacted.append(contentsOf: arena[slot.start..<slot.end])
            slots[id] = Slot(start: slot.start + shift, rowLength: slot.rowLength, end: slot.end + shift)
            for v in range(id) {
                if case let .text(offset, length) = values[v] {
                    values[v] = .text(offset: offset + shift, length: length)
                }
            }
        }
        arena = compacted
        garbage = 0
    }
}
