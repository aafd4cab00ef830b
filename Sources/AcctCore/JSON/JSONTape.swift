#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of JSON parsed into a flat tape: one node per value, in
/// document order, each container followed by its subtree.
///
/// It reads with JSONScanner, which checks every byte (strict RFC 8259),
/// so the tests' tree parser, built on the same scanner, accepts and
/// rejects exactly the same lines with the same errors. It builds no tree:
/// nodes refer to the line's bytes, strings are decoded and floats
/// converted only when asked for, and the tape's storage is reused from
/// line to line, so once it has grown, parsing allocates nothing. A node is
/// an index from `root` (0) to `count - 1`; the children of a container are
/// `node + 1`, then `end(child)` repeatedly while less than `end(node)`.
///
/// Lines are limited to 4 GiB - 1 bytes (node offsets are 32-bit).
public final class JSONTape {
    /// One value. Offsets are from the start of the line. The accessors
    /// other modules call per record are inlined into them, so the node
    /// layout is visible to them.
    @usableFromInline struct Node {
        /// `.int`: the value (0 for a wide one, read from its text);
        /// `.bool`: 0 or 1; `.float`: its digits when short and asked
        /// for (`PackedDecimal`), else 0. (A `.float` is converted when asked
        /// for: most never are.)
        @usableFromInline var payload: Int64
        /// The value's text; for strings the contents between the quotes.
        @usableFromInline var start: UInt32
        @usableFromInline var length: UInt32
        /// The key's text between the quotes, when `hasKey`.
        @usableFromInline var keyStart: UInt32
        @usableFromInline var keyLength: UInt32
        /// The index just past the subtree.
        @usableFromInline var end: UInt32
        /// Members or elements of a container.
        @usableFromInline var childCount: UInt32
        @usableFromInline var kind: JSONKind
        @usableFromInline var flags: UInt8

        @usableFromInline init(payload: Int64, start: UInt32, length: UInt32, keyStart: UInt32, keyLength: UInt32,
                               end: UInt32, childCount: UInt32, kind: JSONKind, flags: UInt8) {
            (self.payload, self.start, self.length, self.keyStart, self.keyLength) = (payload, start, length, keyStart, keyLength)
            (self.end, self.childCount, self.kind, self.flags) = (end, childCount, kind, flags)
        }
    }

    @usableFromInline static let hasKey: UInt8 = 1
    @usableFromInline static let keyHasEscape: UInt8 = 2
    @usableFromInline static let valueHasEscape: UInt8 = 4
    /// An `.int` beyond Int64 (within Int128).
    @usableFromInline static let wideInteger: UInt8 = 8

    /// An open container while parsing.
    private struct Open {
        var node: UInt32
        var children: UInt32
    }

    @usableFromInline var nodeStorage: GrowableStorage<Node>
    @usableFromInline var nodes: UnsafeMutablePointer<Node> { nodeStorage.base }
    private var capacity: Int { nodeStorage.capacity }
    private let stack: UnsafeMutablePointer<Open>
    /// The parsed line's first byte.
    @usableFromInline var base = UnsafePointer<UInt8>(bitPattern: 1)!
    /// The parsed line's length.
    private var lineLength = 0
    /// Decoded text of strings with escapes; `scratchInUse` while lent out.
    private var scratch: GrowableStorage<UInt8>
    private var scratchInUse = false

    /// The number of nodes (0 before a successful parse and after a failed one).
    public private(set) var count = 0

    /// The top-level value's node.
    public static let root = 0

    /// The deepest nesting of arrays and objects accepted; checked before
    /// each level opens, so no line can exhaust the parser's stack.
    public static let maximumDepth = 512

    /// Creates an empty tape.
    public init() {
        nodeStorage = GrowableStorage(capacity: 64)
        stack = .allocate(capacity: Self.maximumDepth)
        scratch = GrowableStorage(capacity: 256)
    }

    deinit {
        nodeStorage.free()
        stack.deallocate()
        scratch.free()
    }

