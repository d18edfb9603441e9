import Testing
@testable import Harness

func trial(_ method: String, seed: Int, _ metrics: [String: Double], error: String? = nil) -> TrialResult {
    TrialResult(paper: "p", method: method, dataset: "d", seed: seed, scale: "smoke", configHash: "h\(method)\(seed)",
                metrics: metrics, error: error)
}

func rule(_ check: ClaimRule.Check, metric: String = "m", reason: String? = nil) -> ClaimRule {
    ClaimRule(id: "c", kind: .relative, statement: "s", metric: metric, check: check, notRunReason: reason)
}

@Test("relative claims: reproduced, not reproduced, inconclusive", arguments: [
    ([0.60, 0.61, 0.62], [0.50, 0.51, 0.52], 0.0, Verdict.reproduced),
    ([0.50, 0.51, 0.52], [0.60, 0.61, 0.62], 0.0, Verdict.notReproduced),
    ([0.50, 0.60, 0.55], [0.52, 0.58, 0.53], 0.0, Verdict.inconclusive),
    // "not worse by more than 0.02": a = b − 0.01 everywhere with no spread → reproduced
    ([0.49, 0.49, 0.49], [0.50, 0.50, 0.50], -0.02, Verdict.reproduced),
])
func relativeVerdicts(a: [Double], b: [Double], margin: Double, expected: Verdict) {
    let trials = a.enumerated().map { trial("A", seed: $0.offset, ["m": $0.element]) }
        + b.enumerated().map { trial("B", seed: $0.offset, ["m": $0.element]) }
    let out = ClaimEvaluator.evaluate(rule(.relative(better: "A", worse: "B", margin: margin)), trials: trials)
    #expect(out.verdict == expected, "\(out.message)")
    #expect(out.values.count == a.count)
}

@Test func relativeBoundaryExactlyAtTheMarginIsReproduced() {
    let trials = [trial("A", seed: 0, ["m": 0.7]), trial("B", seed: 0, ["m": 0.6])]
    let out = ClaimEvaluator.evaluate(rule(.relative(better: "A", worse: "B", margin: 0.1)), trials: trials)
    // One seed each: the point difference decides, and the bound is inclusive.
    #expect(abs(out.mean! - 0.1) < 1e-12)
    #expect(out.verdict == (0.7 - 0.6 >= 0.1 ? .reproduced : .notReproduced))
}

@Test("absolute claims against a tolerance band", arguments: [
    ([80.0, 80.2, 79.8], 80.0, 1.0, Verdict.reproduced),
    ([70.0, 70.2, 69.8], 80.0, 1.0, Verdict.notReproduced),
    ([79.0, 81.5, 80.0], 80.0, 1.0, Verdict.inconclusive),
    ([81.0], 80.0, 1.0, Verdict.reproduced),   // on the edge, one seed
    ([81.01], 80.0, 1.0, Verdict.notReproduced),
])
func absoluteVerdicts(v: [Double], expected: Double, tol: Double, verdict: Verdict) {
    let trials = v.enumerated().map { trial("A", seed: $0.offset, ["m": $0.element]) }
    let out = ClaimEvaluator.evaluate(rule(.absolute(method: "A", expected: expected, tolerance: tol)), trials: trials)
    #expect(out.verdict == verdict, "\(out.message)")
    #expect(out.expected == expected && out.tolerance == tol)
}

@Test func aboveRandomUsesPerSeedDifferences() {
    let trials = (0..<3).map { trial("A", seed: $0, ["r": 0.3 + 0.01 * Double($0), "r.random": 0.08]) }
    let ok = ClaimEvaluator.evaluate(rule(.aboveRandom(margin: 0.1), metric: "r"), trials: trials)
    #expect(ok.verdict == .reproduced)
    #expect(ok.values.map { ($0 * 100).rounded() } == [22, 23, 24])
    let tooHigh = ClaimEvaluator.evaluate(rule(.aboveRandom(margin: 0.5), metric: "r"), trials: trials)
    #expect(tooHigh.verdict == .notReproduced)
}

@Test func aboveRandomMustHoldForEveryMethod() {
    let good = (0..<3).map { trial("A", seed: $0, ["r": 0.3 + 0.01 * Double($0), "r.random": 0.08]) }
    let flat = (0..<3).map { trial("B", seed: $0, ["r": 0.081 + 0.001 * Double($0), "r.random": 0.08]) }
    let out = ClaimEvaluator.evaluate(rule(.aboveRandom(margin: 0.1), metric: "r"), trials: good + flat)
    #expect(out.verdict == .notReproduced)
    #expect(out.message.contains("A ") && out.message.contains("B "))
    // One seed per method: the point values decide, per method (no interval across different methods).
    let single = [trial("A", seed: 0, ["r": 0.3, "r.random": 0.1]), trial("B", seed: 0, ["r": 0.35, "r.random": 0.1])]
    #expect(ClaimEvaluator.evaluate(rule(.aboveRandom(margin: 0.1), metric: "r"), trials: single).verdict == .reproduced)
}

@Test func sanityChecksAndErrors() {
    let good = [trial("A", seed: 0, ["loss.first": 5, "loss.last": 4]), trial("B", seed: 0, ["loss.first": 5, "loss.last": 3])]
    #expect(ClaimEvaluator.evaluate(rule(.decreases), trials: good).verdict == .reproduced)
    #expect(ClaimEvaluator.evaluate(rule(.finite), trials: good).verdict == .reproduced)
    let rising = good + [trial("C", seed: 1, ["loss.first": 5, "loss.last": 6])]
    let r = ClaimEvaluator.evaluate(rule(.decreases), trials: rising)
    #expect(r.verdict == .notReproduced)
    #expect(r.message.contains("C seed 1"))
    let crashed = good + [trial("D", seed: 2, [:], error: "training diverged at step 3: loss nan")]
    #expect(ClaimEvaluator.evaluate(rule(.finite), trials: crashed).verdict == .error)
    #expect(ClaimEvaluator.evaluate(rule(.relative(better: "D", worse: "A", margin: 0)), trials: crashed).verdict == .error)
}

@Test func notRunAndMissingMetrics() {
    let out = ClaimEvaluator.evaluate(rule(.finite, reason: "full-scale number; this run is smoke"), trials: [])
    #expect(out.verdict == .notRun && out.message.contains("smoke"))
    let missing = ClaimEvaluator.evaluate(rule(.absolute(method: "A", expected: 1, tolerance: 0.1), metric: "x"),
                                          trials: [trial("A", seed: 0, ["m": 1])])
    // Trials ran, yet none produced the claim's metric: the spec asks for something no evaluator returns.
    #expect(missing.verdict == .error && missing.message.contains("none produced x"), "\(missing.message)")
    let nothing = ClaimEvaluator.evaluate(rule(.absolute(method: "A", expected: 1, tolerance: 0.1), metric: "x"), trials: [])
    #expect(nothing.verdict == .notRun)
}
