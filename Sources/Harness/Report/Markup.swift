import Foundation

/// A node of an HTML/SVG/XML tree built in Swift and serialised by libxml2 (`LibXML.renderHTML`).
///
/// Text and attribute values are stored raw; escaping happens only at serialisation, inside libxml2, so a
/// section builder cannot forget it. Parsing a document back (`LibXML.parseHTML`) gives the same type, which is
/// what the tests use to check that hostile strings round-trip as text.
public struct Markup: Sendable, Equatable {
    /// An element (tag name) or a text node (its characters).
    public enum Kind: Sendable, Equatable {
        case element(String)
        case text(String)
    }

    /// One attribute, in document order.
    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) { self.name = name; self.value = value }
    }

    public var kind: Kind
    public var attributes: [Attribute]
    public var children: [Markup]

    /// An element with attributes (in the given order) and children.
    public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], _ children: [Markup] = []) {
        self.kind = .element(name)
        self.attributes = attributes.map { Attribute($0.key, $0.value) }
        self.children = children
    }

    /// An element with attributes built at run time (optional ones appended conditionally).
    public init(_ name: String, attributes: [(String, String)], _ children: [Markup] = []) {
        self.kind = .element(name)
        self.attributes = attributes.map { Attribute($0.0, $0.1) }
        self.children = children
    }

    /// An element whose children come from a `@MarkupBuilder` block (loops and `if` allowed).
    public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:],
                @MarkupBuilder content: () -> [Markup]) {
        self.init(name, attributes, content())
    }

    /// An element holding one text node.
    public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        self.init(name, attributes, [.text(text)])
    }

    private init(kind: Kind) { self.kind = kind; self.attributes = []; self.children = [] }

    /// A text node; its characters are escaped when serialised.
    public static func text(_ string: String) -> Markup { Markup(kind: .text(string)) }

    /// The tag name, or nil for a text node.
    public var name: String? {
        if case .element(let n) = kind { return n }
        return nil
    }

    /// The value of the first attribute called `name`.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Sets (or replaces) an attribute; returns the modified copy.
    public func with(_ name: String, _ value: String) -> Markup {
        var copy = self
        if let i = copy.attributes.firstIndex(where: { $0.name == name }) {
            copy.attributes[i].value = value
        } else {
            copy.attributes.append(Attribute(name, value))
        }
        return copy
    }

    /// All text below this node, concatenated in document order.
    public var textContent: String {
        switch kind {
        case .text(let s): return s
        case .element: return children.map(\.textContent).joined()
        }
    }

    /// This node and every descendant element called `name` (case-insensitive), depth first.
    public func elements(named name: String) -> [Markup] {
        var found: [Markup] = []
        func visit(_ node: Markup) {
            if let n = node.name, n.caseInsensitiveCompare(name) == .orderedSame { found.append(node) }
            node.children.forEach(visit)
        }
        visit(self)
        return found
    }

    /// Every element below and including this one, depth first.
    public var allElements: [Markup] {
        guard name != nil else { return [] }
        return [self] + children.flatMap(\.allElements)
    }
}

/// Builds `[Markup]` from a block with loops, optionals and conditionals.
@resultBuilder
public enum MarkupBuilder {
    public static func buildExpression(_ node: Markup) -> [Markup] { [node] }
    public static func buildExpression(_ nodes: [Markup]) -> [Markup] { nodes }
    public static func buildExpression(_ node: Markup?) -> [Markup] { node.map { [$0] } ?? [] }
    public static func buildBlock(_ parts: [Markup]...) -> [Markup] { parts.flatMap { $0 } }
    public static func buildArray(_ parts: [[Markup]]) -> [Markup] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Markup]?) -> [Markup] { part ?? [] }
    public static func buildEither(first part: [Markup]) -> [Markup] { part }
    public static func buildEither(second part: [Markup]) -> [Markup] { part }
}