    /// Parses `line`; the tape refers to the line's bytes, which must stay
    /// valid until the next parse.
    ///
    /// With `packingDecimals`, short decimals (`51.661835`) are read as
    /// they are scanned, for a reader that asks `double` of most of them
    /// (acct-slice); `double` gives the same bits either way.
    public func parse(_ line: UnsafeRawBufferPointer, packingDecimals: Bool = false) throws(JSONParseError) {
        count = 0
        guard line.count <= Int(UInt32.max) else {
            throw JSONParseError(column: Int(UInt32.max) + 1, message: "line longer than 4 GiB for JSONTape")
        }
        // Most lines are flat records: the fast path takes them, and leaves
        // everything else (valid or not) to the full scan, from the start.
        // (One scan per kind of builder: whether decimals are packed is
        // known when the scan is compiled, not asked per number.)
        let flat = packingDecimals ? parseFlat(line, FlatBuilder<PackingDecimals>.self) : parseFlat(line, FlatBuilder<KeepingDecimalText>.self)
        if flat { return }
        try parseFully(line, packingDecimals: packingDecimals)
    }

    /// The flat-record fast path with `Flat`'s builder; false, having
    /// filled nothing the caller keeps, when the line is not a flat record.
    @inline(__always)
    private func parseFlat<Flat: FlatBuilding>(_ line: UnsafeRawBufferPointer, _: Flat.Type) -> Bool {
        var scanner = JSONScanner(line)
        var flat = Flat(tape: self, base: scanner.base)
        guard scanner.scanFlatObject(into: &flat) else { return false }
        base = scanner.base
        lineLength = line.count
        count = flat.count
        return true
    }

    /// Parses `line` with the full scanner alone, never the flat-record
    /// fast path: the slow path `parse` must agree with, error for error
    /// and node for node (the fastpaths fuzz target checks that it does).
    public func parseFully(_ line: UnsafeRawBufferPointer, packingDecimals: Bool = false) throws(JSONParseError) {
        count = 0
        guard line.count <= Int(UInt32.max) else {
            throw JSONParseError(column: Int(UInt32.max) + 1, message: "line longer than 4 GiB for JSONTape")
        }
        var scanner = JSONScanner(line)
        var builder = Builder(tape: self, base: scanner.base, packsDecimals: packingDecimals)
        try scanner.scanDocument(into: &builder)
        base = scanner.base
        lineLength = line.count
        count = builder.count
    }

    /// Fills the tape from what the scanner reports. Everything it keeps
    /// between calls is in its own fields, which the inlined scan holds in
    /// registers: the innermost open container is `current`, and only the
    /// ones around it are on the tape's stack.
    private struct Builder: JSONScanSink {
        var writer: NodeWriter
        let stack: UnsafeMutablePointer<Open>
        var depth = 0
        var count: Int { writer.count }
        /// The innermost open container (its node and children so far); at
        /// the top level, a placeholder no one reads.
        var current = Open(node: 0, children: 0)
        let packsDecimals: Bool

        init(tape: JSONTape, base: UnsafePointer<UInt8>, packsDecimals: Bool) {
            writer = NodeWriter(tape: tape, base: base)
            self.packsDecimals = packsDecimals
            stack = tape.stack
        }

        /// Adds a node (with the pending key) and counts it in its parent.
        @inline(__always)
        private mutating func append(_ kind: JSONKind, start: UnsafePointer<UInt8>, length: Int,
                                     flags: UInt8, payload: Int64) -> Int {
            let index = writer.append(kind, start: start, length: length, flags: flags, payload: payload)
            writer.keyFlags = 0
            current.children &+= 1
            return index
        }

        @inline(__always)
        mutating func key(_ key: JSONStringToken) {
            writer.key(key)
        }

        @inline(__always)
        mutating func beginContainer(isObject: Bool, at open: UnsafePointer<UInt8>) {
            let index = append(isObject ? .object : .array, start: open, length: 0, flags: 0, payload: 0)
            stack[depth] = current
            depth += 1
            current = Open(node: UInt32(truncatingIfNeeded: index), children: 0)
        }

        @inline(__always)
        mutating func endContainer(at close: UnsafePointer<UInt8>) {
            let node = writer.nodes + Int(current.node)
            node.pointee.end = UInt32(truncatingIfNeeded: writer.count)
            node.pointee.childCount = current.children
            node.pointee.length = writer.offset(close) + 1 - node.pointee.start
            depth -= 1
            current = stack[depth]
        }

