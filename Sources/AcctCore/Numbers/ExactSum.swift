/// A float sum without rounding error until the end (Shewchuk's partials,
/// as Python's math.fsum): the result is the correctly rounded sum of all
/// the values, whatever their order, so roll-ups do not depend on the
/// order records came in.
///
/// Most values a roll-up adds (gauges times seconds, counters) are normal
/// doubles between 2^-12 and 2^62 whose every bit lies at or above 2^-64:
/// those add exactly into one 128-bit integer counting units of 2^-64, a
/// shift and an add instead of a pass over the partials. Everything else
/// (tinier, larger, subnormal, infinite) goes to the partials, and the
/// integer joins them, exactly, when the value is read or when it would
/// overflow. Both parts are exact, so the one rounding at the end gives the
/// same double as partials alone would.
public struct ExactSum: Sendable {
    private var partials: [Double] = []
    /// The sum of the values taken the integer way, in units of 2^-64.
    @usableFromInline var fixed: Int128 = 0
    /// Zeros add nothing but their sign: the sum is -0.0 when every value
    /// added was -0.0, as IEEE addition would have it. Bit 0: a -0.0 was
    /// added; bit 1: anything else was.
    @usableFromInline var zeros: UInt8 = 0

    public init() {}

    @inlinable @inline(__always)
    public mutating func add(_ value: Double) {
        guard let units = Self.units(value) else { return addSlowly(value) }
        zeros |= 2
        addFixed(units)
    }

    /// Adds units of 2^-64 to the integer; when the sum would overflow,
    /// the integer joins the partials and `units` starts it again.
    @inlinable @inline(__always)
    mutating func addFixed(_ units: Int128) {
        let (sum, overflow) = fixed.addingReportingOverflow(units)
        if overflow {
            flushFixed()
            fixed = units
        } else {
            fixed = sum
        }
    }

    /// `value` in units of 2^-64, when it is a whole number of them below
    /// 2^126. A double is significand × 2^(exponent - 1075), so in those
    /// units significand × 2^(exponent - 1011): exponents 1011 to 1084,
    /// |value| from 2^-12 to below 2^62.
    @inlinable @inline(__always)
    static func units(_ value: Double) -> Int128? {
        let bits = value.bitPattern
        let exponent = Int(truncatingIfNeeded: bits &>> 52) & 0x7ff
        guard exponent >= 1011 && exponent <= 1084 else { return nil }
        let significand = Int128(truncatingIfNeeded: (bits & 0xf_ffff_ffff_ffff) | 0x10_0000_0000_0000)
        let units = significand &<< (exponent - 1011)
        return bits &>> 63 == 0 ? units : 0 - units
    }

    /// A value outside the integer's range: a zero adds only its sign.
    @usableFromInline @inline(never)
    mutating func addSlowly(_ value: Double) {
        if value == 0 {
            zeros |= value.sign == .minus ? 1 : 2
            return
        }
        zeros |= 2
        addPartial(value)
    }

    /// Moves the integer into the partials, as three exact doubles of at
    /// most 43 bits each.
    @usableFromInline
    mutating func flushFixed() {
        guard fixed != 0 else { return }
        let mask: Int128 = (1 << 43) - 1
        let (low, middle, high) = (Double(fixed & mask) * 0x1p-64, Double((fixed >> 43) & mask) * 0x1p-21, Double(fixed >> 86) * 0x1p22)
        fixed = 0
        if low != 0 { addPartial(low) }
        if middle != 0 { addPartial(middle) }
        if high != 0 { addPartial(high) }
    }

    /// Shewchuk's step: the partials stay non-overlapping and their exact
    /// sum grows by `value`.
    private mutating func addPartial(_ value: Double) {
        // A sum of a few values outside the integer's range often stays
        // exact in one double: then the one partial is replaced in place,
        // as the loop below would leave it, without its array shuffling.
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
        for partial in other.partials { addPartial(partial) }
        zeros |= other.zeros
        addFixed(other.fixed)
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
        if zeros == 1 { return -0.0 }
        var whole = self
        whole.flushFixed()
        return whole.partialsValue
    }

    /// The correctly rounded sum of the partials, as fsum rounds it.
    private var partialsValue: Double {
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
