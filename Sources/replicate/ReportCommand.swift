import ArgumentParser
import Foundation
import Harness

/// `replicate report --paper X [--run ID|latest]`: rewrites a run's report folder from the history store,
/// without training, and refreshes reports/index.html.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Rebuild a run's reports from the history store (no training).")

    @Option(name: .long, help: "Paper id.") var paper: String
    @Option(name: .customLong("run"), help: "Run id, or 'latest'.") var runId: String = "latest"
    @Option(name: .long, help: "Where reports are written.") var reports: String = "reports"
    @Option(name: .long, help: "History store (default <reports>/history.sqlite).") var store: String?

    func run() throws {
        let root = URL(fileURLWithPath: reports)
        let storeURL = store.map { URL(fileURLWithPath: $0) } ?? HistoryStore.defaultURL(reportsRoot: root)
        guard FileManager.default.fileExists(atPath: storeURL.path) else {
            throw UsageError("no history store at \(storeURL.path) (run `replicate --paper \(paper)` first, or give --store)")
        }
        let history = try HistoryStore(url: storeURL)
        let id = runId == "latest" ? try history.latestRunId(paper: paper) : runId
        guard let id, let record = try history.record(runId: id), record.paper == paper else {
            throw UsageError("--run: no finished run '\(runId)' of paper '\(paper)' in \(storeURL.path)")
        }
        let dir = try PaperRun.writeReports(record, reportsRoot: root)
        print("rebuilt \(dir.appendingPathComponent("index.html").path)")
    }
}