        @inline(__always)
        mutating func scalar(_ value: JSONScalar, from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) {
            let node = JSONTape.scalarNode(value, from: start, to: end)
            _ = append(node.kind, start: node.start, length: node.length, flags: node.flags, payload: node.payload)
        }

        /// An `.int` node marked wide; its value is read from its text.
        mutating func wideInteger(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) {
            _ = append(.int, start: start, length: end - start, flags: JSONTape.wideInteger, payload: 0)
        }
    }

    /// What both builders share: the pending key, and writing a node at
    /// the end of the tape (the storage doubled first when full). A plain
    /// struct of locals, held in registers by the inlined scan.
    private struct NodeWriter {
        /// Unretained: the tape outlives its own parse call.
        unowned(unsafe) let tape: JSONTape
        let base: UnsafePointer<UInt8>
        var nodes: UnsafeMutablePointer<Node>
        var capacity: Int
        var count = 0
        /// The key of the next value, when `keyFlags` has `hasKey`.
        var keyStart: UInt32 = 0
        var keyLength: UInt32 = 0
        var keyFlags: UInt8 = 0

        init(tape: JSONTape, base: UnsafePointer<UInt8>) {
            self.tape = tape
            self.base = base
            nodes = tape.nodes
            capacity = tape.capacity
        }

        @inline(__always)
        func offset(_ p: UnsafePointer<UInt8>) -> UInt32 {
            UInt32(truncatingIfNeeded: p - base)
        }

        @inline(__always)
        mutating func key(_ key: JSONStringToken) {
            keyStart = offset(key.content.baseAddress!)
            keyLength = UInt32(truncatingIfNeeded: key.content.count)
            keyFlags = JSONTape.hasKey | (key.hasEscape ? JSONTape.keyHasEscape : 0)
        }

        /// Writes a node with the pending key; returns its index.
        @inline(__always)
        mutating func append(_ kind: JSONKind, start: UnsafePointer<UInt8>, length: Int, flags: UInt8, payload: Int64) -> Int {
            if count == capacity {
                nodes = tape.grow()
                capacity = tape.capacity
            }
            let index = count
            nodes[index] = Node(
                payload: payload, start: offset(start), length: UInt32(truncatingIfNeeded: length),
                keyStart: keyStart, keyLength: keyLength, end: UInt32(truncatingIfNeeded: index &+ 1),
                childCount: 0, kind: kind, flags: flags | keyFlags)
            count = index &+ 1
            return index
        }
    }

    /// `Builder` for the flat-record fast path: one object of scalars, so
    /// it keeps no stack of open containers; the fewer values the inlined
    /// scan holds, the fewer spill out of registers.
    private protocol FlatBuilding: JSONScanSink {
        init(tape: JSONTape, base: UnsafePointer<UInt8>)
        var count: Int { get }
    }

    private protocol DecimalPacking {
        static var packs: Bool { get }
    }

    private enum PackingDecimals: DecimalPacking {
        static var packs: Bool { true }
    }

    private enum KeepingDecimalText: DecimalPacking {
        static var packs: Bool { false }
    }

    private struct FlatBuilder<Decimals: DecimalPacking>: FlatBuilding {
        var writer: NodeWriter
        var count: Int { writer.count }
        var packsDecimals: Bool { Decimals.packs }

        init(tape: JSONTape, base: UnsafePointer<UInt8>) {
            writer = NodeWriter(tape: tape, base: base)
        }

        /// Adds a member (a scalar with its key: every value of a flat
        /// record has one, so the key is not cleared).
        @inline(__always)
        private mutating func append(_ kind: JSONKind, start: UnsafePointer<UInt8>, length: Int, flags: UInt8, payload: Int64) {
            _ = writer.append(kind, start: start, length: length, flags: flags, payload: payload)
        }

        @inline(__always)
        mutating func key(_ key: JSONStringToken) {
            writer.key(key)
        }

        /// The root, node 0 (the one container of a flat record).
        @inline(__always)
        mutating func beginContainer(isObject: Bool, at open: UnsafePointer<UInt8>) {
            writer.nodes[0] = Node(payload: 0, start: writer.offset(open), length: 0, keyStart: 0, keyLength: 0, end: 1,
                                   childCount: 0, kind: isObject ? .object : .array, flags: 0)
            writer.count = 1
        }

