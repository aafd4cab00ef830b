import AcctCore

/// Evaluates a compiled expression on one record held in a JSONTape. The
/// record is a tree: object keys are element names, and the items of an
/// array are repeated elements of the array's name.
///
/// An evaluator serves one expression: the first `matches` compiles its
/// top into a `Plan` (`and`, `or` and comparisons of a child with a
/// constant, the commonest filters, tested without building node sets or
/// allocating), and every later call runs that plan.
final class ExprEvaluator {
    private var tape: JSONTape!
    private let regexes = ExprRegex()
    private var plan: Plan?

    /// The value of `node` on the record in `tape`, for a computed column.
    func value(_ node: ExprNode, in tape: JSONTape) -> ExprValue {
        self.tape = tape
        return evaluate(node, context: JSONTape.root)
    }

    func matches(_ node: ExprNode, in tape: JSONTape) -> Bool {
        self.tape = tape
        let plan: Plan
        if let compiled = self.plan {
            plan = compiled
        } else {
            plan = Plan.compile(node)
            self.plan = plan
        }
        return plan.holds(self, tape)
    }

    /// What the plan's tests stand for: the whole expression evaluated.
    func matchesWithoutPlan(_ node: ExprNode, in tape: JSONTape) -> Bool {
        self.tape = tape
        return truth(evaluate(node, context: JSONTape.root))
    }

    // MARK: expressions

    private func evaluate(_ node: ExprNode, context: Int) -> ExprValue {
        switch node {
        case let .or(a, b):
            return .boolean(truth(evaluate(a, context: context)) || truth(evaluate(b, context: context)))
        case let .and(a, b):
            return .boolean(truth(evaluate(a, context: context)) && truth(evaluate(b, context: context)))
        case let .compare(op, a, b):
            return .boolean(compare(evaluate(a, context: context), op, evaluate(b, context: context)))
        case let .arithmetic(op, a, b):
            let result = ExprArithmetic.apply(op, number(a, context: context), number(b, context: context))
            return .number(result.0, exact: result.exact)
        case .negate(let a):
            let result = ExprArithmetic.negate(number(a, context: context))
            return .number(result.0, exact: result.exact)
        case .path(let path):
            return .nodes(select(path, context: context))
        case .union(let paths):
            var all: [Int] = []
            for path in paths { all += select(path, context: context) }
            return .nodes(Self.documentOrder(all))
        case .literal(let literal):
            return .string(literal.bytes, time: literal.time)
        case let .number(value, exact):
            return .number(value, exact: exact)
        case let .call(function, arguments):
            return call(function, arguments, context: context)
        }
    }

    /// An operand of arithmetic as a number, as `number()` reads it. A
    /// child key (`vcpus_hours * 0.0125`), the usual operand, is looked up
    /// directly, without building its node set.
    private func number(_ node: ExprNode, context: Int) -> (Double, exact: Int128?) {
        if case .path(let path) = node, path.steps.count == 1 {
            let step = path.steps[0]
            if !step.descendants, step.predicates.isEmpty, case .name(let name) = step.test {
                let base = path.absolute ? JSONTape.root : context
                guard let first = name.withUnsafeBytes({ firstChild(of: base, named: $0) }) else { return (.nan, nil) }
                return numberOf(node: first)
            }
        }
        return numberOf(evaluate(node, context: context))
    }

    /// The first child of `node` named `name` in document order (for an
    /// array member, its first item that is not an array), as `select`
    /// would list it first.
    private func firstChild(of node: Int, named name: UnsafeRawBufferPointer) -> Int? {
        guard tape.kind(node) == .object else {
            var found: Int?
            forEachChild(of: node, named: name) { if found == nil { found = $0 } }
            return found
        }
        let end = tape.end(node)
        var child = node + 1
        while child < end {
            if tape.keyEquals(child, name), let first = firstItem(child) { return first }
            child = tape.end(child)
        }
        return nil
    }

