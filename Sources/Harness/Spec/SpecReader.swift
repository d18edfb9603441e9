/// Walks located YAML nodes into typed values, collecting every issue instead of stopping at the first.
///
/// Each reader returns nil when the value is missing or wrong, after recording why; callers go on reading the
/// rest of the document so that a file's errors are all reported in one pass.
final class SpecReader {
    private(set) var issues: [SpecIssue] = []
    /// Fragments (files under `papers/recipes/`) may leave out required keys.
    let partial: Bool

    init(partial: Bool = false) { self.partial = partial }

    func error(_ location: SourceLocation, _ path: String, _ message: String) {
        issues.append(SpecIssue(location, path, message))
    }

    func warning(_ location: SourceLocation, _ path: String, _ message: String) {
        issues.append(SpecIssue(location, path, message, severity: .warning))
    }

    func add(_ more: [SpecIssue]) { issues += more }

    var hasErrors: Bool { issues.contains { $0.isError } }

    // MARK: Mappings

    /// The present, non-null values of a mapping; reports unknown keys (with a suggestion) and missing required ones.
    func fields(_ node: SpecNode?, _ path: String, required: [String], optional: [String] = []) -> Fields? {
        guard let node, !node.isNull else { return nil }
        guard case .mapping(let map) = node else {
            error(node.location, path, "expected a mapping, found \(node.shortDescription)")
            return nil
        }
        let known = required + optional
        var values: [String: SpecNode] = [:]
        var keyLocations: [String: SourceLocation] = [:]
        // A misspelled required key is one mistake: report it once, as the unknown key with its suggestion.
        var suggested: Set<String> = []
        for entry in map.entries {
            let keyPath = SpecReader.join(path, entry.key)
            guard known.contains(entry.key) else {
                error(entry.keyLocation, keyPath, "unknown key '\(entry.key)'" + EditDistance.hint(for: entry.key, among: known))
                if let s = EditDistance.suggestion(for: entry.key, among: known) { suggested.insert(s) }
                continue
            }
            keyLocations[entry.key] = entry.keyLocation
            if !entry.value.isNull { values[entry.key] = entry.value }
        }
        if !partial {
            for key in required where values[key] == nil && !(keyLocations[key] == nil && suggested.contains(key)) {
                let at = keyLocations[key] ?? map.location
                error(at, SpecReader.join(path, key),
                      keyLocations[key] == nil ? "missing required key '\(key)'" : "required key '\(key)' must not be null")
            }
        }
        return Fields(values: values, path: path, location: map.location, keyLocations: keyLocations)
    }

    /// A mapping's non-null values by key, with the paths to report against.
    struct Fields {
        var values: [String: SpecNode]
        var path: String
        var location: SourceLocation
        var keyLocations: [String: SourceLocation]

        subscript(key: String) -> SpecNode? { values[key] }
        func path(_ key: String) -> String { SpecReader.join(path, key) }
        func has(_ key: String) -> Bool { values[key] != nil }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    // MARK: Scalars

    private func scalar(_ node: SpecNode, _ path: String, expected: String) -> SpecNode.Scalar? {
        guard case .scalar(let s) = node, !node.isNull else {
            error(node.location, path, "expected \(expected), found \(node.shortDescription)")
            return nil
        }
        return s
    }

    /// Any scalar's text (a plain `2005.10242` stays that text).
    func string(_ node: SpecNode?, _ path: String) -> String? {
        guard let node else { return nil }
        return scalar(node, path, expected: "a string")?.text
    }

    func int(_ node: SpecNode?, _ path: String, _ bound: Bound = .any) -> Int? {
        guard let node, let s = scalar(node, path, expected: "an integer") else { return nil }
        guard s.isPlain, let value = Int(s.text) else {
            error(s.location, path, "expected an integer, found \(node.shortDescription)")
            return nil
        }
        return check(Double(value), bound, s.location, path) ? value : nil
    }

