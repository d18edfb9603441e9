import Foundation
@testable import Harness

/// Run records for the report tests. The expected values and provenance of the realistic record are the
/// align-uniform paper's (Wang & Isola, ICML 2020, Table 1); the obtained per-seed values are made up for the test.
enum ReportFixtures {
    /// The repository root, found from this file (Tests/HarnessTests/Report/ReportFixtures.swift).
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The project's JUnit schema file (`Sources/Harness/Resources/junit.xsd`), the one `.ci/run` gives xmllint.
    static var junitXSD: URL {
        repoRoot.appendingPathComponent("Sources/Harness/Resources/junit.xsd")
    }

    static let started = Date(timeIntervalSince1970: 1_714_564_800.25)   // 2024-05-01T12:00:00.250Z

    static func claim(_ id: String, _ verdict: Verdict, kind: ClaimKind = .absolute, expected: Double? = 84.43,
                      tolerance: Double? = 1.0, values: [Double] = [83.9, 84.6, 84.1],
                      message: String = "", statement: String = "fc7 + linear probe accuracy on STL-10",
                      metric: String = "probe.top1",
                      provenance: String? = "paper Table 1, row 'Best L_align & L_uniform only', column fc7+Linear") -> ClaimOutcome {
        let n = Double(values.count)
        let mean = values.isEmpty ? nil : values.reduce(0, +) / n
        let std = values.count < 2 ? nil : (values.map { ($0 - mean!) * ($0 - mean!) }.reduce(0, +) / (n - 1)).squareRoot()
        let half = std.map { 4.303 * $0 / n.squareRoot() }
        return ClaimOutcome(id: id, kind: kind, statement: statement, metric: metric, expected: expected,
                            tolerance: tolerance, values: values, mean: mean, std: std,
                            intervalLow: half.map { mean! - $0 }, intervalHigh: half.map { mean! + $0 },
                            verdict: verdict, message: message, provenance: provenance)
    }

    /// A loss curve that decays from `start` toward `floor` over `epochs`, with a small seed-dependent wiggle.
    static func curve(start: Double, floor: Double, epochs: Int, seed: Int) -> [Double] {
        (0..<epochs).map { e in
            floor + (start - floor) * exp(-Double(e) / 5.0) + 0.02 * sin(Double(e * (seed + 2)))
        }
    }

    static func trials(scale: String = "reduced") -> [TrialResult] {
        let methods: [(String, Double, Double, Double)] = [("contrastive", 5.2, 3.9, 82.1), ("align-uniform", -1.2, -3.1, 84.2),
                                                           ("mix", 4.8, 3.4, 83.7)]
        var out: [TrialResult] = []
        for (method, start, floor, acc) in methods {
            for seed in 0..<3 {
                var t = TrialResult(paper: "align-uniform", method: method, dataset: "stl10", seed: seed, scale: scale,
                                    configHash: String(repeating: "ab\(seed)", count: 21).prefix(64).description,
                                    metrics: ["probe.top1": acc + Double(seed) * 0.2, "retrieval.top1": 0.41 + 0.01 * Double(seed)],
                                    curves: ["loss": curve(start: start, floor: floor, epochs: 20, seed: seed)],
                                    steps: 20 * 130, wallSeconds: 1800 + 37 * Double(seed), imagesPerSecond: 142.5 + Double(seed))
                if method == "mix" && seed == 2 {
                    t.curves["loss"] = [4.8, 4.6, 4.9, .nan]
                    t.error = "diverged: loss NaN at epoch 4"
                    t.metrics = [:]
                }
                out.append(t)
            }
        }
        return out
    }