    private func firstItem(_ node: Int) -> Int? {
        guard tape.kind(node) == .array else { return node }
        var item = node + 1
        while item < tape.end(node) {
            if let first = firstItem(item) { return first }
            item = tape.end(item)
        }
        return nil
    }

    private func truth(_ value: ExprValue) -> Bool {
        switch value {
        case .nodes(let nodes): return !nodes.isEmpty
        case .string(let s, _): return !s.isEmpty
        case .number(let x, _): return x != 0 && !x.isNaN
        case .boolean(let b): return b
        }
    }

    // MARK: paths

    private func select(_ path: ExprPath, context: Int) -> [Int] {
        var current = [path.absolute ? JSONTape.root : context]
        for step in path.steps {
            var next: [Int] = []
            for node in current {
                if step.descendants {
                    for base in descendantsOrSelf(node) { apply(step, to: base, into: &next) }
                } else {
                    apply(step, to: node, into: &next)
                }
            }
            current = current.count > 1 || step.descendants ? Self.documentOrder(next) : next
        }
        return current
    }

    private func apply(_ step: ExprStep, to node: Int, into result: inout [Int]) {
        var candidates: [Int] = []
        switch step.test {
        case .current:
            candidates = [node]
        case .any:
            forEachChild(of: node, named: nil) { candidates.append($0) }
        case .name(let name):
            name.withUnsafeBytes { name in forEachChild(of: node, named: name) { candidates.append($0) } }
        }
        for predicate in step.predicates {
            var kept: [Int] = []
            for (index, candidate) in candidates.enumerated() {
                switch evaluate(predicate, context: candidate) {
                case let .number(position, _):
                    if position == Double(index + 1) { kept.append(candidate) }
                case let other:
                    if truth(other) { kept.append(candidate) }
                }
            }
            candidates = kept
        }
        result += candidates
    }

    /// The children of an object in document order, the items of an array
    /// member standing in for the member (nested arrays flattened).
    private func forEachChild(of node: Int, named name: UnsafeRawBufferPointer?, _ body: (Int) -> Void) {
        switch tape.kind(node) {
        case .object:
            var child = node + 1
            while child < tape.end(node) {
                if name == nil || tape.keyEquals(child, name!) { expand(child, body) }
                child = tape.end(child)
            }
        case .array:
            expand(node, body)
        default:
            return
        }
    }

    private func expand(_ node: Int, _ body: (Int) -> Void) {
        guard tape.kind(node) == .array else { return body(node) }
        var item = node + 1
        while item < tape.end(node) {
            expand(item, body)
            item = tape.end(item)
        }
    }

    /// The node and every node below it that can have children.
    private func descendantsOrSelf(_ node: Int) -> [Int] {
        var result = [node]
        var i = node + 1
        while i < tape.end(node) {
            if tape.kind(i) == .object { result.append(i) }
            i += 1
        }
        return result
    }

    private static func documentOrder(_ nodes: [Int]) -> [Int] {
        var sorted = nodes.sorted()
        var last = -1
        sorted.removeAll { node in
            defer { last = node }
            return node == last
        }
        return sorted
    }

    // MARK: comparison

    /// The top of an expression, compiled once. Its tests give what
    /// `truth(evaluate(node, context: JSONTape.root))` gives for the node
    /// they were compiled from.
    private class Plan {
        func holds(_ evaluator: ExprEvaluator, _ tape: JSONTape) -> Bool {
            preconditionFailure("abstract")
        }

        static func compile(_ node: ExprNode) -> Plan {
            switch node {
            case let .and(a, b):
                return And(compile(a), compile(b))
            case let .or(a, b):
                return Or(compile(a), compile(b))
            case let .compare(op, a, b):
                if let name = childName(a), let constant = Constant(b) {
                    return ChildComparison(name: name, op: op, constant: constant, childFirst: true)
                }
                if let name = childName(b), let constant = Constant(a) {
                    return ChildComparison(name: name, op: op, constant: constant, childFirst: false)
                }
                return General(node)
            default:
                return General(node)
            }
        }

