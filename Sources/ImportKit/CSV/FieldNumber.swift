import AcctCore

/// A number field as the source wrote it, so a record keeps its form: an
/// integer (`7`) stays an exact integer, and any other (`130.0`, `1e+16`)
/// is a float even when its value is whole, as acct-records(5) says of
/// every number. SQLite's REAL columns come out of Python as `130.0`.
struct FieldNumber {
    let value: Double
    /// The value when the text is an integer that fits in 64 bits.
    let exact: Int64?

    init(value: Double, exact: Int64?) {
        self.value = value
        self.exact = exact
    }

    /// The field's number; nil when it is not one.
    init?(_ bytes: UnsafeRawBufferPointer) {
        guard let number = NumberText.decimal(bytes) else { return nil }
        self.init(value: number.value, exact: number.exact.flatMap { Int64(exactly: $0) })
    }

    /// The number times a whole factor (a unit change, KiB to bytes):
    /// exact for an integer while it fits.
    func times(_ factor: Int64) -> FieldNumber {
        if let exact {
            let (product, overflow) = exact.multipliedReportingOverflow(by: factor)
            if !overflow { return FieldNumber(value: Double(product), exact: product) }
        }
        return FieldNumber(value: value * Double(factor), exact: nil)
    }

    /// `self - earlier`: exact when both are integers, else a float.
    func minus(_ earlier: FieldNumber) -> FieldNumber {
        if let a = exact, let b = earlier.exact {
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            if !overflow { return FieldNumber(value: Double(difference), exact: difference) }
        }
        return FieldNumber(value: value - earlier.value, exact: nil)
    }

    /// The text messages show: the value as the shortest text.
    var description: String {
        if let exact { return String(exact) }
        return String(value)
    }
}

extension RecordWriter {
    /// A number in its source's form: an integer, or a float written with
    /// its `.0` when whole.
    func number(_ name: StaticString, _ number: FieldNumber) {
        if let exact = number.exact {
            int(name, exact)
        } else {
            double(name, number.value)
        }
    }
}
