/// Text order that reads digit runs as numbers, so hour `9` comes before
/// `10` and account `7` before `12` (OVC does not zero-pad its folders):
/// capnp-cat's walk of a tree, and acct-fmt's worksheets.
public enum NumericOrder {
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        compare(Array(a.utf8), Array(b.utf8)) < 0
    }

    public static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if isDigit(a[i]) && isDigit(b[j]) {
                let (runA, endA) = digitRun(a, from: i)
                let (runB, endB) = digitRun(b, from: j)
                if runA.count != runB.count { return runA.count < runB.count ? -1 : 1 }
                for (x, y) in zip(runA, runB) where x != y { return x < y ? -1 : 1 }
                // Equal values: fewer leading zeros first keeps the order total.
                if endA - i != endB - j { return endA - i < endB - j ? -1 : 1 }
                i = endA
                j = endB
            } else {
                if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
                i += 1
                j += 1
            }
        }
        if a.count - i != b.count - j { return a.count - i < b.count - j ? -1 : 1 }
        return 0
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// The run's digits without leading zeros, and where the run ends.
    private static func digitRun(_ s: [UInt8], from start: Int) -> (ArraySlice<UInt8>, Int) {
        var end = start
        while end < s.count && isDigit(s[end]) { end += 1 }
        var first = start
        while first < end - 1 && s[first] == UInt8(ascii: "0") { first += 1 }
        return (s[first..<end], end)
    }
}
