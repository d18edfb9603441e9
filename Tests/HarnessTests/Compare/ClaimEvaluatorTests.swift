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
    // Paired differences all exactly 0.1: a zero-width interval at the bound, which is inclusive.
    let trials = (0..<3).flatMap { s in [trial("A", seed: s, ["m": 0.5 + 0.1 * Double(s)]), trial("B", seed: s, ["m": 0.4 + 0.1 * Double(s)])] }
    let out = ClaimEvaluator.evaluate(rule(.relative(better: "A", worse: "B", margin: 0.1 - 1e-12)), trials: trials)
    #expect(out.verdict == .reproduced, "\(out.message)")
}

@Test func relativeClaimsArePairedWhenSeedsMatchAndWelchOtherwise() {
    // Large seed-to-seed variation shared by both methods, a steady +0.01 difference: paired decides, Welch cannot.
    let base = [0.50, 0.70, 0.60, 0.80]
    let a = base.enumerated().map { trial("A", seed: $0.offset, ["m": $0.element + 0.01 + 0.001 * Double($0.offset % 2)]) }
    let b = base.enumerated().map { trial("B", seed: $0.offset, ["m": $0.element]) }
    let paired = ClaimEvaluator.evaluate(rule(.relative(better: "A", worse: "B", margin: 0)), trials: a + b)
    #expect(paired.intervalMethod == "paired" && paired.verdict == .reproduced, "\(paired.message)")
    #expect(paired.message.contains("paired over 4 seeds"))
    let p = Statistics.paired(a.map { $0.metrics["m"]! }, b.map { $0.metrics["m"]! })
    #expect(paired.intervalLow == p.low && paired.intervalHigh == p.high)
    // B ran seeds 1...4 instead: no pairing, Welch's interval, and the report says so.
    let shifted = base.enumerated().map { trial("B", seed: $0.offset + 1, ["m": $0.element]) }
    let welch = ClaimEvaluator.evaluate(rule(.relative(better: "A", worse: "B", margin: 0)), trials: a + shifted)
    #expect(welch.intervalMethod == "welch" && welch.verdict == .inconclusive, "\(welch.message)")
    #expect(welch.message.contains("Welch"))
}

@Test("one seed decides no comparison", arguments: [
    ClaimRule.Check.relative(better: "A", worse: "B", margin: 0),
    .relative(better: "A", worse: "B", margin: -0.02),
    .absolute(method: "A", expected: 0.7, tolerance: 0.01),
])
func oneSeedIsInconclusive(check: ClaimRule.Check) {
    let trials = [trial("A", seed: 0, ["m": 0.7]), trial("B", seed: 0, ["m": 0.5])]
    let out = ClaimEvaluator.evaluate(rule(check), trials: trials)
    #expect(out.verdict == .inconclusive)
    #expect(out.message.hasPrefix("one seed: no interval"), "\(out.message)")
}

@Test func everyComparisonReportsItsPower() {
    // Paired differences [0.01, 0.03, 0.02]: sd 0.01, se 0.01/√3, df 2.
    let trials = [(0.61, 0.60), (0.63, 0.60), (0.62, 0.60)].enumerated().flatMap { s, v in
        [trial("A", seed: s, ["m": v.0]), trial("B", seed: s, ["m": v.1])]
    }
    var r = rule(.relative(better: "A", worse: "B", margin: 0))
    r.effect = .init(value: 0.0069, source: "Table 1")
    let out = ClaimEvaluator.evaluate(r, trials: trials)
    // SciPy: (t.ppf(0.975, 2) + t.ppf(0.8, 2)) * 0.01 / sqrt(3) = 0.032474...; seeds for 0.0069 at sd 0.01: 19.
    let expected = StatisticsReference.detectable[0].3
    #expect(abs(out.detectable! - expected) < 1e-9)
    #expect(out.seedsNeeded == StatisticsReference.seedsNeeded[0].3)
    #expect(out.effect == 0.0069 && out.effectSource == "Table 1")
    #expect(out.message.contains("about 19 seeds"), "\(out.message)")
}

