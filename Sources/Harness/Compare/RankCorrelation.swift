import Foundation

/// Spearman's rank correlation and its bootstrap interval over encoders and seeds.
public enum RankCorrelation {
    /// Ranks 1…n, ties sharing their average rank (as SciPy's `rankdata`).
    public static func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var r = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let average = Double(i + j) / 2 + 1
            for k in i...j { r[order[k]] = average }
            i = j + 1
        }
        return r
    }

    /// Spearman's ρ: Pearson's correlation of the ranks. NaN when either side is constant.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "spearman needs paired values")
        let rx = ranks(x), ry = ranks(y)
        let n = Double(x.count), mx = rx.reduce(0, +) / n, my = ry.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in rx.indices {
            sxy += (rx[i] - mx) * (ry[i] - my); sxx += (rx[i] - mx) * (rx[i] - mx); syy += (ry[i] - my) * (ry[i] - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
    }

    /// One encoder's per-seed values of the two metrics.
    public struct Encoder: Sendable {
        public var x: [Double]
        public var y: [Double]
        public init(x: [Double], y: [Double]) { self.x = x; self.y = y }
    }

    /// ρ of the encoders' means and a two-sided `1 − alpha` percentile bootstrap interval: each of `draws`
    /// resamples draws encoders with replacement and, within each, its seeds with replacement (both sources
    /// of variation: which encoders the sweep happened to contain, and seed noise). Resamples whose ranks are
    /// constant (ρ undefined) are skipped. Deterministic: the generator is seeded with `seed`.
    public static func bootstrap(_ encoders: [Encoder], alpha: Double, draws: Int = 4000, seed: UInt64 = 0x5EED)
        -> (rho: Double, low: Double, high: Double) {
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        let rho = spearman(encoders.map { mean($0.x) }, encoders.map { mean($0.y) })
        var rng = SplitMix64(seed: seed)
        var samples: [Double] = []
        samples.reserveCapacity(draws)
        for _ in 0..<draws {
            var xs: [Double] = [], ys: [Double] = []
            for _ in encoders.indices {
                let e = encoders[rng.below(encoders.count)]
                var sx = 0.0, sy = 0.0
                for _ in e.x.indices { let s = rng.below(e.x.count); sx += e.x[s]; sy += e.y[s] }
                xs.append(sx / Double(e.x.count)); ys.append(sy / Double(e.x.count))
            }
            let r = spearman(xs, ys)
            if r.isFinite { samples.append(r) }
        }
        guard samples.count > 1 else { return (rho, rho, rho) }
        samples.sort()
        return (rho, percentile(samples, alpha / 2), percentile(samples, 1 - alpha / 2))
    }

    /// Linear interpolation between order statistics (NumPy's default `percentile`).
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let h = q * Double(sorted.count - 1)
        let i = Int(h.rounded(.down)), f = h - Double(i)
        return i + 1 < sorted.count ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, reproducible generator for resampling.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<n (n small: the modulo bias is below 2⁻⁵⁰).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
}
