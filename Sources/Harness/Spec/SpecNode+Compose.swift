import Yams

extension SpecNode {
    /// Parses one YAML document into a located tree, reporting syntax errors and duplicate keys as issues.
    ///
    /// Yams refuses a mapping with a repeated key and points at its first occurrence only. To report every
    /// duplicate with its key path and still check the rest of the file, the first occurrence is renamed to a
    /// placeholder in the text and the document parsed again; the walk below turns each placeholder back into
    /// a "duplicate key" issue located at the later occurrence.
    static func parse(_ text: String, file: String, issues: inout [SpecIssue]) -> SpecNode? {
        // Aliases are refused rather than expanded (nine levels of nine aliases expand to 387 million nodes from
        // 70 lines); no spec needs one, since `include:` and `variants:` share settings between files and scales.
        if let found = YAMLEventScan.firstAnchorOrAlias(text) {
            issues.append(SpecIssue(SourceLocation(file: file, line: found.line, column: found.column), "",
                                    "YAML anchors and aliases (\(found.name)) are not allowed in specs: write the value "
                                    + "out (or share it with include:)"))
            return nil
        }
        var source = text
        var placeholders: [String: (key: String, line: Int)] = [:]
        // Each duplicate costs a parse of the whole file: past a few dozen the file is not a spec worth reading
        // on (10,000 repeated keys took 28 s at 200 attempts, 2 s at 20 on a loaded machine).
        for attempt in 0..<maximumDuplicateKeys {
            do {
                // The parser stays alive through the walk: it owns the anchors a node's (weak) `anchor` points to,
                // which is how the walk recognises an alias and refuses it before expanding it.
                let parser = try Parser(yaml: source)
                guard let root = try parser.singleRoot() else {
                    issues.append(SpecIssue(SourceLocation(file: file, line: 1, column: 1), "", "the file is empty"))
                    return nil
                }
                var converter = Converter(file: file, placeholders: placeholders)
                let node = withExtendedLifetime(parser) { converter.convert(root, path: "", depth: 0) }
                issues += converter.issues
                return converter.refused ? nil : node
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                let key = duplicates.first ?? ""
                let placeholder = "\u{00A7}\(attempt)\u{00A7}"
                guard let renamed = rename(in: source, line: context.mark.line, column: context.mark.column,
                                           key: key, to: placeholder) else {
                    issues.append(SpecIssue(SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                                             "", "duplicate key '\(key)'"))
                    return nil
                }
                placeholders[placeholder] = (key, context.mark.line)
                source = renamed
            } catch let error as YamlError {
                issues.append(syntaxIssue(error, file: file))
                return nil
            } catch {
                issues.append(SpecIssue(SourceLocation(file: file, line: 0, column: 0), "", "cannot parse YAML: \(error)"))
                return nil
            }
        }
        let first = placeholders.values.min { $0.line < $1.line }
        issues.append(SpecIssue(SourceLocation(file: file, line: first?.line ?? 0, column: 0), "",
                                "more than \(maximumDuplicateKeys) duplicate keys" + (first.map { " (the first: '\($0.key)')" } ?? "")))
        return nil
    }

    private static func syntaxIssue(_ error: YamlError, file: String) -> SpecIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let where_ = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return SpecIssue(SourceLocation(file: file, line: mark.line, column: mark.column), "",
                             "YAML syntax error: \(problem)\(where_)")
        default:
            return SpecIssue(SourceLocation(file: file, line: 0, column: 0), "", "YAML error: \(error)")
        }
    }

    /// Replaces the key text starting at a 1-based line/column (inside quotes when quoted).
    private static func rename(in text: String, line: Int, column: Int, key: String, to placeholder: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0).unicodeScalars) }
        guard line >= 1, line <= lines.count else { return nil }
        var chars = lines[line - 1]
        var start = column - 1
        guard start >= 0, start < chars.count else { return nil }
        if chars[start] == "\"" || chars[start] == "'" { start += 1 }
        let count = key.unicodeScalars.count
        guard start + count <= chars.count, String(String.UnicodeScalarView(chars[start..<start + count])) == key else {
            return nil
        }
        chars.replaceSubrange(start..<start + count, with: Array(placeholder.unicodeScalars))
        lines[line - 1] = chars
        return lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }

    /// Deepest nesting of mappings and lists a spec may have (the committed specs reach 5; libyaml's own
    /// limit, 1000, would let a spec overflow the stack of the recursive walks).
    static let maximumDepth = 32

    /// Most duplicate keys reported one by one before the file is given up.
    static let maximumDuplicateKeys = 10

    private struct Converter {
        let file: String
        let placeholders: [String: (key: String, line: Int)]
        var issues: [SpecIssue] = []
        /// Whether an anchor, alias or the depth limit stopped the walk (the tree is then incomplete).
        var refused = false

        init(file: String, placeholders: [String: (key: String, line: Int)]) {
            self.file = file; self.placeholders = placeholders
        }

        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0)
        }

        mutating func convert(_ node: Node, path: String, depth: Int) -> SpecNode {
            // `YAMLEventScan` has refused every anchor and alias already; this keeps the walk linear should one
            // slip through (an alias would otherwise be walked once per use).
            if node.anchor != nil || { if case .alias = node { return true } else { return false } }() {
                refused = true
                issues.append(SpecIssue(location(node.mark), path, "YAML anchors and aliases (&name, *name) are not "
                                        + "allowed in specs: write the value out (or share it with include:)"))
                return .scalar(Scalar(text: "", isPlain: true, location: location(node.mark)))
            }
            if depth > SpecNode.maximumDepth, node.scalar == nil {
                refused = true
                issues.append(SpecIssue(location(node.mark), path, "nested deeper than \(SpecNode.maximumDepth) levels"))
                return .scalar(Scalar(text: "", isPlain: true, location: location(node.mark)))
            }
            switch node {
            case .scalar(let s):
                return .scalar(Scalar(text: s.string, isPlain: s.style == .plain || s.style == .any,
                                      location: location(s.mark)))
            case .alias(let a):
                return .scalar(Scalar(text: "*\(a.anchor.rawValue)", isPlain: false, location: location(a.mark)))
            case .sequence(let seq):
                var items: [SpecNode] = []
                for (i, item) in seq.enumerated() { items.append(convert(item, path: "\(path)[\(i)]", depth: depth + 1)) }
                return .sequence(items, location(seq.mark))
            case .mapping(let map):
                var entries: [Entry] = []
                var renamed: [(key: String, location: SourceLocation)] = []
                for (keyNode, value) in map {
                    guard case .scalar(let k) = keyNode else {
                        issues.append(SpecIssue(location(keyNode.mark), path, "mapping keys must be plain words"))
                        continue
                    }
                    if let original = placeholders[k.string] {
                        renamed.append((original.key, location(k.mark)))
                        continue
                    }
                    let keyPath = path.isEmpty ? k.string : "\(path).\(k.string)"
                    entries.append(Entry(key: k.string, keyLocation: location(k.mark), value: convert(value, path: keyPath, depth: depth + 1)))
                }
                for (key, where_) in renamed {
                    let keyPath = path.isEmpty ? key : "\(path).\(key)"
                    guard let kept = entries.first(where: { $0.key == key })?.keyLocation else { continue }
                    let (first, later) = (where_.line, where_.column) < (kept.line, kept.column) ? (where_, kept) : (kept, where_)
                    issues.append(SpecIssue(later, keyPath, "duplicate key '\(key)' (first at line \(first.line))"))
                }
                return .mapping(Mapping(entries: entries, location: location(map.mark)))
            }
        }
    }
}
