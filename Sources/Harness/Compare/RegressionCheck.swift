/// Marks claims whose value fell beyond tolerance against recent nightly runs as `regressed` (README,
/// "History and reuse": exit code 1).
///
/// Each claim's *score* is oriented so that higher is better: the mean itself for claims with a lower bound
/// (relative, above-random), minus the mean for `decreases` (last − first loss), minus the distance to the
/// expected value for absolute claims. The baseline is the mean score of the same claim over the given
/// earlier runs. The tolerance is the claim's own for absolute claims, else the half-width of this run's
/// 95 % interval over seeds; a claim with no spread to judge by (one seed) is left alone.
public enum RegressionCheck {
    /// Higher is better; nil when the claim has no value (`finite`, `not run`, errors).
    public static func score(_ c: ClaimOutcome) -> Double? {
        guard let m = c.mean, m.isFinite else { return nil }
        if c.kind == .absolute { return c.expected.map { -abs(m - $0) } }
        // A negative correlation claim holds when ρ is low enough: lower is better there.
        if c.kind == .correlation, let e = c.expected, e < 0 { return -m }
        return c.expected != nil ? m : -m
    }

    /// The allowed fall of the score; nil or 0 when there is nothing to judge by.
    public static func tolerance(_ c: ClaimOutcome) -> Double? {
        if c.kind == .absolute, let t = c.tolerance, t > 0 { return t }
        guard c.values.count > 1, let lo = c.intervalLow, let hi = c.intervalHigh, hi > lo else { return nil }
        return (hi - lo) / 2
    }

    /// `claims` with `reproduced` and `inconclusive` verdicts turned into `regressed` where the score fell
    /// more than the tolerance below the baseline of `earlier` runs (each a run's claim list).
    public static func apply(_ claims: [ClaimOutcome], earlier: [[ClaimOutcome]]) -> [ClaimOutcome] {
        claims.map { c in
            guard c.verdict == .reproduced || c.verdict == .inconclusive,
                  let s = score(c), let tol = tolerance(c) else { return c }
            let before = earlier.compactMap { run in run.first { $0.id == c.id }.flatMap(score) }
            guard !before.isEmpty else { return c }
            let baseline = before.reduce(0, +) / Double(before.count)
            guard s < baseline - tol else { return c }
            var out = c
            out.verdict = .regressed
            out.message = "score \(ClaimEvaluator.fmt(s)) fell below the mean \(ClaimEvaluator.fmt(baseline)) of the last "
                + "\(before.count) nightly run\(before.count == 1 ? "" : "s") by more than the tolerance \(ClaimEvaluator.fmt(tol)); "
                + "was \(c.verdict.rawValue): \(c.message)"
            return out
        }
    }
}
