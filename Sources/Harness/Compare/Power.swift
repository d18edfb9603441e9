import Foundation

/// What a comparison over seeds could have detected (DESIGN.md, "power").
///
/// The test behind a verdict is a t test of the difference against its bound at two-sided level α (the
/// interval's). With `n` seeds and a standard error `se`, a true distance `δ` from the bound is detected
/// (the interval excludes the bound) with probability about 80 % when
/// `δ ≥ (t_{1−α/2, df} + t_{0.8, df}) · se` — the usual normal-theory sample-size formula with t quantiles
/// in place of z, which is exact to within a few percent of power from 3 seeds on.
public enum Power {
    /// The power the detectable difference is stated at.
    public static let target = 0.8

    /// The smallest distance from the bound detected with 80 % power, for a standard error `se` and `df`.
    public static func detectable(standardError se: Double, df: Double, alpha: Double) -> Double {
        (StudentT.quantile(1 - alpha / 2, df: df) + StudentT.quantile(target, df: df)) * se
    }

    /// Seeds (per method) needed to detect a distance `delta` from the bound with 80 % power when the per-seed
    /// values (or paired differences) have standard deviation `sd`: the smallest `n ≥ 2` with
    /// `detectable(sd/√n, n − 1) ≤ |delta|`; for Welch's interval pass `sd = √(s_a² + s_b²)` (equal seeds
    /// per method). Nil when no n up to `limit` suffices, or `delta` is 0.
    public static func seedsNeeded(delta: Double, sd: Double, alpha: Double, limit: Int = 100_000) -> Int? {
        let delta = abs(delta)
        guard delta > 0, sd.isFinite, delta.isFinite else { return nil }
        if sd == 0 { return 2 }
        func enough(_ n: Int) -> Bool {
            detectable(standardError: sd / Double(n).squareRoot(), df: Double(n - 1), alpha: alpha) <= delta
        }
        // detectable(n) falls monotonically with n: double to bracket, then bisect.
        var hi = 2
        while !enough(hi) { if hi >= limit { return nil }; hi = min(limit, hi * 2) }
        var lo = max(2, hi / 2)
        if enough(lo) { return lo }
        while hi - lo > 1 { let mid = (lo + hi) / 2; if enough(mid) { hi = mid } else { lo = mid } }
        return hi
    }
}
