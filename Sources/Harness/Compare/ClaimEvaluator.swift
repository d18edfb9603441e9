/// Turns trial results into a verdict per claim (README, "What it does").
///
/// Intervals decide: a bound inside the interval is `inconclusive`; the interval entirely on the right side
/// is `reproduced`, on the wrong side `not reproduced`. A comparison (relative, non-inferiority, absolute)
/// needs two values at least: with one seed it is `inconclusive` ("one seed: no interval"); sanity checks keep
/// their per-trial rule. Every comparison reports its power (`ClaimEvaluator+Comparison`).
public enum ClaimEvaluator {
    public static func evaluate(_ rule: ClaimRule, trials: [TrialResult]) -> ClaimOutcome {
        var out = ClaimOutcome(id: rule.id, kind: rule.kind, statement: rule.statement, metric: rule.metric,
                               verdict: .notRun, message: "", provenance: rule.provenance)
        if let reason = rule.notRunReason { out.message = reason; return out }
        let crashed = trials.filter { $0.error != nil }
        switch rule.check {
        case .finite:
            guard !trials.isEmpty else { out.message = "no trials ran"; return out }
            if let bad = crashed.first {
                out.verdict = .error
                out.message = "\(crashed.count) of \(trials.count) trials failed; first: \(bad.method) seed \(bad.seed): \(bad.error!)"
            } else {
                out.verdict = .reproduced
                out.message = "all \(trials.count) trials finished with a finite loss"
            }
            return out
        case .decreases:
            let done = trials.filter { $0.error == nil }
            guard !done.isEmpty else { return failed(out, crashed) }
            let drops = done.compactMap { t -> Double? in
                guard let a = t.metrics["loss.first"], let b = t.metrics["loss.last"] else { return nil }
                return b - a
            }
            guard drops.count == done.count else { out.message = "loss.first/loss.last missing"; out.verdict = .error; return out }
            fill(&out, drops)
            let rising = zip(done, drops).filter { $0.1 >= 0 }
            out.verdict = rising.isEmpty && crashed.isEmpty ? .reproduced : (crashed.isEmpty ? .notReproduced : .error)
            out.message = rising.isEmpty
                ? "loss fell in all \(done.count) trials (last − first steps, mean \(fmt(out.mean!)))"
                : "loss did not fall in: " + rising.map { "\($0.0.method) seed \($0.0.seed) (\(fmt($0.1)))" }.joined(separator: ", ")
            return out
        case .aboveRandom(let margin):
            // Per method: a sanity check must hold for every method, and seeds of different methods are not
            // draws from one distribution. The weakest method's interval decides.
            let done = trials.filter { $0.error == nil }
            var perMethod: [(method: String, diffs: [Double])] = []
            for method in orderedMethods(done) {
                let diffs = done.filter { $0.method == method }.sorted { $0.seed < $1.seed }.compactMap { t -> Double? in
                    guard let a = t.metrics[rule.metric], let r = t.metrics[rule.metric + ".random"] else { return nil }
                    return a - r
                }
                if !diffs.isEmpty { perMethod.append((method, diffs)) }
            }
            guard !perMethod.isEmpty else { return crashed.isEmpty ? missing(out, rule.metric, trials) : failed(out, crashed) }
            let summaries = perMethod.map { ($0.method, Summary($0.diffs)) }
            let weakest = summaries.min { $0.1.low < $1.1.low }!
            fill(&out, perMethod.first { $0.method == weakest.0 }!.diffs)
            out.expected = margin
            let all = summaries.map { "\($0.0) \(fmt($0.1.mean)) [\(fmt($0.1.low)), \(fmt($0.1.high))]" }.joined(separator: "; ")
            if !crashed.isEmpty {
                out.verdict = .error; out.message = "\(crashed.count) trial(s) failed; \(all)"
            } else if summaries.allSatisfy({ $0.1.low >= margin }) {
                out.verdict = .reproduced
            } else if summaries.contains(where: { $0.1.high < margin }) {
                out.verdict = .notReproduced
            } else {
                out.verdict = .inconclusive
            }
            if crashed.isEmpty {
                out.message = "trained − random \(rule.metric) per method (mean [95% CI]): \(all); bound \(fmt(margin))"
                    + (out.verdict == .inconclusive ? ": an interval straddles the bound" : "")
            }
            return out
        case let .relative(better, worse, margin):
            return relative(out, rule, trials, better: better, worse: worse, margin: margin, crashed: crashed)
        case let .absolute(method, expected, tolerance):
            return absolute(out, rule, trials, method: method, expected: expected, tolerance: tolerance, crashed: crashed)
        case let .interaction(mf, mt, bf, bt, margin):
            return interaction(out, rule, trials, cells: [mf, mt, bf, bt], margin: margin, crashed: crashed)
        case let .correlation(methods, other, negative, margin):
            return correlation(out, rule, trials, methods: methods, other: other, negative: negative, margin: margin,
                               crashed: crashed)
        }
    }

