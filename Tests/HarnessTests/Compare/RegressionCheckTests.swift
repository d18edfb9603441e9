import Testing
@testable import Harness

/// A relative claim (higher is better) with per-seed values and a t-interval, as ClaimEvaluator fills it.
func relativeOutcome(_ values: [Double], verdict: Verdict = .reproduced, id: String = "c") -> ClaimOutcome {
    let s = Summary(values)
    return ClaimOutcome(id: id, kind: .relative, statement: "", metric: "m", expected: 0, values: values, mean: s.mean,
                        std: s.std, intervalLow: s.low, intervalHigh: s.high, verdict: verdict, message: "ok")
}

@Suite struct RegressionCheckTests {
    // Current values [0.50, 0.52, 0.54]: mean 0.52, 95 % half-width 4.3027 · 0.02 / √3 = 0.049683.
    static let current = [0.50, 0.52, 0.54]
    static let half = Statistics.t975(df: 2) * 0.02 / 3.0.squareRoot()

    @Test("a fall beyond the interval's half-width regresses; within it does not", arguments: [
        (0.60, Verdict.regressed),          // baseline 0.60 − 0.0497 = 0.5503 > 0.52
        (0.56, Verdict.reproduced),         // 0.5103 < 0.52: within tolerance
        (0.40, Verdict.reproduced),         // improved
    ])
    func relativeClaims(baseline: Double, expected: Verdict) {
        let out = RegressionCheck.apply([relativeOutcome(Self.current)], earlier: [[relativeOutcome([baseline, baseline])]])
        #expect(out[0].verdict == expected, "\(out[0].message)")
        if expected == .regressed { #expect(out[0].message.contains("was reproduced")) }
    }

    @Test func exactlyAtTheToleranceIsNotARegression() {
        // Baseline mean chosen so that current score == baseline − tolerance exactly (the bound is inclusive).
        let c = relativeOutcome(Self.current)
        let tol = RegressionCheck.tolerance(c)!
        let baseline = ClaimOutcome(id: "c", kind: .relative, statement: "", metric: "m", expected: 0, values: [1, 1],
                                    mean: c.mean! + tol, verdict: .reproduced, message: "")
        #expect(RegressionCheck.apply([c], earlier: [[baseline]])[0].verdict == .reproduced)
        var worse = baseline
        worse.mean = (c.mean! + tol).nextUp
        #expect(RegressionCheck.apply([c], earlier: [[worse]])[0].verdict == .regressed)
    }

    @Test func baselineIsTheMeanOfEarlierRuns() {
        let c = relativeOutcome(Self.current)
        // One high run alone would flag it; averaged with a low one it does not.
        #expect(RegressionCheck.apply([c], earlier: [[relativeOutcome([0.7, 0.7])]])[0].verdict == .regressed)
        #expect(RegressionCheck.apply([c], earlier: [[relativeOutcome([0.7, 0.7])], [relativeOutcome([0.4, 0.4])]])[0].verdict == .reproduced)
    }

    @Test func absoluteClaimsUseTheirToleranceAndDistanceToTheExpectedValue() {
        func absolute(_ v: [Double]) -> ClaimOutcome {
            let s = Summary(v)
            return ClaimOutcome(id: "a", kind: .absolute, statement: "", metric: "m", expected: 0.8, tolerance: 0.02,
                                values: v, mean: s.mean, std: s.std, intervalLow: s.low, intervalHigh: s.high,
                                verdict: .inconclusive, message: "")
        }
        let earlier = [[absolute([0.80, 0.80, 0.80])]]
        // Above or below the expected value alike: a distance of 0.03 > 0.02 regresses, 0.015 does not.
        #expect(RegressionCheck.apply([absolute([0.83, 0.83, 0.83])], earlier: earlier)[0].verdict == .regressed)
        #expect(RegressionCheck.apply([absolute([0.77, 0.77, 0.77])], earlier: earlier)[0].verdict == .regressed)
        #expect(RegressionCheck.apply([absolute([0.785, 0.785, 0.785])], earlier: earlier)[0].verdict == .inconclusive)
    }

    @Test func lossDecreaseClaimsAreOrientedLowerIsBetter() {
        // `decreases` has no bound: its values are last − first, so a smaller drop is worse.
        func drops(_ v: [Double]) -> ClaimOutcome {
            let s = Summary(v)
            return ClaimOutcome(id: "d", kind: .sanity, statement: "", metric: "loss", values: v, mean: s.mean, std: s.std,
                                intervalLow: s.low, intervalHigh: s.high, verdict: .reproduced, message: "")
        }
        #expect(RegressionCheck.score(drops([-1, -1.2])) == 1.1)
        let earlier = [[drops([-2.0, -2.1, -1.9])]]
        #expect(RegressionCheck.apply([drops([-0.5, -0.6, -0.4])], earlier: earlier)[0].verdict == .regressed)
        #expect(RegressionCheck.apply([drops([-2.5, -2.6, -2.4])], earlier: earlier)[0].verdict == .reproduced)
    }

    @Test func claimsWithoutSpreadBaselineOrPassingVerdictAreLeftAlone() {
        let earlier = [[relativeOutcome([0.9, 0.9])]]
        // One seed: no interval to judge by.
        #expect(RegressionCheck.apply([relativeOutcome([0.1])], earlier: earlier)[0].verdict == .reproduced)
        // Already failing: stays what it was.
        #expect(RegressionCheck.apply([relativeOutcome(Self.current, verdict: .notReproduced)], earlier: earlier)[0].verdict == .notReproduced)
        // No earlier run of this claim.
        #expect(RegressionCheck.apply([relativeOutcome(Self.current, id: "other")], earlier: earlier)[0].verdict == .reproduced)
        #expect(RegressionCheck.apply([relativeOutcome(Self.current)], earlier: [])[0].verdict == .reproduced)
        // `finite` has no value at all.
        let finite = ClaimOutcome(id: "c", kind: .sanity, statement: "", metric: "loss", verdict: .reproduced, message: "")
        #expect(RegressionCheck.score(finite) == nil)
        #expect(RegressionCheck.apply([finite], earlier: earlier)[0].verdict == .reproduced)
    }

    @Test func negativeCorrelationClaimsAreOrientedLowerIsBetter() {
        var c = relativeOutcome([-0.8])
        c.kind = .correlation; c.expected = -0.5; c.mean = -0.8
        #expect(RegressionCheck.score(c) == 0.8)
        c.expected = 0.5; c.mean = 0.8
        #expect(RegressionCheck.score(c) == 0.8)
    }

    @Test func toleranceIsTheHalfWidthOfTheInterval() {
        #expect(abs(RegressionCheck.tolerance(relativeOutcome(Self.current))! - Self.half) < 1e-12)
    }
}
