/// A key an expression names: the name of a name step, which selects
/// nothing when no record has that key at any depth.
public struct ExprKeyName: Equatable, Sendable {
    public let name: String
    /// A bare word used as text (`type = routeros`, `contains(image,
    /// debian)`): in XPath it is a path, so where it names no key the
    /// string literal was most likely meant.
    public let usedAsText: Bool

    public init(name: String, usedAsText: Bool) {
        self.name = name
        self.usedAsText = usedAsText
    }
}

/// Collects the names of an expression's name steps, once each, in the
/// order they are written; `*`, `.`, functions and literals name no key.
struct ExprKeyNames {
    private(set) var names: [ExprKeyName] = []

    static func of(_ node: ExprNode) -> [ExprKeyName] {
        var collector = ExprKeyNames()
        collector.walk(node)
        return collector.names
    }

    private mutating func walk(_ node: ExprNode, asText: Bool = false) {
        switch node {
        case .or(let a, let b), .and(let a, let b):
            walk(a)
            walk(b)
        case .arithmetic(_, let a, let b):
            walk(a)
            walk(b)
        case .negate(let a):
            walk(a)
        case .compare(_, let a, let b):
            // Compared with a node set or a function's value, a bare word
            // reads as text; compared with a literal it is a key.
            walk(a, asText: Self.isComputed(b))
            walk(b, asText: Self.isComputed(a))
        case .path(let path):
            walk(path, asText: asText)
        case .union(let paths):
            for path in paths { walk(path, asText: false) }
        case .call(let function, let arguments):
            for (i, argument) in arguments.enumerated() {
                walk(argument, asText: i > 0 && function.takesText)
            }
        case .literal, .number:
            break
        }
    }

    private mutating func walk(_ path: ExprPath, asText: Bool) {
        let bare = Self.isBareWord(path)
        for step in path.steps {
            if case .name(let bytes) = step.test { add(String(decoding: bytes, as: UTF8.self), asText: asText && bare) }
            for predicate in step.predicates { walk(predicate) }
        }
    }

    private mutating func add(_ name: String, asText: Bool) {
        if let i = names.firstIndex(where: { $0.name == name }) {
            if asText && !names[i].usedAsText { names[i] = ExprKeyName(name: name, usedAsText: true) }
            return
        }
        names.append(ExprKeyName(name: name, usedAsText: asText))
    }

    /// One name with nothing around it: `routeros`, not `/routeros`,
    /// `a/routeros` or `routeros[1]`.
    private static func isBareWord(_ path: ExprPath) -> Bool {
        guard !path.absolute, path.steps.count == 1, let step = path.steps.first, step.predicates.isEmpty,
              case .name = step.test else { return false }
        return true
    }

    private static func isComputed(_ node: ExprNode) -> Bool {
        switch node {
        case .path, .union, .call: return true
        default: return false
        }
    }
}

extension ExprFunction {
    /// Functions whose arguments after the first are text: a bare word
    /// there was meant as a string.
    var takesText: Bool {
        switch self {
        case .contains, .startsWith, .endsWith, .matches: return true
        default: return false
        }
    }
}
