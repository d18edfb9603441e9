/// A YAML node with the file it came from, so that merged trees (includes, variants) keep exact locations.
///
/// Scalars keep their source text: the schema, not the YAML 1.1 resolver, decides what `yes` or `2005.10242`
/// mean (a checklist answer, an arXiv id).
indirect enum SpecNode {
    struct Scalar {
        var text: String
        /// Plain (unquoted) scalars may be numbers, booleans or null; quoted ones are always strings.
        var isPlain: Bool
        var location: SourceLocation
    }

    struct Entry {
        var key: String
        var keyLocation: SourceLocation
        var value: SpecNode
    }

    struct Mapping {
        var entries: [Entry]
        var location: SourceLocation

        subscript(key: String) -> SpecNode? {
            get { entries.first { $0.key == key }?.value }
        }
    }

    case scalar(Scalar)
    case mapping(Mapping)
    case sequence([SpecNode], SourceLocation)

    var location: SourceLocation {
        switch self {
        case .scalar(let s): return s.location
        case .mapping(let m): return m.location
        case .sequence(_, let l): return l
        }
    }

    /// `null`, `~` or an empty plain value: "absent" for optional keys, and "remove" in a variant.
    var isNull: Bool {
        if case .scalar(let s) = self, s.isPlain { return ["", "~", "null", "Null", "NULL"].contains(s.text) }
        return false
    }

    /// How the node reads in messages: "a mapping", "a list", or the scalar's text in quotes.
    var shortDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s):
            if isNull { return "null" }
            let text = s.text.count > 40 ? String(s.text.prefix(40)) + "..." : s.text
            return s.isPlain ? "'\(text)'" : "the quoted string \"\(text)\""
        }
    }

    var mapping: Mapping? { if case .mapping(let m) = self { return m } else { return nil } }

    /// Deep merge: mappings merge key by key, anything else in `over` replaces `base` (a `null` removes the key).
    static func merge(_ base: SpecNode, _ over: SpecNode) -> SpecNode {
        guard case .mapping(var b) = base, case .mapping(let o) = over else { return over }
        for entry in o.entries {
            if let i = b.entries.firstIndex(where: { $0.key == entry.key }) {
                b.entries[i].value = merge(b.entries[i].value, entry.value)
                b.entries[i].keyLocation = entry.keyLocation
            } else {
                b.entries.append(entry)
            }
        }
        return .mapping(b)
    }

    /// The mapping without the given top-level keys.
    func removing(_ keys: Set<String>) -> SpecNode {
        guard case .mapping(var m) = self else { return self }
        m.entries.removeAll { keys.contains($0.key) }
        return .mapping(m)
    }
}
