import Foundation
import Harness

/// The terminal summary printed after each paper.
enum Verdicts {
    static func summary(_ r: RunRecord, directory: URL) -> String {
        var lines = ["\(r.paper) @ \(r.scale) (run \(r.runId)): \(r.claims.count) claims, \(String(format: "%.0f", r.wallSeconds)) s"]
        for c in r.claims {
            lines.append("  \(c.verdict.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) \(c.id): \(c.message)")
        }
        if r.trials.isEmpty { lines.append("  nothing was checked: no trial ran (every claim is not run)") }
        lines.append("  report: \(directory.appendingPathComponent("index.html").path)")
        return lines.joined(separator: "\n")
    }

    /// Exit code 1: a claim not reproduced, errored or regressed, or no trial ran (nothing was checked).
    static func failed(_ r: RunRecord) -> Bool {
        r.trials.isEmpty || r.claims.contains { [Verdict.notReproduced, .error, .regressed].contains($0.verdict) }
    }
}
