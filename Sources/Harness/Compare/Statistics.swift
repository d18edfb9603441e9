import Foundation

/// Mean, spread and 95 % intervals over seeds.
public struct Summary: Sendable, Equatable {
    public var count: Int
    public var mean: Double
    /// Sample standard deviation (n − 1); 0 for one value.
    public var std: Double
    /// Two-sided 95 % t-interval of the mean; the point itself when `count == 1`.
    public var low: Double
    public var high: Double

    public init(_ values: [Double]) {
        count = values.count
        precondition(count > 0, "summary of no values")
        mean = values.reduce(0, +) / Double(count)
        let m = mean
        std = count > 1 ? (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(count - 1)).squareRoot() : 0
        let half = count > 1 ? Statistics.t975(df: Double(count - 1)) * std / Double(count).squareRoot() : 0
        low = mean - half
        high = mean + half
    }
}

public enum Statistics {
    /// The 97.5 % quantile of Student's t with `df` degrees of freedom (two-sided 95 %).
    ///
    /// Exact table values for small integer df (where seeds live), then the Cornish–Fisher expansion,
    /// which is within 1e-3 of the exact quantile from df = 30 on.
    public static func t975(df: Double) -> Double {
        let table: [Double] = [12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
                               2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
                               2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423]
        precondition(df > 0)
        if df < 30 {
            // Welch's df is fractional: interpolate between the neighbouring table rows.
            let lo = max(1, Int(df.rounded(.down))), hi = min(30, lo + 1)
            let f = df - Double(lo)
            return table[lo - 1] * (1 - f) + table[hi - 1] * f
        }
        let z = 1.959964
        let g1 = (z * z * z + z) / 4
        let g2 = (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / 96
        let g3 = (3 * pow(z, 7) + 19 * pow(z, 5) + 17 * z * z * z - 15 * z) / 384
        return z + g1 / df + g2 / (df * df) + g3 / (df * df * df)
    }

    /// Welch's interval for `mean(a) − mean(b)`: the difference, its 95 % interval and the df.
    /// Falls back to the point difference when either side has a single value (no variance estimate).
    public static func welch(_ a: [Double], _ b: [Double]) -> (difference: Double, low: Double, high: Double, df: Double) {
        let sa = Summary(a), sb = Summary(b)
        let d = sa.mean - sb.mean
        guard sa.count > 1, sb.count > 1 else { return (d, d, d, 0) }
        let va = sa.std * sa.std / Double(sa.count), vb = sb.std * sb.std / Double(sb.count)
        let se = (va + vb).squareRoot()
        guard se > 0 else { return (d, d, d, Double(sa.count + sb.count - 2)) }
        let df = (va + vb) * (va + vb) / (va * va / Double(sa.count - 1) + vb * vb / Double(sb.count - 1))
        let half = t975(df: df) * se
        return (d, d - half, d + half, df)
    }
}
