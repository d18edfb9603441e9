/// Bibliographic facts of the paper a spec replicates.
public struct PaperMetadata: Equatable, Sendable, Codable {
    public var title: String
    public var authors: [String]
    public var venue: String
    public var year: Int
    public var arxiv: String?
    public var code: CodeReference?

    /// The official code at the commit the spec was read from.
    public struct CodeReference: Equatable, Sendable, Codable {
        public var url: String
        public var commit: String?
    }

    static func decode(_ node: SpecNode?, _ path: String, _ r: SpecReader) -> PaperMetadata? {
        guard let f = r.fields(node, path, required: ["title", "authors", "venue", "year"], optional: ["arxiv", "code"])
        else { return nil }
        let title = r.string(f["title"], f.path("title"))
        let authors = r.strings(f["authors"], f.path("authors"))
        let venue = r.string(f["venue"], f.path("venue"))
        let year = r.int(f["year"], f.path("year"), .atLeast(1900))
        let arxiv = r.string(f["arxiv"], f.path("arxiv"))
        var code: CodeReference?
        if let c = r.fields(f["code"], f.path("code"), required: ["url"], optional: ["commit"]),
           let url = r.string(c["url"], c.path("url")) {
            code = CodeReference(url: url, commit: r.string(c["commit"], c.path("commit")))
        }
        guard let title, let authors, let venue, let year else { return nil }
        return PaperMetadata(title: title, authors: authors, venue: venue, year: year, arxiv: arxiv, code: code)
    }
}

/// The hardware the paper used, as far as it says.
public struct HardwareSpec: Equatable, Sendable, Codable {
    public var description: String
    public var gpus: Int?
    public var gpuHours: Double?
    public var note: String?

    static func decode(_ node: SpecNode?, _ path: String, _ r: SpecReader) -> HardwareSpec? {
        guard let f = r.fields(node, path, required: ["description"], optional: ["gpus", "gpu_hours", "note"]),
              let description = r.string(f["description"], f.path("description")) else { return nil }
        return HardwareSpec(description: description, gpus: r.int(f["gpus"], f.path("gpus"), .positive),
                            gpuHours: r.double(f["gpu_hours"], f.path("gpu_hours"), .positive),
                            note: r.string(f["note"], f.path("note")))
    }
}

enum Checklist {
    /// All seven items, in the schema's order; answers are read as text so YAML 1.1 `yes`/`no` stay words.
    static func decode(_ node: SpecNode?, _ path: String, _ r: SpecReader) -> [ChecklistEntry]? {
        guard let f = r.fields(node, path, required: r.partial ? [] : KnownNames.checklistItems,
                               optional: r.partial ? KnownNames.checklistItems : []) else { return nil }
        var entries: [ChecklistEntry] = []
        for item in KnownNames.checklistItems {
            guard let e = r.fields(f[item], f.path(item), required: ["answer", "note"]),
                  let answer = r.name(e["answer"], e.path("answer"), among: KnownNames.checklistAnswers, what: "answer"),
                  let note = r.string(e["note"], e.path("note")) else { continue }
            entries.append(ChecklistEntry(item: item, answer: answer, note: note))
        }
        return entries.count == KnownNames.checklistItems.count ? entries : nil
    }
}
