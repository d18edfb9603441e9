import Foundation

/// The chart of a correlation claim: one point per encoder (its mean of the two metrics over seeds), so a
/// reader sees the ranking the Spearman ρ and its bootstrap interval summarise.
public enum CorrelationChart {
    public static let width = 280.0
    public static let height = 200.0
    static let left = 44.0, right = 12.0, top = 12.0, bottom = 34.0

    /// Nil when the claim has no paired encoder values.
    public static func chart(_ claim: ClaimOutcome) -> Markup? {
        guard let ys = claim.valuesAgainst, ys.count == claim.values.count, claim.values.count >= 2 else { return nil }
        let points = zip(claim.values, ys).filter { $0.0.isFinite && $0.1.isFinite }
        guard let dx = SVGScale.extent(points.map(\.0), padding: 0.1), let dy = SVGScale.extent(points.map(\.1), padding: 0.1) else { return nil }
        let x = SVGScale(domain: dx, range: left...(width - right))
        let y = SVGScale(domain: dy, range: top...(height - bottom), inverted: true)
        let colour = claim.verdict.colour
        var nodes: [Markup] = [
            Markup("rect", ["x": svgNumber(left), "y": svgNumber(top), "width": svgNumber(width - left - right),
                            "height": svgNumber(height - top - bottom), "fill": "none", "stroke": "#d0d7de"]),
        ]
        for (i, (a, b)) in points.enumerated() {
            nodes.append(Markup("circle", ["class": "encoder", "cx": svgNumber(x(a)), "cy": svgNumber(y(b)), "r": "4",
                                           "fill": colour, "fill-opacity": "0.75"],
                                [Markup("title", text: "encoder \(i + 1): \(ReportFormat.number(a)), \(ReportFormat.number(b))")]))
        }
        for t in x.ticks(4) {
            nodes.append(Markup("text", ["x": svgNumber(x(t)), "y": svgNumber(height - bottom + 14), "text-anchor": "middle",
                                         "font-size": "10", "fill": "#57606a"], text: ReportFormat.number(t)))
        }
        for t in y.ticks(4) {
            nodes.append(Markup("text", ["x": svgNumber(left - 4), "y": svgNumber(y(t) + 3), "text-anchor": "end",
                                         "font-size": "10", "fill": "#57606a"], text: ReportFormat.number(t)))
        }
        nodes.append(Markup("text", ["x": svgNumber((left + width - right) / 2), "y": svgNumber(height - 4), "text-anchor": "middle",
                                     "font-size": "11", "fill": "#1f2328"], text: claim.metric))
        let against = claim.metricAgainst ?? "second metric"
        nodes.append(Markup("text", ["x": "10", "y": svgNumber(top + 4), "font-size": "11", "fill": "#1f2328",
                                     "transform": "rotate(-90 10 \(svgNumber(top + 4)))", "text-anchor": "end"], text: against))
        return Markup("svg", ["class": "claim-chart correlation", "viewBox": "0 0 \(svgNumber(width)) \(svgNumber(height))",
                              "width": svgNumber(width), "height": svgNumber(height), "role": "img",
                              "aria-label": "\(claim.id): \(points.count) encoders, Spearman ρ \(ReportFormat.number(claim.mean))"],
                      nodes)
    }
}