    func double(_ node: SpecNode?, _ path: String, _ bound: Bound = .any) -> Double? {
        guard let node, let s = scalar(node, path, expected: "a number") else { return nil }
        guard s.isPlain, let value = Double(s.text), value.isFinite, s.text.lowercased() != "nan" else {
            error(s.location, path, "expected a number, found \(node.shortDescription)")
            return nil
        }
        return check(value, bound, s.location, path) ? value : nil
    }

    func bool(_ node: SpecNode?, _ path: String) -> Bool? {
        guard let node, let s = scalar(node, path, expected: "true or false") else { return nil }
        switch (s.isPlain, s.text) {
        case (true, "true"): return true
        case (true, "false"): return false
        default:
            error(s.location, path, "expected true or false, found \(node.shortDescription)")
            return nil
        }
    }

    /// One of a fixed list of names (`what` is the noun in the message, e.g. "dataset").
    func name(_ node: SpecNode?, _ path: String, among known: [String], what: String) -> String? {
        guard let node, let text = string(node, path) else { return nil }
        guard known.contains(text) else {
            error(node.location, path, "unknown \(what) '\(text)'" + EditDistance.hint(for: text, among: known)
                  + "; known: " + known.joined(separator: ", "))
            return nil
        }
        return text
    }

    /// An id: lowercase letters, digits and '-' (claims and expected rows may also use '.').
    func identifier(_ node: SpecNode?, _ path: String, dotted: Bool = false) -> String? {
        guard let node, let text = string(node, path) else { return nil }
        guard SpecReader.isIdentifier(text, dotted: dotted) else {
            error(node.location, path, "invalid id '\(text)': use lowercase letters, digits and '-'" + (dotted ? " or '.'" : ""))
            return nil
        }
        return text
    }

    static func isIdentifier(_ text: String, dotted: Bool = false) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "-" || (dotted && c == ".")
        }
    }

    // MARK: Lists

    func list(_ node: SpecNode?, _ path: String) -> [(node: SpecNode, path: String)]? {
        guard let node else { return nil }
        guard case .sequence(let items, _) = node else {
            error(node.location, path, "expected a list, found \(node.shortDescription)")
            return nil
        }
        return items.enumerated().map { ($0.element, "\(path)[\($0.offset)]") }
    }

    func doubles(_ node: SpecNode?, _ path: String, count: Int? = nil, _ bound: Bound = .any) -> [Double]? {
        guard let items = list(node, path) else { return nil }
        if let count, items.count != count {
            error(node!.location, path, "expected a list of \(count) numbers, found \(items.count)")
            return nil
        }
        let values = items.compactMap { double($0.node, $0.path, bound) }
        return values.count == items.count ? values : nil
    }

    func ints(_ node: SpecNode?, _ path: String, _ bound: Bound = .any) -> [Int]? {
        guard let items = list(node, path) else { return nil }
        let values = items.compactMap { int($0.node, $0.path, bound) }
        return values.count == items.count ? values : nil
    }

    func strings(_ node: SpecNode?, _ path: String) -> [String]? {
        guard let items = list(node, path) else { return nil }
        let values = items.compactMap { string($0.node, $0.path) }
        return values.count == items.count ? values : nil
    }

    // MARK: Ranges

    /// The accepted range of a number.
    enum Bound {
        case any, positive, nonNegative, probability, atLeast(Double), within(ClosedRange<Double>)
    }

    private func check(_ value: Double, _ bound: Bound, _ location: SourceLocation, _ path: String) -> Bool {
        let shown = SpecReader.format(value)
        switch bound {
        case .any: return true
        case .positive where value <= 0: error(location, path, "must be > 0, found \(shown)")
        case .nonNegative where value < 0: error(location, path, "must be >= 0, found \(shown)")
        case .probability where !(0...1).contains(value): error(location, path, "must be in [0, 1], found \(shown)")
        case .atLeast(let low) where value < low: error(location, path, "must be >= \(SpecReader.format(low)), found \(shown)")
        case .within(let range) where !range.contains(value):
            error(location, path, "must be in [\(SpecReader.format(range.lowerBound)), \(SpecReader.format(range.upperBound))], found \(shown)")
        default: return true
        }
        return false
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