@Test func inconclusiveVerdictsSayHowManySeedsWouldDecide() {
    // Differences [0.00, 0.02, 0.01]: mean 0.01, interval straddles 0; no effect stated, so the observed 0.01
    // at sd 0.01 sets the count (SciPy linear search: 10 seeds).
    let trials = [(0.60, 0.60), (0.62, 0.60), (0.61, 0.60)].enumerated().flatMap { s, v in
        [trial("A", seed: s, ["m": v.0]), trial("B", seed: s, ["m": v.1])]
    }
    let out = ClaimEvaluator.evaluate(rule(.relative(better: "A", worse: "B", margin: 0)), trials: trials)
    #expect(out.verdict == .inconclusive)
    #expect(out.seedsNeeded == Power.seedsNeeded(delta: 0.01, sd: 0.01, alpha: 0.05))
    #expect(out.message.contains("about \(out.seedsNeeded!) seeds would decide"), "\(out.message)")
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
    // One seed per method: sanity checks keep their per-trial rule, the point values decide per method.
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

@Test("Spearman's ρ equals SciPy's, ties included", arguments: StatisticsReference.spearman.indices)
func spearmanMatchesSciPy(i: Int) {
    let (x, y, expected) = StatisticsReference.spearman[i]
    #expect(abs(RankCorrelation.spearman(x, y) - expected) < 1e-12)
}

@Test func correlationClaimsRankEncodersWithABootstrapInterval() {
    // Six encoders, three seeds each: accuracy rises with alignment-derived score except one swap.
    let means: [(Double, Double)] = [(0.1, 0.60), (0.2, 0.63), (0.3, 0.62), (0.4, 0.70), (0.5, 0.72), (0.6, 0.75)]
    var trials: [TrialResult] = []
    for (m, (x, y)) in means.enumerated() {
        for s in 0..<3 {
            let wiggle = 0.002 * Double(s - 1)
            trials.append(trial("e\(m)", seed: s, ["x": x + wiggle, "y": y - wiggle]))
        }
    }
    let claim = ClaimRule.Check.correlation(methods: [], other: "y", negative: false, margin: 0.3)
    let out = ClaimEvaluator.evaluate(rule(claim, metric: "x"), trials: trials)
    // Means ranked: ρ = 1 − 6·Σd²/(n(n²−1)) = 1 − 6·2/210 = 0.942857 (one adjacent swap).
    #expect(abs(out.mean! - 0.9428571428571428) < 1e-12)
    #expect(out.intervalMethod == "bootstrap" && out.intervalLow! <= out.mean! && out.mean! <= out.intervalHigh!)
    #expect(out.valuesAgainst?.count == 6 && out.metricAgainst == "y")
    #expect(out.verdict == .reproduced, "\(out.message)")
    // The same encoders against a bound they cannot reach, and with the sign reversed.
    let high = ClaimEvaluator.evaluate(rule(.correlation(methods: [], other: "y", negative: true, margin: 0.3), metric: "x"), trials: trials)
    #expect(high.verdict == .notReproduced, "\(high.message)")
    // Two encoders: no rank correlation.
    let two = ClaimEvaluator.evaluate(rule(.correlation(methods: ["e0", "e1"], other: "y", negative: false, margin: 0.3), metric: "x"),
                                      trials: trials)
    #expect(two.verdict == .inconclusive)
}

@Test func bootstrapIntervalWidensWithSeedNoise() {
    // Identical means, but seed noise large against the spread of encoders: the interval must straddle 0.
    var encoders: [RankCorrelation.Encoder] = []
    for e in 0..<8 {
        let base = Double(e) * 0.01
        encoders.append(.init(x: [base - 0.2, base + 0.2, base], y: [base + 0.3, base - 0.3, base]))
    }
    let noisy = RankCorrelation.bootstrap(encoders, alpha: 0.05)
    #expect(noisy.rho == 1)
    #expect(noisy.low < 0, "\(noisy)")
    let quiet = RankCorrelation.bootstrap(encoders.map { .init(x: [$0.x[2]], y: [$0.y[2]]) }, alpha: 0.05)
    #expect(quiet.low > noisy.low)
}

@Test func interactionIsADifferenceOfDifferencesPairedBySeed() {
    // Per seed s: CACR drops 0.02 + 0.001 s, CL drops 0.06 − 0.001 s; a shared seed effect of 0.1 s cancels.
    var trials: [TrialResult] = []
    for s in 0..<4 {
        let shared = 0.1 * Double(s), d = Double(s)
        trials += [trial("cacr", seed: s, ["m": 0.80 + shared]), trial("cacr@imb", seed: s, ["m": 0.78 - 0.001 * d + shared]),
                   trial("cl", seed: s, ["m": 0.82 + shared]), trial("cl@imb", seed: s, ["m": 0.76 + 0.001 * d + shared])]
    }
    let check = ClaimRule.Check.interaction(methodFrom: "cacr", methodTo: "cacr@imb", baselineFrom: "cl", baselineTo: "cl@imb", margin: 0)
    let out = ClaimEvaluator.evaluate(rule(check), trials: trials)
    // (to − from) of CACR minus that of CL = (−0.02 − 0.001 s) − (−0.06 + 0.001 s) = 0.04 − 0.002 s.
    let expected = (0..<4).map { 0.04 - 0.002 * Double($0) }
    #expect(zip(out.values, expected).allSatisfy { abs($0 - $1) < 1e-12 }, "\(out.values)")
    let s = Summary(expected)
    #expect(abs(out.intervalLow! - s.low) < 1e-12 && abs(out.intervalHigh! - s.high) < 1e-12)
    #expect(out.verdict == .reproduced && out.intervalMethod == "paired", "\(out.message)")
    #expect(out.cellMeans?.count == 4 && abs(out.cellMeans![0] - 0.95) < 1e-12)
    // The same data against a bound above the effect: not reproduced; one seed: inconclusive.
    let high = ClaimEvaluator.evaluate(rule(.interaction(methodFrom: "cacr", methodTo: "cacr@imb", baselineFrom: "cl",
                                                         baselineTo: "cl@imb", margin: 0.1)), trials: trials)
    #expect(high.verdict == .notReproduced)
    let one = ClaimEvaluator.evaluate(rule(check), trials: trials.filter { $0.seed == 0 })
    #expect(one.verdict == .inconclusive && one.message.hasPrefix("one seed: no interval"))
}