        @inline(__always)
        mutating func endContainer(at close: UnsafePointer<UInt8>) {
            let root = writer.nodes
            root.pointee.end = UInt32(truncatingIfNeeded: writer.count)
            root.pointee.childCount = UInt32(truncatingIfNeeded: writer.count &- 1)
            root.pointee.length = writer.offset(close) + 1 - root.pointee.start
        }

        @inline(__always)
        mutating func scalar(_ value: JSONScalar, from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) {
            let node = JSONTape.scalarNode(value, from: start, to: end)
            append(node.kind, start: node.start, length: node.length, flags: node.flags, payload: node.payload)
        }

        mutating func wideInteger(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) {
            append(.int, start: start, length: end - start, flags: JSONTape.wideInteger, payload: 0)
        }
    }

    /// The node a scalar makes, for both builders: its kind, its text (a
    /// string's between the quotes), flags and payload. A float is
    /// converted when asked for (`double`), from its packed digits or else
    /// from the text.
    @inline(__always)
    private static func scalarNode(_ value: JSONScalar, from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>)
        -> (kind: JSONKind, start: UnsafePointer<UInt8>, length: Int, flags: UInt8, payload: Int64) {
        switch value {
        case .null: return (.null, start, end - start, 0, 0)
        case let .bool(b): return (.bool, start, end - start, 0, b ? 1 : 0)
        case let .int(v): return (.int, start, end - start, 0, v)
        case let .float(decimal): return (.float, start, end - start, 0, decimal)
        case let .string(token):
            return (.string, token.content.baseAddress!, token.content.count, token.hasEscape ? valueHasEscape : 0, 0)
        }
    }

    /// Doubles the node storage (every node is in use); returns the new storage.
    private func grow() -> UnsafeMutablePointer<Node> {
        nodeStorage.reserve(capacity + 1, keeping: capacity)
        return nodes
    }

    // MARK: reading nodes

    @inlinable @inline(__always)
    func at(_ node: Int) -> UnsafeMutablePointer<Node> {
        precondition(UInt(bitPattern: node) < UInt(bitPattern: count), "JSONTape node out of range")
        return nodes + node
    }

    /// The kind of value at `node`.
    @inlinable @inline(__always)
    public func kind(_ node: Int) -> JSONKind {
        at(node).pointee.kind
    }

    /// The index just past `node`'s subtree (`node + 1` for a scalar).
    @inlinable @inline(__always)
    public func end(_ node: Int) -> Int {
        Int(at(node).pointee.end)
    }

    /// The number of members of an object or elements of an array; 0 for a scalar.
    @inlinable @inline(__always)
    public func childCount(_ node: Int) -> Int {
        Int(at(node).pointee.childCount)
    }

    /// The raw key text between the quotes (escapes not decoded) of an
    /// object member; nil for array elements and the root.
    @inlinable @inline(__always)
    public func keyBytes(_ node: Int) -> UnsafeRawBufferPointer? {
        let n = at(node)
        guard n.pointee.flags & Self.hasKey != 0 else { return nil }
        return UnsafeRawBufferPointer(start: base + Int(n.pointee.keyStart), count: Int(n.pointee.keyLength))
    }

    /// Whether `node` is an object member whose decoded key equals `name`
    /// (UTF-8 bytes; compared byte for byte, no Unicode normalization).
    @inline(__always)
    public func keyEquals(_ node: Int, _ name: UnsafeRawBufferPointer) -> Bool {
        let n = at(node)
        return keyEquals(n, name)
    }

    @inline(__always)
    private func keyEquals(_ n: UnsafeMutablePointer<Node>, _ name: UnsafeRawBufferPointer) -> Bool {
        let flags = n.pointee.flags
        let length = Int(n.pointee.keyLength)
        if flags & (Self.hasKey | Self.keyHasEscape) == Self.hasKey {
            return length == name.count && Self.bytesEqual(base + Int(n.pointee.keyStart), name)
        }
        // Decoded text is never longer than its escaped form.
        guard flags & Self.hasKey != 0, name.count <= length else { return false }
        return withDecoded(start: Int(n.pointee.keyStart), length: length) {
            $0.count == name.count && Self.bytesEqual($0.baseAddress, name)
        }
    }

