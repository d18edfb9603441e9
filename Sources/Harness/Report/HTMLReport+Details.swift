import Foundation

extension HTMLReport {
    /// The paper's reproducibility checklist (item, answer, note).
    static func checklist(_ r: RunRecord) -> Markup {
        section("checklist", "Reproducibility checklist") {
            if r.checklist.isEmpty {
                note("The spec has no reproducibility checklist.")
            } else {
                table(["Item", "Answer", "Note"], rows: r.checklist.map { e in
                    let answer = e.answer.lowercased()
                    let cls = ["yes", "no", "partial"].contains(answer) ? "answer \(answer)" : "answer"
                    return [cell(e.item), Markup("td", [:], [Markup("span", ["class": cls], text: e.answer)]), cell(e.note, "wrap")]
                })
            }
        }
    }

    /// Paper hardware vs this run, then wall time and throughput per trial.
    static func cost(_ r: RunRecord) -> Markup {
        let cpu = r.environment["cpu"].map { " on \($0)" } ?? ""
        let threads = r.environment["threads"].map { ", \($0) threads" } ?? ""
        let totalTrial = r.trials.reduce(0) { $0 + ($1.wallSeconds.isFinite ? $1.wallSeconds : 0) }
        return section("cost", "Cost") {
            table(["", "Hardware and time"], rows: [
                [cell("Paper"), cell(r.paperHardware ?? "not stated in the spec", "wrap")],
                [cell("This run (scale \(r.scale))"),
                 cell("\(ReportFormat.duration(r.wallSeconds)) wall time\(cpu)\(threads); "
                      + "\(ReportFormat.duration(totalTrial)) summed over \(r.trials.count) trials", "wrap")],
            ])
            if !r.trials.isEmpty {
                table(["Method", "Dataset", "Seed", "Steps", "Wall time", "Images/s", "Config", "Status"],
                      rows: r.trials.map(trialRow), class: "trials")
            }
        }
    }

    private static func trialRow(_ t: TrialResult) -> [Markup] {
        let ips = t.imagesPerSecond.isFinite ? String(format: "%.1f", t.imagesPerSecond) : "n/a"
        return [
            cell(t.method), cell(t.dataset), cell(String(t.seed), "num"), cell(String(t.steps), "num"),
            cell(ReportFormat.duration(t.wallSeconds), "num"), cell(ips, "num"),
            Markup("td", ["class": "mono small", "title": t.configHash], text: String(t.configHash.prefix(12))),
            t.error.map { cell("error: \($0)", "message") } ?? cell("ok"),
        ]
    }

    /// CPU, threads, BLAS, OS, Swift, git commit, dataset checksums: whatever the run recorded, by key.
    static func environment(_ r: RunRecord) -> Markup {
        section("environment", "Environment") {
            if r.environment.isEmpty {
                note("The run recorded no environment.")
            } else {
                table(["Key", "Value"], rows: r.environment.keys.sorted().map { [cell($0, "mono"), cell(r.environment[$0]!, "mono wrap")] })
            }
        }
    }

    /// Where every expected number comes from; a missing provenance is flagged, not hidden.
    static func provenance(_ r: RunRecord) -> Markup {
        let withExpected = r.claims.filter { $0.expected != nil }
        return section("provenance", "Provenance of expected numbers") {
            if withExpected.isEmpty {
                note("No claim of this run has an expected number.")
            } else {
                table(["Claim", "Expected", "Source"], rows: withExpected.map { c in
                    [cell(c.id, "mono"), cell(ReportFormat.expected(c), "num"),
                     c.provenance.map { cell($0, "wrap") }
                        ?? Markup("td", [:], [Markup("span", ["class": "note"], text: "no provenance recorded")])]
                })
            }
        }
    }

    /// The resolved spec, verbatim.
    static func spec(_ r: RunRecord) -> Markup {
        section("spec", "Resolved spec") {
            Markup("pre", ["class": "spec"], [Markup("code", text: r.specYAML)])
        }
    }
}
