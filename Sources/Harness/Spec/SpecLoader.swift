import Foundation

/// Reads and validates `papers/<id>.yaml` and `expected/<id>.yaml` under a repository root.
public struct SpecLoader: Sendable {
    public let root: URL
    /// Largest spec or expected file read, in bytes (the committed ones are under 10 KB).
    public static let maximumFileSize = 256 * 1024

    public init(root: URL) { self.root = root.standardizedFileURL }

    var papersDirectory: URL { root.appendingPathComponent("papers", isDirectory: true) }
    var expectedDirectory: URL { root.appendingPathComponent("expected", isDirectory: true) }

    /// Ids of every `papers/*.yaml` (fragments in sub-folders are not papers), sorted.
    public func allPaperIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: papersDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The validated spec of paper `id`; throws `SpecError` with every error of the file (and its includes).
    public func load(paper id: String) throws -> PaperSpec {
        let url = try paperURL(id, directory: papersDirectory)
        let r = SpecReader()
        let spec = decodePaper(at: url, id: id, r)
        let issues = r.issues.normalized()
        guard let spec, !issues.contains(where: \.isError) else { throw SpecError(issues: issues.filter(\.isError)) }
        return spec
    }

    /// The validated expected table of paper `id`, cross-checked against its spec (methods and metrics per scale).
    public func loadExpected(paper id: String) throws -> ExpectedTable {
        let spec = try load(paper: id)
        let url = try paperURL(id, directory: expectedDirectory)
        let r = SpecReader()
        let table = decodeExpected(at: url, id: id, spec: spec, r)
        let issues = r.issues.normalized()
        guard let table, !issues.contains(where: \.isError) else { throw SpecError(issues: issues.filter(\.isError)) }
        return table
    }

    /// Checks the id's shape before touching the file system, then that the file exists (with a suggestion).
    private func paperURL(_ id: String, directory: URL) throws -> URL {
        let file = display(directory.appendingPathComponent("\(id).yaml"))
        guard SpecReader.isIdentifier(id) else {
            throw SpecError(issues: [SpecIssue(file: "\(directory.lastPathComponent)/<id>.yaml", line: 0, column: 0, keyPath: "",
                                               message: "invalid paper id '\(id)': use lowercase letters, digits and '-'")])
        }
        let url = directory.appendingPathComponent("\(id).yaml")
        guard FileManager.default.fileExists(atPath: url.path) else {
            let known = allPaperIDs()
            throw SpecError(issues: [SpecIssue(file: file, line: 0, column: 0, keyPath: "",
                message: "unknown paper '\(id)'" + EditDistance.hint(for: id, among: known)
                    + "; known papers: " + (known.isEmpty ? "none (no papers/*.yaml under \(root.path))" : known.joined(separator: ", ")))])
        }
        return url
    }

    /// `papers/x.yaml` for files under the root, the absolute path otherwise.
    func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path, base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    // MARK: Decoding

    /// Decodes a paper file: includes merged under it, then every scale resolved and checked.
    func decodePaper(at url: URL, id: String, _ r: SpecReader) -> PaperSpec? {
        guard let tree = readTree(url, stack: [], r) else { return nil }
        let base = tree.removing(["variants"])
        var recipes: [Scale: Recipe] = [:]
        var declared: [Scale] = [.full]
        let variants = decodeVariants(tree.mapping?["variants"], r)
        for scale in Scale.allCases {
            let variant = variants[scale]
            if variant != nil { declared.append(scale) }
            let merged = variant.map { SpecNode.merge(base, $0) } ?? base
            if let recipe = Recipe.decode(merged, scale: scale, fileID: id, r) { recipes[scale] = recipe }
        }
        guard recipes.count == Scale.allCases.count, let full = recipes[.full] else { return nil }
        return PaperSpec(id: full.id, file: display(url), paper: full.paper, checklist: full.checklist, hardware: full.hardware,
                         scales: Scale.allCases.filter(declared.contains), warnings: r.issues.normalized().filter { !$0.isError },
                         recipes: recipes)
    }

    /// A fragment (a file under a sub-folder of `papers/`, meant for `include:`): keys and types only.
    func decodeFragment(at url: URL, _ r: SpecReader) {
        guard let tree = readTree(url, stack: [], r) else { return }
        let partial = SpecReader(partial: true)
        let base = tree.removing(["variants"])
        _ = Recipe.decode(base, scale: .full, fileID: nil, partial)
        for (scale, variant) in decodeVariants(tree.mapping?["variants"], r) {
            _ = Recipe.decode(SpecNode.merge(base, variant), scale: scale, fileID: nil, partial)
        }
        r.add(partial.issues)
    }