        /// The name of a path of one child step without predicates (from
        /// the record, whether written `name` or `/name`).
        private static func childName(_ node: ExprNode) -> [UInt8]? {
            guard case .path(let path) = node, path.steps.count == 1 else { return nil }
            let step = path.steps[0]
            guard !step.descendants, step.predicates.isEmpty, case .name(let name) = step.test else { return nil }
            return name
        }
    }

    private final class And: Plan {
        let a: Plan
        let b: Plan
        init(_ a: Plan, _ b: Plan) { (self.a, self.b) = (a, b) }
        override func holds(_ evaluator: ExprEvaluator, _ tape: JSONTape) -> Bool {
            a.holds(evaluator, tape) && b.holds(evaluator, tape)
        }
    }

    private final class Or: Plan {
        let a: Plan
        let b: Plan
        init(_ a: Plan, _ b: Plan) { (self.a, self.b) = (a, b) }
        override func holds(_ evaluator: ExprEvaluator, _ tape: JSONTape) -> Bool {
            a.holds(evaluator, tape) || b.holds(evaluator, tape)
        }
    }

    /// Anything else, evaluated in full.
    private final class General: Plan {
        let node: ExprNode
        init(_ node: ExprNode) { self.node = node }
        override func holds(_ evaluator: ExprEvaluator, _ tape: JSONTape) -> Bool {
            evaluator.truth(evaluator.evaluate(node, context: JSONTape.root))
        }
    }

    /// A literal or number, as `withAtom(value:)` makes it an atom (a
    /// literal's time worked out once).
    private struct Constant {
        let bytes: [UInt8]
        let time: Int64?
        let number: (Double, exact: Int128?)?

        init?(_ node: ExprNode) {
            switch node {
            case .literal(let literal):
                bytes = literal.bytes
                time = literal.time ?? bytes.withUnsafeBytes { RFC3339.parse($0) }
                number = nil
            case let .number(value, exact):
                bytes = []
                time = nil
                number = (value, exact)
            default:
                return nil
            }
        }

        func withAtom<R>(_ body: (ExprAtom) -> R) -> R {
            if let number { return body(.number(number.0, exact: number.exact)) }
            return bytes.withUnsafeBytes { body(.string($0, time: time)) }
        }
    }

    /// `name op constant` or `constant op name`: the existential comparison
    /// `compare` makes on the node set `name` selects, made while walking
    /// the record's members, stopping at the first that compares true.
    private final class ChildComparison: Plan {
        let name: [UInt8]
        let op: ComparisonOperator
        let constant: Constant
        let childFirst: Bool

        init(name: [UInt8], op: ComparisonOperator, constant: Constant, childFirst: Bool) {
            self.name = name
            self.op = op
            self.constant = constant
            self.childFirst = childFirst
        }

        override func holds(_ evaluator: ExprEvaluator, _ tape: JSONTape) -> Bool {
            constant.withAtom { c in
                // A string's time matters only against a time: no other
                // comparison looks at it, so it is read only then.
                var needsTime = false
                if case .string(_, time: .some) = c { needsTime = true }
                let root = JSONTape.root
                switch tape.kind(root) {
                case .object:
                    return name.withUnsafeBytes { name in
                        let end = tape.end(root)
                        var child = root + 1
                        while child < end {
                            if tape.keyEquals(child, name) && test(child, c, needsTime, evaluator, tape) { return true }
                            child = tape.end(child)
                        }
                        return false
                    }
                case .array:
                    // An array's items stand in for children of any name.
                    return test(root, c, needsTime, evaluator, tape)
                default:
                    return false
                }
            }
        }

