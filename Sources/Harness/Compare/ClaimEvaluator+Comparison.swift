import Foundation

/// Relative, non-inferiority and absolute claims: an interval over seeds against a bound or a band, with the
/// power of the run (DESIGN.md, "power").
extension ClaimEvaluator {
    static let oneSeed = "one seed: no interval"

    /// `better − worse ≥ margin`. Paired by seed when both methods ran the same seeds (every method of a run
    /// shares initialisation, data order and augmentation draws per seed), Welch's unpaired interval otherwise.
    static func relative(_ base: ClaimOutcome, _ rule: ClaimRule, _ trials: [TrialResult], better: String, worse: String,
                         margin: Double, crashed: [TrialResult]) -> ClaimOutcome {
        var out = base
        let a = seeded(trials, method: better, metric: rule.metric)
        let b = seeded(trials, method: worse, metric: rule.metric)
        guard !a.isEmpty, !b.isEmpty else { return crashed.isEmpty ? missing(out, rule.metric, trials) : failed(out, crashed) }
        out.expected = margin
        out.alpha = rule.alpha
        out.effect = rule.effect?.value; out.effectSource = rule.effect?.source
        let what = "\(better) − \(worse) on \(rule.metric)"
        let paired = a.map(\.seed) == b.map(\.seed)
        let av = a.map(\.value), bv = b.map(\.value)
        if paired { out.values = zip(av, bv).map { $0 - $1 } }
        guard av.count > 1, bv.count > 1 else {
            out.mean = Summary(av).mean - Summary(bv).mean
            if !crashed.isEmpty { return failed(out, crashed) }
            out.verdict = .inconclusive
            out.message = "\(oneSeed): \(what) = \(fmt(out.mean!)) from \(min(av.count, bv.count)) seed; it decides nothing"
            return out
        }
        let d = paired ? Statistics.paired(av, bv, alpha: rule.alpha) : Statistics.welch(av, bv, alpha: rule.alpha)
        out.intervalMethod = d.method.rawValue
        out.mean = d.difference
        out.std = paired ? Summary(out.values).std : nil
        out.intervalLow = d.low; out.intervalHigh = d.high
        if !paired { out.values = [] }
        let label = paired ? "paired over \(av.count) seeds" : "Welch: seeds differ, \(av.count) vs \(bv.count)"
        decide(&out, low: d.low, high: d.high, bound: margin, what: "\(what) (\(label))", crashed: crashed)
        // Power: the spread of one seed's difference is sd = se·√n (paired), or √(s_a² + s_b²) per seed (Welch).
        out.detectable = Power.detectable(standardError: d.standardError, df: d.df, alpha: rule.alpha)
        let sd = paired ? d.standardError * Double(av.count).squareRoot()
            : (pow(Summary(av).std, 2) + pow(Summary(bv).std, 2)).squareRoot()
        addPower(&out, sd: sd, bound: margin)
        return out
    }

    /// The method's mean lies within `tolerance` of `expected`: the interval inside the band.
    static func absolute(_ base: ClaimOutcome, _ rule: ClaimRule, _ trials: [TrialResult], method: String,
                         expected: Double, tolerance: Double, crashed: [TrialResult]) -> ClaimOutcome {
        var out = base
        let v = values(trials, method: method, metric: rule.metric)
        guard !v.isEmpty else { return crashed.isEmpty ? missing(out, rule.metric, trials) : failed(out, crashed) }
        out.expected = expected; out.tolerance = tolerance
        out.alpha = rule.alpha
        let band = "\(fmt(expected)) ± \(fmt(tolerance))"
        guard v.count > 1 else {
            out.values = v; out.mean = v[0]
            if !crashed.isEmpty { return failed(out, crashed) }
            out.verdict = .inconclusive
            out.message = "\(oneSeed): \(method) \(rule.metric) = \(fmt(v[0])) against \(band) from one seed decides nothing"
            return out
        }
        let s = Summary(v, alpha: rule.alpha)
        out.values = v; out.mean = s.mean; out.std = s.std; out.intervalLow = s.low; out.intervalHigh = s.high
        out.intervalMethod = "t"
        let lo = expected - tolerance, hi = expected + tolerance
        if !crashed.isEmpty {
            out.verdict = .error; out.message = "\(crashed.count) trial(s) failed"
        } else if s.low >= lo && s.high <= hi {
            out.verdict = .reproduced
            out.message = "\(method) \(rule.metric) \(interval(out)) lies within \(band)"
        } else if s.high < lo || s.low > hi {
            out.verdict = .notReproduced
            out.message = "\(method) \(rule.metric) \(interval(out)) lies outside \(band)"
        } else {
            out.verdict = .inconclusive
            out.message = "\(method) \(rule.metric) \(interval(out)) straddles the band \(band)"
        }
        let n = Double(v.count)
        out.detectable = Power.detectable(standardError: s.std / n.squareRoot(), df: n - 1, alpha: rule.alpha)
        // The nearer band edge is the bound this claim's interval must clear.
        let edge = abs(s.mean - lo) < abs(s.mean - hi) ? lo : hi
        addPower(&out, sd: s.std, bound: edge, from: "the band's edge")
        return out
    }

    /// Seeds needed: for the paper's effect when the claim carries one, else to decide the observed distance
    /// from the bound; an `inconclusive` verdict says how many would decide.
    static func addPower(_ out: inout ClaimOutcome, sd: Double, bound: Double, from reference: String = "the bound") {
        guard let mean = out.mean, let detectable = out.detectable else { return }
        let alpha = out.alpha ?? 0.05
        var text = "; detects \(fmt(detectable)) from \(reference) with 80% power"
        if let effect = out.effect {
            out.seedsNeeded = Power.seedsNeeded(delta: effect - bound, sd: sd, alpha: alpha)
            text += "; the paper's effect \(fmt(effect)) needs " + (out.seedsNeeded.map { "about \($0) seeds" } ?? "more seeds than any run affords")
        } else if out.verdict == .inconclusive {
            out.seedsNeeded = Power.seedsNeeded(delta: mean - bound, sd: sd, alpha: alpha)
        }
        if out.verdict == .inconclusive, let n = out.seedsNeeded {
            text += "; about \(n) seeds would decide"
        }
        out.message += text
    }

    /// A method's error-free values of a metric with their seeds, in seed order.
    static func seeded(_ trials: [TrialResult], method: String, metric: String) -> [(seed: Int, value: Double)] {
        trials.filter { $0.method == method && $0.error == nil }.sorted { $0.seed < $1.seed }
            .compactMap { t in t.metrics[metric].map { (t.seed, $0) } }
    }
}
