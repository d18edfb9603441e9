import Foundation

/// Mean, spread and a two-sided t-interval over seeds.
public struct Summary: Sendable, Equatable {
    public var count: Int
    public var mean: Double
    /// Sample standard deviation (n − 1); 0 for one value.
    public var std: Double
    /// Two-sided `1 − alpha` t-interval of the mean; the point itself when `count == 1` (no interval).
    public var low: Double
    public var high: Double

    public init(_ values: [Double], alpha: Double = 0.05) {
        count = values.count
        precondition(count > 0, "summary of no values")
        mean = values.reduce(0, +) / Double(count)
        let m = mean
        std = count > 1 ? (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(count - 1)).squareRoot() : 0
        let half = count > 1 ? StudentT.quantile(1 - alpha / 2, df: Double(count - 1)) * std / Double(count).squareRoot() : 0
        low = mean - half
        high = mean + half
    }
}

/// An interval for a difference of two methods' means.
public struct DifferenceInterval: Sendable, Equatable {
    /// How it was computed: `paired` (t interval of per-seed differences) or `welch` (unpaired).
    public enum Method: String, Codable, Sendable { case paired, welch }
    public var method: Method
    public var difference: Double
    public var low: Double
    public var high: Double
    public var df: Double
    /// Standard error of the difference (0 when there is no spread estimate).
    public var standardError: Double
}

public enum Statistics {
    /// The 97.5 % quantile of Student's t with `df` degrees of freedom (two-sided 95 %), exact for any real df.
    public static func t975(df: Double) -> Double { StudentT.quantile(0.975, df: df) }

    /// Welch's interval for `mean(a) − mean(b)` at two-sided level `1 − alpha`.
    /// Falls back to the point difference when either side has a single value (no variance estimate).
    public static func welch(_ a: [Double], _ b: [Double], alpha: Double = 0.05) -> DifferenceInterval {
        let sa = Summary(a), sb = Summary(b)
        let d = sa.mean - sb.mean
        guard sa.count > 1, sb.count > 1 else { return .init(method: .welch, difference: d, low: d, high: d, df: 0, standardError: 0) }
        let va = sa.std * sa.std / Double(sa.count), vb = sb.std * sb.std / Double(sb.count)
        let se = (va + vb).squareRoot()
        guard se > 0 else { return .init(method: .welch, difference: d, low: d, high: d, df: Double(sa.count + sb.count - 2), standardError: 0) }
        let df = (va + vb) * (va + vb) / (va * va / Double(sa.count - 1) + vb * vb / Double(sb.count - 1))
        let half = StudentT.quantile(1 - alpha / 2, df: df) * se
        return .init(method: .welch, difference: d, low: d - half, high: d + half, df: df, standardError: se)
    }

    /// The paired interval: the one-sample t interval of the per-seed differences `a[i] − b[i]`.
    /// The methods of a run share seeds (initialisation, data order, augmentation draws), so seed-to-seed
    /// variation common to both cancels in the differences.
    public static func paired(_ a: [Double], _ b: [Double], alpha: Double = 0.05) -> DifferenceInterval {
        precondition(a.count == b.count && !a.isEmpty, "paired interval needs equal, non-empty samples")
        let s = Summary(zip(a, b).map { $0 - $1 }, alpha: alpha)
        let n = Double(s.count)
        return .init(method: .paired, difference: s.mean, low: s.low, high: s.high, df: n - 1,
                     standardError: s.count > 1 ? s.std / n.squareRoot() : 0)
    }
}