        /// Whether a member (or, for an array, any item `expand` reaches)
        /// compares true with the constant.
        private func test(_ node: Int, _ c: ExprAtom, _ needsTime: Bool, _ evaluator: ExprEvaluator, _ tape: JSONTape) -> Bool {
            switch tape.kind(node) {
            case .int:
                if let value = tape.int64(node) { return compare(.number(Double(value), exact: Int128(value)), c) }
                return compare(.number(tape.double(node), exact: tape.integer(node)), c)
            case .float:
                return compare(.number(tape.double(node), exact: nil), c)
            case .bool:
                return compare(.boolean(tape.bool(node)), c)
            case .string:
                return tape.withStringBytes(node) { compare(.string($0, time: needsTime ? RFC3339.parse($0) : nil), c) }
            case .array:
                let end = tape.end(node)
                var item = node + 1
                while item < end {
                    if test(item, c, needsTime, evaluator, tape) { return true }
                    item = tape.end(item)
                }
                return false
            case .null, .object:
                return evaluator.withAtom(node: node) { compare($0, c) }
            }
        }

        @inline(__always)
        private func compare(_ x: ExprAtom, _ c: ExprAtom) -> Bool {
            childFirst ? ExprComparison.compare(x, op, c) : ExprComparison.compare(c, op, x)
        }
    }

    private func compare(_ left: ExprValue, _ op: ComparisonOperator, _ right: ExprValue) -> Bool {
        switch (left, right) {
        case let (.nodes(a), .nodes(b)):
            return a.contains { x in withAtom(node: x) { ax in b.contains { y in withAtom(node: y) { ExprComparison.compare(ax, op, $0) } } } }
        case let (.nodes(a), value):
            return withAtom(value: value) { v in a.contains { x in withAtom(node: x) { ExprComparison.compare($0, op, v) } } }
        case let (value, .nodes(b)):
            return withAtom(value: value) { v in b.contains { y in withAtom(node: y) { ExprComparison.compare(v, op, $0) } } }
        default:
            return withAtom(value: left) { a in withAtom(value: right) { ExprComparison.compare(a, op, $0) } }
        }
    }

    private func withAtom<R>(node: Int, _ body: (ExprAtom) -> R) -> R {
        switch tape.kind(node) {
        case .int: return body(.number(tape.double(node), exact: tape.integer(node)))
        case .float: return body(.number(tape.double(node), exact: nil))
        case .bool: return body(.boolean(tape.bool(node)))
        case .string:
            return tape.withStringBytes(node) { body(.string($0, time: RFC3339.parse($0))) }
        case .null, .object, .array:
            return stringValue(node).withUnsafeBytes { body(.string($0, time: nil)) }
        }
    }

    private func withAtom<R>(value: ExprValue, _ body: (ExprAtom) -> R) -> R {
        switch value {
        case let .number(x, exact): return body(.number(x, exact: exact))
        case .boolean(let b): return body(.boolean(b))
        case let .string(s, time):
            // A literal's time was worked out at compile time, in any of
            // the command-line forms (`start >= "2018-10-02"`); other
            // strings are times only in RFC 3339.
            return s.withUnsafeBytes { body(.string($0, time: time ?? RFC3339.parse($0))) }
        case .nodes(let nodes):
            guard let first = nodes.first else { return body(.string(UnsafeRawBufferPointer(start: nil, count: 0), time: nil)) }
            return withAtom(node: first, body)
        }
    }

    // MARK: conversions

    /// XPath's string-value: a scalar's text, an object's scalars joined.
    private func stringValue(_ node: Int) -> [UInt8] {
        switch tape.kind(node) {
        case .string: return tape.withStringBytes(node) { Array($0) }
        case .int, .float, .bool: return Array(tape.rawBytes(node))
        case .null: return []
        case .object, .array:
            var text: [UInt8] = []
            var i = node + 1
            while i < tape.end(node) {
                switch tape.kind(i) {
                case .string, .int, .float, .bool: text += stringValue(i)
                default: break
                }
                i += 1
            }
            return text
        }
    }

    private func stringOf(_ value: ExprValue) -> [UInt8] {
        switch value {
        case .nodes(let nodes): return nodes.first.map(stringValue) ?? []
        case .string(let s, _): return s
        case let .number(x, exact): return ExprText.bytes(of: x, exact: exact)
        case .boolean(let b): return Array((b ? "true" : "false").utf8)
        }
    }

