/// Numbers on an axis, short and readable: `1.2k`, `3.4M` (steps of 1000),
/// or for a metric counted in bytes, MiB or GiB, the table's own letters in
/// steps of 1024 (`512M`, `1.5G`). Written digit by digit, never through a
/// locale, so the same value always gives the same text.
enum NumberLabel {
    static let decimalLetters = ["", "k", "M", "G", "T", "P", "E"]
    static let binaryLetters = ["B", "K", "M", "G", "T", "P", "E"]

    /// `value` with `decimals` digits after the point (none for 0).
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return String(value) }
        var power = 1.0
        for _ in 0..<decimals { power *= 10 }
        let scaled = (abs(value) * power).rounded()
        guard scaled < 9e18 else { return String(value) }
        let digits = Int64(scaled)
        let negative = value < 0 && digits != 0
        var text = String(digits)
        if decimals > 0 {
            if text.count <= decimals { text = String(repeating: "0", count: decimals - text.count + 1) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
        }
        return negative ? "-" + text : text
    }

    /// The fewest decimals (at most 6) with which every value shows
    /// exactly, so that ticks 0, 0.5, 1 read `0`, `0.5`, `1`.
    static func decimals(for values: [Double]) -> Int {
        for decimals in 0...6 {
            var power = 1.0
            for _ in 0..<decimals { power *= 10 }
            let exact = values.allSatisfy { value in
                let scaled = value * power
                return abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled))
            }
            if exact { return decimals }
        }
        return 6
    }

    /// A single value, such as a total, with one decimal at most: `1.2k`,
    /// `950`, `3.4M` (or with `binaryScale`, `1.5G`).
    static func short(_ value: Double, binaryScale: Int? = nil) -> String {
        if value == 0 { return "0" }
        let (scaled, letter) = prefix(for: abs(value), binaryScale: binaryScale)
        let shown = value / scaled
        let decimals = abs(shown) >= 100 || shown == shown.rounded() ? 0 : 1
        var text = fixed(shown, decimals: decimals)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text + letter
    }

    /// The divisor and the letter for values up to `largest`: the largest
    /// step of 1000 (1024) that leaves it at 1 or more.
    static func prefix(for largest: Double, binaryScale: Int?) -> (divisor: Double, letter: String) {
        if let binaryScale {
            var power = max(0, min(binaryScale, binaryLetters.count - 1))
            var divisor = 1.0
            while largest / divisor >= 1024 && power < binaryLetters.count - 1 {
                divisor *= 1024
                power += 1
            }
            return (divisor, binaryLetters[power])
        }
        var power = 0
        var divisor = 1.0
        while largest / divisor >= 1000 && power < decimalLetters.count - 1 {
            divisor *= 1000
            power += 1
        }
        return (divisor, decimalLetters[power])
    }
}
