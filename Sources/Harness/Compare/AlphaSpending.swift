import Foundation

/// The sequential procedure of `--seeds auto[:MAX]` (docs/spec.md, "Seeds until decided").
///
/// Seeds are added in rounds and the claims are looked at after each round. Looking repeatedly at a fixed α
/// would inflate the error rate, so each look `k` gets its own share `α_k` of the claim's α, from the
/// Lan–DeMets O'Brien–Fleming-type spending function `α(τ) = 2 − 2Φ(z_{1−α/2} / √τ)` at information fraction
/// `τ = n_k / MAX` (seeds so far over the most the run may use): `α_k = α(τ_k) − α(τ_{k−1})`. The interval of
/// look `k` is the two-sided `1 − α_k` interval. The shares add up to α at the last look, so by the union
/// bound the chance that *any* look wrongly excludes the bound is at most α, whatever the correlation
/// between looks (conservative: the exact group-sequential boundaries would spend it more tightly).
/// Early looks get little α, so a run only stops early when the evidence is strong.
public enum AlphaSpending {
    /// The cumulative α spent by information fraction `tau` (0 < tau ≤ 1).
    public static func spent(_ tau: Double, alpha: Double) -> Double {
        guard tau > 0 else { return 0 }
        let z = Normal.quantile(1 - alpha / 2)
        return min(alpha, 2 - 2 * Normal.cdf(z / min(1, tau).squareRoot()))
    }

    /// The share of α of each look at the given cumulative seed counts (increasing, the last ≤ `maxSeeds`).
    public static func levels(looks: [Int], maxSeeds: Int, alpha: Double) -> [Double] {
        var before = 0.0
        return looks.map { n in
            let now = spent(Double(n) / Double(maxSeeds), alpha: alpha)
            defer { before = now }
            return now - before
        }
    }

    /// The cumulative seed counts of the looks: `start`, then `start` more each round, ending at `maxSeeds`.
    public static func looks(start: Int, maxSeeds: Int) -> [Int] {
        let start = max(2, min(start, maxSeeds))
        var out: [Int] = []
        var n = start
        while n < maxSeeds { out.append(n); n += start }
        out.append(maxSeeds)
        return out
    }
}
