import Foundation

/// Writes the four report files of one run into a folder (normally `reports/<paper>/<run>/`).
public enum ReportWriter {
    /// The files every report folder holds.
    public static let fileNames = ["index.html", "junit.xml", "results.json", "summary.md"]

    /// Writes `index.html`, `junit.xml`, `results.json` and `summary.md` for `record` into `directory`.
    /// Everything is rendered first, then written into `<directory>.partial-<random>` (each file through a
    /// temporary name and a rename) and the folder renamed into place: a crash leaves the previous report or
    /// none, never a half-written one. An existing folder is replaced.
    public static func write(_ record: RunRecord, to directory: URL) throws {
        let files: [(String, Data)] = [
            ("results.json", try record.jsonData()),
            ("junit.xml", Data(try JUnitWriter.xml(for: record).utf8)),
            ("summary.md", Data(SummaryMarkdown.markdown(for: record).utf8)),
            ("index.html", Data(try HTMLReport.html(for: record).utf8)),
        ]
        try AtomicFiles.replaceDirectory(directory.standardizedFileURL) { folder in
            for (name, data) in files { try AtomicFiles.write(data, to: folder.appendingPathComponent(name)) }
        }
    }
}
