import Foundation

/// `reports/index.html`: every run folder under the reports root (paper, run id, scale, date, verdict counts),
/// newest first, built from the folders' `results.json`.
public enum ReportIndex {
    /// One run folder as listed.
    public struct Entry: Sendable, Equatable {
        /// Path of the run folder relative to the reports root ("cacr/20240501-120000-a1b2").
        public var folder: String
        public var paper: String
        public var title: String
        public var runId: String
        public var scale: String
        public var startedAt: Date
        public var counts: [Verdict: Int]
    }

    /// A folder whose `results.json` could not be read, with the reason.
    public struct Problem: Sendable, Equatable {
        public var folder: String
        public var reason: String
    }

    /// Finds run folders (a `results.json` at most three levels down; temporary `.partial-`/`.old-` folders
    /// skipped) and reads them; unreadable ones are returned as problems, not dropped silently.
    public static func scan(reportsRoot: URL) throws -> (entries: [Entry], problems: [Problem]) {
        let fm = FileManager.default
        let root = reportsRoot.standardizedFileURL.resolvingSymlinksInPath()
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            throw ReportError.io(path: root.path, reason: "reports folder not found (expected a directory of run folders)")
        }
        var entries: [Entry] = [], problems: [Problem] = []
        func visit(_ dir: URL, depth: Int) {
            let rel = String(dir.path.dropFirst(root.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            let json = dir.appendingPathComponent("results.json")
            if depth > 0, fm.fileExists(atPath: json.path) {
                do {
                    let r = try RunRecord.load(from: json)
                    entries.append(Entry(folder: rel, paper: r.paper, title: r.title, runId: r.runId, scale: r.scale,
                                         startedAt: r.startedAt, counts: r.verdictCounts))
                } catch {
                    problems.append(Problem(folder: rel, reason: "\(error)"))
                }
                return
            }
            guard depth < 3, let children = try? fm.contentsOfDirectory(at: dir, includingPropertiesForKeys: [.isDirectoryKey],
                                                                         options: [.skipsHiddenFiles]) else { return }
            for c in children.sorted(by: { $0.lastPathComponent < $1.lastPathComponent })
            where !AtomicFiles.isTemporary(c.lastPathComponent)
                && (try? c.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                visit(c, depth: depth + 1)
            }
        }
        visit(root, depth: 0)
        entries.sort { ($0.startedAt, $0.folder) > ($1.startedAt, $1.folder) }
        return (entries, problems)
    }

    /// Writes `<reportsRoot>/index.html` atomically and returns what it listed.
    @discardableResult
    public static func write(reportsRoot: URL) throws -> [Entry] {
        let (entries, problems) = try scan(reportsRoot: reportsRoot)
        let html = try LibXML.renderHTML(document(entries: entries, problems: problems))
        try AtomicFiles.write(Data(html.utf8), to: reportsRoot.standardizedFileURL.appendingPathComponent("index.html"))
        return entries
    }

    /// The index page as a tree.
    public static func document(entries: [Entry], problems: [Problem]) -> Markup {
        HTMLReport.page(title: "replicate — reports") {
            Markup("header", ["class": "report"]) {
                Markup("p", ["class": "kicker"], text: "replicate")
                Markup("h1", text: "Reports")
                Markup("p", ["class": "muted"], text: entries.count == 1 ? "1 run." : "\(entries.count) runs, newest first.")
            }
            if entries.isEmpty {
                HTMLReport.note("No run folders with a results.json were found.")
            } else {
                HTMLReport.table(["Paper", "Run", "Scale", "Started", "Verdicts"], rows: entries.map(row), class: "runs")
            }
            if !problems.isEmpty {
                HTMLReport.section("unreadable", "Folders that could not be read") {
                    HTMLReport.table(["Folder", "Problem"], rows: problems.map {
                        [HTMLReport.cell($0.folder, "mono"), HTMLReport.cell($0.reason, "wrap")]
                    })
                }
            }
        }
    }

    private static func row(_ e: Entry) -> [Markup] {
        // Folder names come from the file system; percent-encode each component for the href.
        let href = e.folder.split(separator: "/").map {
            String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? String($0)
        }.joined(separator: "/") + "/index.html"
        return [
            Markup("td", [:], [Markup("div", ["class": "id mono"], text: e.paper), Markup("div", ["class": "statement"], text: e.title)]),
            Markup("td", ["class": "mono"], [Markup("a", ["href": href], text: e.runId)]),
            HTMLReport.cell(e.scale),
            HTMLReport.cell(ReportFormat.date(e.startedAt), "num"),
            Markup("td", [:], [Markup("div", ["class": "counts"], Verdict.reportOrder.compactMap { v in
                e.counts[v].map { Markup("span", ["class": "badge \(v.cssClass)"], text: "\($0) \(v.label)") }
            })]),
        ]
    }
}