    /// Method names in first-seen order.
    static func orderedMethods(_ trials: [TrialResult]) -> [String] {
        var seen: [String] = []
        for t in trials where !seen.contains(t.method) { seen.append(t.method) }
        return seen
    }

    static func values(_ trials: [TrialResult], method: String, metric: String) -> [Double] {
        trials.filter { $0.method == method && $0.error == nil }.sorted { $0.seed < $1.seed }.compactMap { $0.metrics[metric] }
    }

    static func fill(_ out: inout ClaimOutcome, _ v: [Double]) {
        let s = Summary(v)
        out.values = v; out.mean = s.mean; out.std = s.std; out.intervalLow = s.low; out.intervalHigh = s.high
    }

    /// The claim holds when the value is at least `bound`.
    static func decide(_ out: inout ClaimOutcome, low: Double, high: Double, bound: Double, what: String,
                       crashed: [TrialResult]) {
        let text = "\(what) = \(interval(out)), bound \(fmt(bound))"
        if !crashed.isEmpty {
            out.verdict = .error; out.message = "\(crashed.count) trial(s) failed; \(text)"
        } else if low >= bound {
            out.verdict = .reproduced; out.message = text
        } else if high < bound {
            out.verdict = .notReproduced; out.message = text
        } else {
            out.verdict = .inconclusive; out.message = "\(text): the interval straddles the bound"
        }
    }

    /// No value for the claim. Without trials nothing was checked (`not run`); trials that ran yet never produced
    /// the metric mean the spec names a measure no evaluator returns: an `error`, never a silent `not run`.
    static func missing(_ out: ClaimOutcome, _ metric: String, _ trials: [TrialResult]) -> ClaimOutcome {
        var o = out
        guard !trials.isEmpty else { o.message = "no trials ran"; return o }
        let produced = Set(trials.flatMap(\.metrics.keys)).sorted()
        o.verdict = .error
        o.message = "\(trials.count) trial(s) ran but none produced \(metric) (produced: \(produced.joined(separator: ", ")))"
        return o
    }

    static func failed(_ out: ClaimOutcome, _ crashed: [TrialResult]) -> ClaimOutcome {
        var o = out
        o.verdict = .error
        o.message = crashed.map { "\($0.method) seed \($0.seed): \($0.error ?? "?")" }.joined(separator: "; ")
        return o
    }

    static func interval(_ o: ClaimOutcome) -> String {
        guard let m = o.mean else { return "–" }
        guard let lo = o.intervalLow, let hi = o.intervalHigh, lo < hi || o.values.count > 1 else { return "\(fmt(m)) (one seed)" }
        return "\(fmt(m)) [\(level(o.alpha)) CI \(fmt(lo)), \(fmt(hi))] over \(o.values.count) seeds"
    }

    /// "95%" for α 0.05; more digits for a sequential look's small share ("99.62%").
    static func level(_ alpha: Double?) -> String {
        let p = 100 * (1 - (alpha ?? 0.05))
        return p == p.rounded() ? "\(Int(p))%" : String(format: "%.2f%%", p)
    }

    static func fmt(_ x: Double) -> String {
        let a = abs(x)
        if a != 0 && (a < 1e-3 || a >= 1e5) { return String(format: "%.3e", x) }
        return String(format: "%.4f", x)
    }
}

import Foundation