    @inline(__always)
    private static func bytesEqual(_ a: UnsafeRawPointer?, _ b: UnsafeRawBufferPointer) -> Bool {
        b.isEmpty || memcmp(a!, b.baseAddress!, b.count) == 0
    }

    /// The decoded key of an object member; nil for array elements and the root.
    public func key(_ node: Int) -> String? {
        let n = at(node)
        guard n.pointee.flags & Self.hasKey != 0 else { return nil }
        return JSONScanner.decode(token(start: n.pointee.keyStart, length: n.pointee.keyLength,
                                        hasEscape: n.pointee.flags & Self.keyHasEscape != 0))
    }

    /// The value's text as it stands in the line: for strings the contents
    /// between the quotes (escapes not decoded), for containers from the
    /// opening bracket to the matching closing one inclusive.
    @inlinable @inline(__always)
    public func rawBytes(_ node: Int) -> UnsafeRawBufferPointer {
        let n = at(node)
        return UnsafeRawBufferPointer(start: base + Int(n.pointee.start), count: Int(n.pointee.length))
    }

    /// Calls `body` with the decoded UTF-8 of the string at `node`: the
    /// line's own bytes when it has no escapes, else a scratch buffer the
    /// tape reuses (valid only during `body`). Lone surrogates decode to U+FFFD.
    @inline(__always)
    public func withStringBytes<R>(_ node: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let n = at(node)
        precondition(n.pointee.kind == .string, "JSONTape node is not a string")
        let start = Int(n.pointee.start)
        let length = Int(n.pointee.length)
        if n.pointee.flags & Self.valueHasEscape == 0 {
            return try body(UnsafeRawBufferPointer(start: base + start, count: length))
        }
        return try withDecoded(start: start, length: length, body)
    }

