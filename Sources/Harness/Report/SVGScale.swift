import Foundation

/// A linear map from data values to SVG coordinates, with "nice" tick values for its axis.
public struct SVGScale: Sendable, Equatable {
    public var domain: ClosedRange<Double>
    public var range: ClosedRange<Double>
    /// When true the range is flipped (SVG y grows downward, values upward).
    public var inverted: Bool

    /// A scale over `domain`; a degenerate domain (one value) is widened so the map stays finite.
    public init(domain: ClosedRange<Double>, range: ClosedRange<Double>, inverted: Bool = false) {
        var d = domain
        if !(d.upperBound > d.lowerBound) {
            let pad = max(abs(d.lowerBound) * 0.05, 1e-6)
            d = (d.lowerBound - pad)...(d.upperBound + pad)
        }
        self.domain = d; self.range = range; self.inverted = inverted
    }

    /// The coordinate of `x` (values outside the domain extrapolate).
    public func callAsFunction(_ x: Double) -> Double {
        let t = (x - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        let u = inverted ? 1 - t : t
        return range.lowerBound + u * (range.upperBound - range.lowerBound)
    }

    /// About `count` round tick values (1, 2 or 5 times a power of ten) inside the domain.
    public func ticks(_ count: Int = 5) -> [Double] {
        let step = SVGScale.niceStep((domain.upperBound - domain.lowerBound) / Double(max(count, 1)))
        guard step > 0, step.isFinite else { return [] }
        let first = (domain.lowerBound / step).rounded(.up)
        let last = (domain.upperBound / step).rounded(.down)
        guard first <= last, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { ($0 * step * 1e12).rounded() / 1e12 }
    }

    /// The smallest of 1, 2, 5 (times 10^k) not below `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 0 }
        let p = pow(10, floor(log10(raw)))
        for m in [1.0, 2.0, 5.0, 10.0] where m * p >= raw * (1 - 1e-9) { return m * p }
        return 10 * p
    }

    /// The range of finite `values` widened by `padding` (a fraction of the span) on each side;
    /// nil when there is no finite value.
    public static func extent(_ values: [Double], padding: Double = 0.08) -> ClosedRange<Double>? {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return nil }
        let span = hi - lo
        let pad = span > 0 ? span * padding : max(abs(lo) * 0.05, 0.5)
        return (lo - pad)...(hi + pad)
    }
}

/// Coordinates in SVG attributes: two decimals, no exponent, "-0" avoided.
func svgNumber(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let s = String(format: "%.2f", x)
    let trimmed = s.contains(".") ? String(s.reversed().drop { $0 == "0" }.reversed()).trimmingCharacters(in: CharacterSet(charactersIn: ".")) : s
    return trimmed == "-0" || trimmed.isEmpty ? "0" : trimmed
}
