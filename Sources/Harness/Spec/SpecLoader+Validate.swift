import Foundation

extension SpecLoader {
    /// Every issue (errors and warnings) of the given files; with no paths, of every file in `papers/` (recursively)
    /// and `expected/`. Paths are relative to the root or absolute. Files directly in `papers/` are paper specs,
    /// files in its sub-folders are include fragments, files in `expected/` are expected tables.
    public func validate(paths: [String]) -> [SpecIssue] {
        let urls = paths.isEmpty ? allSpecFiles() : paths.map { path in
            (path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)).standardizedFileURL
        }
        var issues: [SpecIssue] = []
        for url in urls { issues += validate(file: url) }
        return issues
    }

    /// The files `validate(paths: [])` checks.
    public func allSpecFiles() -> [URL] {
        var urls: [URL] = []
        for directory in [papersDirectory, expectedDirectory] {
            guard let walker = FileManager.default.enumerator(atPath: directory.path) else { continue }
            let found = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            urls += found.map { directory.appendingPathComponent($0).standardizedFileURL }
        }
        return urls
    }

    func validate(file url: URL) -> [SpecIssue] {
        let r = SpecReader()
        let parent = url.deletingLastPathComponent().standardizedFileURL.path
        let id = url.deletingPathExtension().lastPathComponent
        let file = display(url)
        guard FileManager.default.fileExists(atPath: url.path) else {
            return [SpecIssue(file: file, line: 0, column: 0, keyPath: "", message: "no such file")]
        }
        if parent == papersDirectory.standardizedFileURL.path {
            if !SpecReader.isIdentifier(id) {
                r.error(SourceLocation(file: file, line: 0, column: 0), "", "file name '\(id)' is not a valid paper id: use lowercase letters, digits and '-'")
            }
            _ = decodePaper(at: url, id: id, r)
        } else if parent.hasPrefix(papersDirectory.standardizedFileURL.path + "/") {
            decodeFragment(at: url, r)
        } else if parent == expectedDirectory.standardizedFileURL.path {
            let specURL = papersDirectory.appendingPathComponent("\(id).yaml")
            var spec: PaperSpec?
            if FileManager.default.fileExists(atPath: specURL.path) {
                spec = decodePaper(at: specURL, id: id, SpecReader())
                if spec == nil {
                    r.warning(SourceLocation(file: file, line: 0, column: 0), "",
                              "rows not checked against \(display(specURL)), which does not validate")
                }
            } else {
                r.error(SourceLocation(file: file, line: 0, column: 0), "", "no paper spec \(display(specURL)) for this table")
            }
            _ = decodeExpected(at: url, id: id, spec: spec, r)
        } else {
            r.error(SourceLocation(file: file, line: 0, column: 0), "",
                    "not a spec location: put paper specs in papers/, include fragments in papers/<folder>/, tables in expected/")
        }
        return r.issues.normalized()
    }
}
