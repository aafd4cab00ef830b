import AcctCore

/// A parsed JSON value.
///
/// Integers and floats stay apart as the record format requires: a number
/// written without fraction or exponent is `.int` (exact in 128 bits), one
/// written with them is `.float`, even when whole (`2e3`, `210.0`).
public enum JSONValue: Equatable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without fraction or exponent.
    case int(Int128)
    /// A number written with a fraction or an exponent.
    case float(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, keys in written order.
    case object(JSONObject)

    /// The member `key` of an object; nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(object) = self else { return nil }
        return object[key]
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case let .array(elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The string, for `.string`.
    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// The integer, for `.int` only (a float is never truncated
    /// silently), when it fits in Int64.
    public var int64Value: Int64? {
        if case let .int(v) = self { return Int64(exactly: v) }
        return nil
    }

    /// The number as a Double, for `.float` and `.int` (rounded to the
    /// nearest Double beyond 2^53).
    public var doubleValue: Double? {
        switch self {
        case let .float(v): return v
        case let .int(v): return Double(v)
        default: return nil
        }
    }

    /// The Boolean, for `.bool`.
    public var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    /// The elements, for `.array`.
    public var arrayValue: [JSONValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    /// The object, for `.object`.
    public var objectValue: JSONObject? {
        if case let .object(o) = self { return o }
        return nil
    }

    /// Whether the value is `null`.
    public var isNull: Bool { self == .null }

    /// Appends the value as compact JSON (no spaces, keys in stored order,
    /// floats always with a fraction or exponent, NaN and infinities as null).
    public func write(to buffer: OutputBuffer) {
        switch self {
        case .null:
            buffer.append("null")
        case let .bool(b):
            buffer.append(b ? "true" : "false")
        case let .int(v):
            buffer.appendInteger(v)
        case let .float(v):
            buffer.appendDouble(v)
        case let .string(s):
            buffer.appendJSONString(s)
        case let .array(elements):
            buffer.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { buffer.append(UInt8(ascii: ",")) }
                element.write(to: buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case let .object(object):
            buffer.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.appendJSONString(member.key)
                buffer.append(UInt8(ascii: ":"))
                member.value.write(to: buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text (allocates: for messages and tests, not records).
    public var description: String {
        let buffer = OutputBuffer(capacity: 64)
        write(to: buffer)
        return buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral {
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(Int128(value)) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}
