import ArgumentParser
import Foundation
import Harness

/// `replicate history --paper X`: each claim's values over the stored runs, and whether the latest run
/// regressed against the recent nightly runs (exit code 1 when it did).
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show a paper's claims over time; exit 1 if the latest run regressed.")

    @Option(name: .long, help: "Paper id.") var paper: String
    @Option(name: .long, help: "smoke | reduced | full") var scale: String = "smoke"
    @Option(name: .long, help: "Only this claim id.") var claim: String?
    @Option(name: .long, help: "Nightly runs forming the regression baseline.") var window: Int = 5
    @Option(name: .long, help: "Where reports are written.") var reports: String = "reports"
    @Option(name: .long, help: "History store (default <reports>/history.sqlite).") var store: String?

    func run() throws {
        guard Scale(rawValue: scale) != nil else { throw UsageError("--scale must be smoke, reduced or full, not '\(scale)'") }
        guard window > 0 else { throw UsageError("--window must be at least 1") }
        let storeURL = store.map { URL(fileURLWithPath: $0) } ?? HistoryStore.defaultURL(reportsRoot: URL(fileURLWithPath: reports))
        guard FileManager.default.fileExists(atPath: storeURL.path) else { throw UsageError("no history store at \(storeURL.path)") }
        let history = try HistoryStore(url: storeURL)
        let points = try history.claimHistory(paper: paper, scale: scale, claim: claim)
        guard !points.isEmpty else {
            throw UsageError("no finished run of '\(paper)' at scale \(scale)" + (claim.map { " with claim '\($0)'" } ?? "") + " in \(storeURL.path)")
        }
        var order: [String] = []
        for p in points where !order.contains(p.claimId) { order.append(p.claimId) }
        // Claims never checked at this scale (e.g. the paper's full-scale numbers at smoke) are only counted.
        let neverRun = order.filter { id in points.allSatisfy { $0.claimId != id || $0.verdict == .notRun } }
        order.removeAll { neverRun.contains($0) }
        for id in order {
            print(id)
            for p in points where p.claimId == id {
                let value = p.mean.map { m in
                    String(format: "%.4f", m) + (p.seeds > 1 ? String(format: " [%.4f, %.4f]", p.low ?? m, p.high ?? m) : "")
                } ?? "–"
                print("  \(p.runId)  \(p.kind.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  "
                      + "\(p.verdict.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0))  \(value)")
            }
        }
        if !neverRun.isEmpty { print("(\(neverRun.count) claim\(neverRun.count == 1 ? "" : "s") never run at scale \(scale))") }
        guard let (run, claims) = try history.regressionCheck(paper: paper, scale: scale, window: window) else { return }
        let regressed = claims.filter { $0.verdict == .regressed && (claim == nil || $0.id == claim) }
        if regressed.isEmpty {
            print("latest run \(run.id): no claim regressed against the last \(window) nightly runs")
        } else {
            for c in regressed { print("regressed  \(c.id): \(c.message)") }
            throw ExitCode(1)
        }
    }
}
