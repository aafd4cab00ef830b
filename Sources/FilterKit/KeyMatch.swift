import AcctCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One of acct-filter's key flags (`-a 6,7`): the record matches when any
/// of the keys holds any of the values. A value matches a string with the
/// same text and a number with the same value, so `-u 6` finds both
/// `"user": 6` and `"user": "6"`. Values compare exactly, integers of any
/// size included: `-a 18446744073709551615` is not `18446744073709551614`.
public struct KeyMatch {
    /// One value of the list: its text is `valueText[start..<start + count]`.
    struct Value {
        let start: Int
        let count: Int
        /// The value written as an integer within Int64, as nearly every
        /// record's is.
        let integer: Int64?
        let number: Double?
        /// The value written as an integer beyond Int64 (to 128 bits).
        let wide: Int128?

        /// The value written as an integer, of any width.
        var exact: Int128? {
            if let integer { return Int128(integer) }
            return wide
        }
    }

    /// Owns the memory the buffers below point into. Testing a record reads
    /// only the buffers, plain data, so it retains and releases nothing
    /// (reading arrays would retain their storage for every record).
    private final class Storage {
        let keyText: UnsafeMutableBufferPointer<UInt8>
        let keys: UnsafeMutableBufferPointer<Range<Int>>
        let valueText: UnsafeMutableBufferPointer<UInt8>
        let values: UnsafeMutableBufferPointer<Value>

        init(keyText: [UInt8], keys: [Range<Int>], valueText: [UInt8], values: [Value]) {
            self.keyText = Self.copy(keyText)
            self.keys = Self.copy(keys)
            self.valueText = Self.copy(valueText)
            self.values = Self.copy(values)
        }

        deinit {
            keyText.deallocate()
            keys.deallocate()
            valueText.deallocate()
            values.deallocate()
        }

        private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = buffer.initialize(from: array)
            return UnsafeMutableBufferPointer(rebasing: buffer[..<array.count])
        }
    }

    private let storage: Storage
    /// What testing a record reads: plain data only.
    let table: Table

    /// `keys` are tried in order (`user`, then `uname`); `values` is the
    /// flag's comma list.
    public init(keys: [String], values: [String]) {
        var keyText: [UInt8] = []
        var keyRanges: [Range<Int>] = []
        for key in keys {
            let start = keyText.count
            keyText += key.utf8
            keyRanges.append(start..<keyText.count)
        }
        var valueText: [UInt8] = []
        var parsed: [Value] = []
        for text in values {
            let bytes = Array(text.utf8)
            let number = bytes.withUnsafeBytes { NumberText.decimal($0) }
            let exact = number?.exact
            let narrow = exact.flatMap { Int64(exactly: $0) }
            parsed.append(Value(start: valueText.count, count: bytes.count, integer: narrow, number: number?.value,
                                wide: narrow == nil ? exact : nil))
            valueText += bytes
        }
        storage = Storage(keyText: keyText, keys: keyRanges, valueText: valueText, values: parsed)
        table = Table(keyText: UnsafeBufferPointer(storage.keyText), keys: UnsafeBufferPointer(storage.keys),
                      valueText: UnsafeBufferPointer(storage.valueText), values: UnsafeBufferPointer(storage.values))
    }

    func matches(_ tape: JSONTape) -> Bool {
        table.matches(tape)
    }

    /// The keys and values as buffers into `storage`. Callers test records
    /// through `table` (a plain value, read without copying the KeyMatch,
    /// which would retain its storage per record).
    struct Table {
        /// The keys' texts, one after another; key `i` is `keyText[keys[i]]`.
        let keyText: UnsafeBufferPointer<UInt8>
        let keys: UnsafeBufferPointer<Range<Int>>
        /// The values' texts, one after another.
        let valueText: UnsafeBufferPointer<UInt8>
        let values: UnsafeBufferPointer<Value>

        func matches(_ tape: JSONTape) -> Bool {
            for key in keys {
                let name = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: keyText[key]))
                guard let node = tape.member(JSONTape.root, named: name) else { continue }
                for value in values where Self.matches(node, value, valueText, tape) { return true }
            }
            return false
        }

        @inline(__always)
        private static func matches(_ node: Int, _ value: Value, _ valueText: UnsafeBufferPointer<UInt8>, _ tape: JSONTape) -> Bool {
            switch tape.kind(node) {
            case .string:
                return tape.withStringBytes(node) { text in
                    text.count == value.count
                        && (value.count == 0 || memcmp(text.baseAddress!, valueText.baseAddress! + value.start, value.count) == 0)
                }
            case .int:
                if let integer = value.integer, let narrow = tape.int64(node) { return narrow == integer }
                return wideMatches(node, value, tape)
            case .float:
                guard let number = value.number else { return false }
                if let exact = value.exact {
                    return NumberOrder.compare(exact, tape.double(node)) == 0
                }
                return number == tape.double(node)
            default:
                return false
            }
        }

        /// An integer node against a value where one of them is beyond
        /// Int64, or the value is not an integer: by exact value.
        @inline(never)
        private static func wideMatches(_ node: Int, _ value: Value, _ tape: JSONTape) -> Bool {
            let integer = tape.integer(node)
            if let exact = value.exact { return integer == exact }
            guard let number = value.number else { return false }
            return NumberOrder.compare(integer, number) == 0
        }
    }
}