    /// Decodes the escaped text at `start` into the scratch buffer (or, when
    /// that is lent out to an enclosing call, a temporary one).
    private func withDecoded<R>(start: Int, length: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let content = UnsafeBufferPointer(start: base + start, count: length)
        if scratchInUse {
            return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(length, 1)) { buffer in
                let decoded = JSONScanner.unescape(content, into: buffer)
                return try body(UnsafeRawBufferPointer(start: buffer.baseAddress, count: decoded))
            }
        }
        scratch.reserve(length, keeping: 0)
        let decoded = JSONScanner.unescape(content, into: UnsafeMutableBufferPointer(start: scratch.base, count: length))
        scratchInUse = true
        defer { scratchInUse = false }
        return try body(UnsafeRawBufferPointer(start: scratch.base, count: decoded))
    }

    /// The decoded string at `node`.
    public func string(_ node: Int) -> String {
        let n = at(node)
        precondition(n.pointee.kind == .string, "JSONTape node is not a string")
        return JSONScanner.decode(token(start: n.pointee.start, length: n.pointee.length,
                                        hasEscape: n.pointee.flags & Self.valueHasEscape != 0))
    }

    /// The Boolean at a `.bool` node.
    @inlinable @inline(__always)
    public func bool(_ node: Int) -> Bool {
        let n = at(node)
        precondition(n.pointee.kind == .bool, "JSONTape node is not a bool")
        return n.pointee.payload != 0
    }

    /// The integer at an `.int` node when it fits in Int64 (nearly all
    /// do); nil for a wide one, which `integer` reads exactly.
    @inlinable @inline(__always)
    public func int64(_ node: Int) -> Int64? {
        let n = at(node)
        precondition(n.pointee.kind == .int, "JSONTape node is not an int")
        return n.pointee.flags & Self.wideInteger == 0 ? n.pointee.payload : nil
    }

    /// Whether the `.int` at `node` is beyond Int64.
    @inlinable @inline(__always)
    public func isWideInteger(_ node: Int) -> Bool {
        at(node).pointee.flags & Self.wideInteger != 0
    }

    /// The integer at an `.int` node, exactly, wide or not.
    @inlinable @inline(__always)
    public func integer(_ node: Int) -> Int128 {
        if let narrow = int64(node) { return Int128(narrow) }
        return wideValue(node)
    }

    /// A wide integer, from its text (checked by the scanner to fit).
    @usableFromInline @inline(never)
    func wideValue(_ node: Int) -> Int128 {
        NumberText.int128(rawBytes(node))!
    }

    /// A wide integer's nearest double, out of line: the conversion would
    /// swell `double`, which the tools call per value.
    @usableFromInline @inline(never)
    func wideDouble(_ node: Int) -> Double {
        Double(wideValue(node))
    }

    /// The number at a `.float` or `.int` node as a Double (an int beyond
    /// 2^53 rounded to the nearest Double).
    @inlinable @inline(__always)
    public func double(_ node: Int) -> Double {
        let n = at(node)
        switch n.pointee.kind {
        case .float:
            if n.pointee.payload != 0 { return PackedDecimal.value(n.pointee.payload) }
            return NumberText.jsonFloat(UnsafeBufferPointer(start: base + Int(n.pointee.start), count: Int(n.pointee.length)))
        case .int:
            if n.pointee.flags & Self.wideInteger == 0 { return Double(n.pointee.payload) }
            return wideDouble(node)
        default: preconditionFailure("JSONTape node is not a number")
        }
    }

    /// The last member of the object at `node` whose decoded key equals
    /// `name` (with duplicate keys the last wins, as in JSONObject); nil
    /// when there is none or `node` is not an object.
    public func member(_ node: Int, named name: UnsafeRawBufferPointer) -> Int? {
        let n = at(node)
        guard n.pointee.kind == .object, name.count <= Int(UInt32.max) else { return nil }
        let end = Int(n.pointee.end)
        let length = UInt32(truncatingIfNeeded: name.count)
        // A name of up to eight bytes is compared as one word (where eight
        // bytes of the line can be read from the key), with no memcmp call.
        var nameWord: UInt64 = 0
        let wordCompare = name.count <= 8
        if wordCompare {
            for i in 0..<name.count { nameWord |= UInt64(name[i]) << UInt64(8 * i) }
        }
        let wordMask: UInt64 = name.count >= 8 ? ~0 : (UInt64(1) << UInt64(8 * name.count)) - 1
        // Locals: the loop reads no property of `self`.
        let nodes = self.nodes
        let base = self.base
        let lineLength = self.lineLength
        var found: Int?
        var child = node + 1
        while child < end {
            let c = nodes + child
            let flags = c.pointee.flags
            if flags & (Self.hasKey | Self.keyHasEscape) == Self.hasKey {
                // A plain key: the length rules out most members at once.
                if c.pointee.keyLength == length {
                    let keyStart = Int(c.pointee.keyStart)
                    if wordCompare && keyStart + 8 <= lineLength {
                        let word = UInt64(littleEndian: UnsafeRawPointer(base + keyStart).loadUnaligned(as: UInt64.self))
                        if word & wordMask == nameWord { found = child }
                    } else if Self.bytesEqual(base + keyStart, name) {
                        found = child
                    }
                }
            } else if escapedKeyEquals(c, name) {
                found = child
            }
            // A scalar's subtree is itself: stepping by one, not by the
            // stored end, keeps the walk from waiting on that load.
            if c.pointee.kind.rawValue < JSONKind.array.rawValue {
                child &+= 1
                continue
            }
            child = Int(c.pointee.end)
        }
        return found
    }

    @inline(never)
    private func escapedKeyEquals(_ n: UnsafeMutablePointer<Node>, _ name: UnsafeRawBufferPointer) -> Bool {
        keyEquals(n, name)
    }

    /// The last member of the object at `node` whose key equals `name`
    /// (byte for byte in UTF-8); nil when none or not an object.
    public func member(_ node: Int, named name: String) -> Int? {
        var name = name
        return name.withUTF8 { member(node, named: UnsafeRawBufferPointer($0)) }
    }

    private func token(start: UInt32, length: UInt32, hasEscape: Bool) -> JSONStringToken {
        JSONStringToken(content: UnsafeBufferPointer(start: base + Int(start), count: Int(length)), hasEscape: hasEscape)
    }
}
