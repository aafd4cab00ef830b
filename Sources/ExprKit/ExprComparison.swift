import AcctCore

/// Comparing two atoms by the rules the man page gives: booleans as
/// booleans, numbers as numbers (by their exact values: an integer of any
/// size against a double is not rounded first), a
/// number and a string as numbers, two times as instants, other strings
/// byte for byte (`=`, `!=`) or by code point order.
enum ExprComparison {
    static func compare(_ a: ExprAtom, _ op: ComparisonOperator, _ b: ExprAtom) -> Bool {
        switch (a, b) {
        case (.boolean, _), (_, .boolean):
            if op == .equal || op == .notEqual { return test(op, order(truth(a) ? 1 : 0, truth(b) ? 1 : 0)) }
            return numbers(number(a), op, number(b))
        case let (.number(x, ex), .number(y, ey)):
            return numbers((x, ex), op, (y, ey))
        case (.number, .string), (.string, .number):
            return numbers(number(a), op, number(b))
        case let (.string(x, tx), .string(y, ty)):
            if let tx, let ty { return test(op, order(tx, ty)) }
            if op == .equal { return x.elementsEqual(y) }
            if op == .notEqual { return !x.elementsEqual(y) }
            let nx = ExprText.number(x)
            let ny = ExprText.number(y)
            if !nx.0.isNaN && !ny.0.isNaN { return numbers(nx, op, ny) }
            return test(op, lexicographic(x, y))
        }
    }

    static func truth(_ atom: ExprAtom) -> Bool {
        switch atom {
        case .boolean(let b): return b
        case .number(let x, _): return x != 0 && !x.isNaN
        case .string(let s, _): return !s.isEmpty
        }
    }

    private static func number(_ atom: ExprAtom) -> (Double, exact: Int128?) {
        switch atom {
        case .boolean(let b): return (b ? 1 : 0, b ? 1 : 0)
        case .number(let x, let exact): return (x, exact)
        case .string(let s, _): return ExprText.number(s)
        }
    }

    private static func numbers(_ a: (Double, exact: Int128?), _ op: ComparisonOperator, _ b: (Double, exact: Int128?)) -> Bool {
        // Two integers, the usual case, inline.
        if let x = a.exact, let y = b.exact { return test(op, order(x, y)) }
        // NaN is unordered: every comparison with it is false but `!=`.
        guard let order = NumberOrder.compare((a.0, a.exact), (b.0, b.exact)) else { return op == .notEqual }
        return test(op, order)
    }

    private static func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }

    private static func lexicographic(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return order(x.count, y.count)
    }

    private static func test(_ op: ComparisonOperator, _ order: Int) -> Bool {
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        case .greaterEqual: return order >= 0
        }
    }
}
