import AcctCore
import Glibc

/// Sizes for people: 1024 steps, one decimal, `.0` dropped (`512M`,
/// `1.5G`), by the unit a key's name gives (`mem_mb` counts MiB, `disk_gb`
/// GiB, `*_bytes` bytes; `mem_mb_hours` the same unit-hours).
enum HumanUnits {
    private static let letters: [Character] = ["B", "K", "M", "G", "T", "P", "E"]

    /// The power of 1024 the key's values count in, or nil for no unit.
    static func scale(of key: String) -> Int? {
        let base = key.hasSuffix("_hours") ? String(key.dropLast(6)) : key
        if base.hasSuffix("_bytes") || base == "bytes" || base == "size_bytes" { return 0 }
        if base.hasSuffix("_kb") { return 1 }
        if base.hasSuffix("_mb") { return 2 }
        if base.hasSuffix("_gb") { return 3 }
        if base.hasSuffix("_tb") { return 4 }
        return nil
    }

    static func text(_ value: Double, scale: Int) -> String {
        var x = value
        var power = scale
        while abs(x) >= 1024 && power < letters.count - 1 {
            x /= 1024
            power += 1
        }
        var rounded = (x * 10).rounded() / 10
        if abs(rounded) >= 1024 && power < letters.count - 1 {
            rounded /= 1024
            power += 1
        }
        // Past the largest unit a figure can still be too big for Int64
        // (a fuzzer's 8e44 MB): Swift's own shortest text then.
        if !(abs(rounded) < 1e15) { return String(rounded) + String(letters[power]) }
        let whole = rounded == rounded.rounded(.towardZero)
        let number = whole ? String(Int64(rounded)) : String(format1: rounded)
        return number + String(letters[power])
    }

    /// A float for a table: at most three decimals, trailing zeros dropped;
    /// tiny non-zero values in exponent form so they do not read as 0.
    static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        if abs(value) >= 1e15 { return String(value) }
        if abs(value) >= 0.001 { return trimmed(String(fixed3: value)) }
        var exponent = Int(floor(log10(abs(value))))
        var mantissa = value / pow(10, Double(exponent))
        if abs((mantissa * 1000).rounded() / 1000) >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return trimmed(String(fixed3: mantissa)) + "e" + String(exponent)
    }

    private static func trimmed(_ text: String) -> String {
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension String {
    /// One decimal, no Foundation.
    fileprivate init(format1 value: Double) {
        let tenths = Int64((abs(value) * 10).rounded())
        self = (value < 0 ? "-" : "") + "\(tenths / 10).\(tenths % 10)"
    }

    /// Three decimals, fixed.
    fileprivate init(fixed3 value: Double) {
        let thousandths = Int64((abs(value) * 1000).rounded())
        let fraction = String(thousandths % 1000)
        self = (value < 0 ? "-" : "") + "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