    /// `variants: {smoke: {...}, reduced: {...}, full: {...}}`: each a mapping of recipe keys.
    private func decodeVariants(_ node: SpecNode?, _ r: SpecReader) -> [Scale: SpecNode] {
        guard let f = r.fields(node, "variants", required: [], optional: Scale.allCases.map(\.rawValue)) else { return [:] }
        var out: [Scale: SpecNode] = [:]
        for scale in Scale.allCases {
            if let entry = node?.mapping?.entries.first(where: { $0.key == scale.rawValue }), entry.value.isNull {
                out[scale] = .mapping(.init(entries: [], location: entry.keyLocation))
                continue
            }
            guard let v = f[scale.rawValue] else { continue }
            guard let map = v.mapping else {
                r.error(v.location, f.path(scale.rawValue), "expected a mapping, found \(v.shortDescription)")
                continue
            }
            for entry in map.entries where !Recipe.variantKeys.contains(entry.key) {
                let hint = Recipe.topLevelKeys.contains(entry.key) ? " (a variant cannot change it)"
                    : EditDistance.hint(for: entry.key, among: Recipe.variantKeys)
                r.error(entry.keyLocation, f.path(scale.rawValue) + "." + entry.key, "unknown key '\(entry.key)' in a variant" + hint)
            }
            out[scale] = .mapping(.init(entries: map.entries.filter { Recipe.variantKeys.contains($0.key) }, location: map.location))
        }
        return out
    }

    /// Parses a file and merges its includes under it (in order, each include's own includes first).
    func readTree(_ url: URL, stack: [URL], _ r: SpecReader) -> SpecNode? {
        let file = display(url)
        guard let text = readText(url, file: file, r) else { return nil }
        var issues: [SpecIssue] = []
        let parsed = SpecNode.parse(text, file: file, issues: &issues)
        r.add(issues)
        guard let parsed else { return nil }
        guard let map = parsed.mapping else {
            r.error(parsed.location, "", "the top level must be a mapping of keys, found \(parsed.shortDescription)")
            return nil
        }
        var merged = SpecNode.mapping(.init(entries: [], location: map.location))
        if let includes = r.list(map["include"], "include") {
            for item in includes {
                guard let path = r.string(item.node, item.path),
                      let target = includeURL(path, at: item.node.location, item.path, r) else { continue }
                let chain = (stack + [url, target]).map(display)
                if stack.contains(target) || target == url {
                    r.error(item.node.location, item.path, "include cycle: " + chain.joined(separator: " -> "))
                    continue
                }
                if let included = readTree(target, stack: stack + [url], r) { merged = SpecNode.merge(merged, included) }
            }
        }
        return SpecNode.merge(merged, parsed.removing(["include"]))
    }

    /// The UTF-8 text of a spec or expected file, at most `maximumFileSize` bytes (specs are a few kilobytes: the
    /// cap keeps a hostile file, or a path to a device that never ends, from costing more than a moment).
    func readText(_ url: URL, file: String, _ r: SpecReader) -> String? {
        let data: Data?
        if let handle = FileHandle(forReadingAtPath: url.path) {
            data = try? handle.read(upToCount: Self.maximumFileSize + 1)
            try? handle.close()
        } else { data = nil }
        guard let data else {
            r.error(SourceLocation(file: file, line: 0, column: 0), "", "cannot read the file (missing or not readable)")
            return nil
        }
        guard data.count <= Self.maximumFileSize else {
            r.error(SourceLocation(file: file, line: 0, column: 0), "",
                    "the file is larger than \(Self.maximumFileSize) bytes, the most a spec may have")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            r.error(SourceLocation(file: file, line: 0, column: 0), "", "cannot read the file (not UTF-8)")
            return nil
        }
        return text
    }

    /// An include path: relative to `papers/`, inside it, existing.
    private func includeURL(_ path: String, at location: SourceLocation, _ keyPath: String, _ r: SpecReader) -> URL? {
        guard !path.hasPrefix("/") else {
            r.error(location, keyPath, "include '\(path)' must be relative to the papers folder")
            return nil
        }
        let target = papersDirectory.appendingPathComponent(path).standardizedFileURL.resolvingSymlinksInPath()
        let base = papersDirectory.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        guard target.path.hasPrefix(base) else {
            r.error(location, keyPath, "include '\(path)' escapes the papers folder")
            return nil
        }
        guard FileManager.default.fileExists(atPath: target.path) else {
            r.error(location, keyPath, "included file '\(path)' does not exist (looked for \(display(target)))")
            return nil
        }
        return papersDirectory.appendingPathComponent(path).standardizedFileURL
    }
}
