/// A float sum without rounding error until the end (Shewchuk's partials,
/// as Python's math.fsum): the result is the correctly rounded sum of all
/// the values, whatever their order, so roll-ups do not depend on the
/// order records came in.
public struct ExactSum: Sendable {
    private var partials: [Double] = []

    public init() {}

    public mutating func add(_ value: Double) {
        // Most sums (whole seconds times sizes) stay exact in one double:
        // then the one partial is replaced in place, as the loop below
        // would leave it, without its array shuffling.
        let count = partials.count
        if count == 1 {
            let y = partials[0]
            let (a, b) = abs(value) < abs(y) ? (y, value) : (value, y)
            let high = a + b
            if b - (high - a) == 0 {
                partials[0] = high
                return
            }
        }
        // The partials are rewritten in place: the array keeps its storage
        // and grows only when every partial stays and the top is new.
        var x = value
        let kept = partials.withUnsafeMutableBufferPointer { p -> Int in
            var kept = 0
            for i in 0..<p.count {
                var y = p[i]
                if abs(x) < abs(y) { swap(&x, &y) }
                let high = x + y
                let low = y - (high - x)
                if low != 0 {
                    p[kept] = low
                    kept += 1
                }
                x = high
            }
            // Every partial stayed: the top goes after them.
            guard kept < p.count else { return p.count + 1 }
            p[kept] = x
            return kept + 1
        }
        if kept > count {
            partials.append(x)
        } else if kept < count {
            partials.removeLast(count - kept)
        }
    }

    /// Adds another exact sum: its partials are exact parts of its total,
    /// so the merged sum is still the exact total of every value added to
    /// either, and rounds to the same double whatever the split (`-j`).
    public mutating func add(_ other: ExactSum) {
        for partial in other.partials { add(partial) }
    }

    /// Adds an integer of up to 128 bits without rounding it: as three
    /// parts of at most 43 bits, each exact in a double.
    public mutating func add(exactly value: Int128) {
        if let small = Int64(exactly: value), small.magnitude <= 1 << 53 {
            if small != 0 { add(Double(small)) }
            return
        }
        let mask: Int128 = (1 << 43) - 1
        add(Double(value & mask))
        add(Double((value >> 43) & mask) * 0x1p43)
        add(Double(value >> 86) * 0x1p86)
    }

    public var value: Double {
        guard var i = partials.indices.last else { return 0 }
        var high = partials[i]
        var low = 0.0
        while i > 0 {
            i -= 1
            let x = high
            let y = partials[i]
            high = x + y
            let yr = high - x
            low = y - yr
            if low != 0 { break }
        }
        // Round half-even across the remaining partials, as fsum does.
        if i > 0 && ((low < 0 && partials[i - 1] < 0) || (low > 0 && partials[i - 1] > 0)) {
            let y = low * 2
            let x = high + y
            if y == x - high { high = x }
        }
        return high
    }
}