    /// A run with one claim of every verdict kind.
    static func everyVerdict(scale: String = "reduced", runId: String = "20240501-120000-a1b2") -> RunRecord {
        let claims: [ClaimOutcome] = [
            claim("stl10.align-uniform.fc7-linear", .reproduced),
            claim("stl10.contrastive.fc7-linear", .notReproduced, expected: 83.89, values: [81.8, 82.1, 82.4],
                  message: "mean 82.1 is 1.79 below 83.89, outside tolerance 1.0",
                  provenance: "paper Table 1, row 'Best L_contrastive only', column fc7+Linear"),
            claim("stl10.align-uniform-beats-contrastive", .inconclusive, kind: .relative, expected: 0, tolerance: 0.3,
                  values: [0.4, -0.2, 0.9], message: "95% interval straddles the margin 0.3",
                  statement: "L_align + L_uniform beats L_contrastive on fc7 + linear", provenance: nil),
            claim("stl10.mix.output-5nn", .notRun, expected: 79.05, values: [],
                  message: "scale reduced: output + 5-NN has no calibrated reference", provenance: "paper Table 1, row 'Best among all'"),
            claim("stl10.mix.fc7-linear", .error, expected: 84.14, values: [83.6, 83.9],
                  message: "trial mix/stl10/seed 2 diverged: loss NaN at epoch 4"),
            claim("stl10.align-uniform.retrieval", .regressed, expected: 0.452, tolerance: 0.01, values: [0.41, 0.42, 0.43],
                  message: "below the calibrated reference 0.452 by more than 0.01",
                  statement: "positive-view retrieval top-1 (calibrated reference)", metric: "retrieval.top1", provenance: "calibration run 20240420-090000-ffee at scale reduced"),
            claim("sanity.loss-decreases", .reproduced, kind: .sanity, expected: nil, tolerance: nil, values: [1.3, 1.2, 1.4],
                  statement: "training loss decreases from the first to the last epoch", metric: "loss.drop", provenance: nil),
        ]
        return RunRecord(runId: runId, paper: "align-uniform",
                         title: "Understanding Contrastive Representation Learning through Alignment and Uniformity on the Hypersphere",
                         venue: "ICML 2020", arxiv: "2005.10242", code: "https://github.com/SsnL/align_uniform/tree/e256d47",
                         scale: scale, startedAt: started, wallSeconds: 16_512.4,
                         paperHardware: "4 GPUs (official STL-10 example); training time not stated",
                         environment: ["cpu": "AMD EPYC 7B13 (2 cores)", "threads": "2", "blas": "OpenBLAS 0.3.21 DYNAMIC_ARCH",
                                       "os": "Debian GNU/Linux 12", "swift": "6.3.1", "git.commit": "c030ad8",
                                       "dataset.stl10.sha256": "e3b0c44298fc1c149afbf4c8996fb924"],
                         checklist: [
                            ChecklistEntry(item: "pseudocode", answer: "yes", note: "PyTorch snippet for both losses in the paper"),
                            ChecklistEntry(item: "code", answer: "yes", note: "official repository at e256d47"),
                            ChecklistEntry(item: "datasets", answer: "yes", note: "STL-10 train+unlabeled"),
                            ChecklistEntry(item: "splits", answer: "partial", note: "paper says training split; example uses train+unlabeled"),
                            ChecklistEntry(item: "hardware", answer: "partial", note: "GPU count in README only"),
                            ChecklistEntry(item: "software", answer: "no", note: "no versions pinned"),
                         ],
                         specYAML: "version: 1\nid: align-uniform\nmethods:\n  - name: align-uniform\n    loss: {align: {alpha: 2, weight: 0.98}, uniform: {t: 2, weight: 0.96}}\n",
                         trials: trials(scale: scale), claims: claims)
    }

    /// Strings that break naive HTML/XML builders.
    static let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "&amp; &lt; literal entities",
        "it's \"quoted\" 'both' ways",
        "</pre></td></table><svg onload=alert(1)>",
    ]

    /// `everyVerdict` with hostile strings in every free-text field.
    static func hostileRecord() -> RunRecord {
        var r = everyVerdict()
        let h = hostile.joined(separator: " | ")
        r.title = hostile[0] + " Title"
        r.venue = hostile[1]
        r.code = "javascript:alert(1)"
        r.arxiv = hostile[3]
        r.paperHardware = hostile[4]
        r.specYAML = "name: \(hostile[0])\nnote: \(hostile[4])\n"
        r.environment[hostile[1]] = hostile[0]
        r.checklist.append(ChecklistEntry(item: hostile[0], answer: hostile[1], note: hostile[2]))
        for i in r.claims.indices {
            r.claims[i].statement = hostile[i % hostile.count]
            r.claims[i].message = h
            r.claims[i].provenance = hostile[(i + 1) % hostile.count]
        }
        r.trials[0].method = hostile[0]
        r.trials[0].error = hostile[1]
        return r
    }
}