    private func numberOf(_ value: ExprValue) -> (Double, exact: Int128?) {
        switch value {
        case .nodes(let nodes):
            guard let first = nodes.first else { return (.nan, nil) }
            return numberOf(node: first)
        case .string(let s, _): return s.withUnsafeBytes { ExprText.number($0) }
        case let .number(x, exact): return (x, exact)
        case .boolean(let b): return (b ? 1 : 0, b ? 1 : 0)
        }
    }

    private func numberOf(node: Int) -> (Double, exact: Int128?) {
        switch tape.kind(node) {
        case .int: return (tape.double(node), tape.integer(node))
        case .float: return (tape.double(node), nil)
        case .bool: return tape.bool(node) ? (1, 1) : (0, 0)
        case .string: return tape.withStringBytes(node) { ExprText.number($0) }
        case .null, .object, .array: return stringValue(node).withUnsafeBytes { ExprText.number($0) }
        }
    }

    // MARK: functions

    private func call(_ function: ExprFunction, _ arguments: [ExprNode], context: Int) -> ExprValue {
        let values = arguments.map { evaluate($0, context: context) }
        func text(_ i: Int) -> [UInt8] { i < values.count ? stringOf(values[i]) : stringValue(context) }
        switch function {
        case .true: return .boolean(true)
        case .false: return .boolean(false)
        case .not: return .boolean(!truth(values[0]))
        case .boolean: return .boolean(truth(values[0]))
        case .contains:
            let (haystack, needle) = (text(0), text(1))
            return .boolean(needle.isEmpty || haystack.indices.contains { i in haystack[i...].starts(with: needle) })
        case .startsWith: return .boolean(text(0).starts(with: text(1)))
        case .endsWith: return .boolean(text(0).reversed().starts(with: text(1).reversed()))
        case .matches:
            let flags = values.count > 2 ? String(decoding: text(2), as: UTF8.self) : ""
            return .boolean(regexes.matches(text(0), pattern: String(decoding: text(1), as: UTF8.self), flags: flags))
        case .count:
            guard case .nodes(let nodes) = values[0] else { return .number(.nan, exact: nil) }
            return .number(Double(nodes.count), exact: Int128(nodes.count))
        case .sum, .min, .max:
            guard case .nodes(let nodes) = values[0] else { return .number(.nan, exact: nil) }
            return aggregate(function, nodes.map { numberOf(.nodes([$0])) })
        case .stringLength:
            // Characters, not bytes: count every byte that starts a scalar.
            let length = text(0).reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
            return .number(Double(length), exact: Int128(length))
        case .number:
            let (x, exact) = values.isEmpty ? numberOf(.nodes([context])) : numberOf(values[0])
            return .number(x, exact: exact)
        case .string:
            return .string(text(0), time: nil)
        case .round, .floor, .ceiling, .abs:
            let argument = numberOf(values[0])
            let result: (Double, exact: Int128?)
            switch function {
            case .round: result = ExprArithmetic.round(argument)
            case .floor: result = ExprArithmetic.floor(argument)
            case .ceiling: result = ExprArithmetic.ceiling(argument)
            default: result = ExprArithmetic.abs(argument)
            }
            return .number(result.0, exact: result.exact)
        }
    }

    private func aggregate(_ function: ExprFunction, _ numbers: [(Double, exact: Int128?)]) -> ExprValue {
        if function == .sum {
            var exact: Int128? = 0
            var total = 0.0
            for (x, e) in numbers {
                total += x
                if let sum = exact, let e {
                    let (s, overflow) = sum.addingReportingOverflow(e)
                    exact = overflow ? nil : s
                } else {
                    exact = nil
                }
            }
            // An exact sum's double is rounded once, not once per term.
            return .number(exact.map { Double($0) } ?? total, exact: exact)
        }
        guard var best = numbers.first else { return .number(.nan, exact: nil) }
        for n in numbers.dropFirst() {
            guard let order = NumberOrder.compare((n.0, n.exact), (best.0, best.exact)) else { return .number(.nan, exact: nil) }
            if function == .min ? order < 0 : order > 0 { best = n }
        }
        return .number(best.0, exact: best.exact)
    }
}
