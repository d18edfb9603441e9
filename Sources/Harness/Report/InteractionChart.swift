import Foundation

/// The chart of an interaction claim: the classic interaction plot, one line per method from its mean under
/// the first condition to its mean under the second. Lines of equal slope mean no interaction; the claim is
/// about the difference of the slopes.
public enum InteractionChart {
    public static let width = 280.0
    public static let height = 200.0
    static let left = 48.0, right = 96.0, top = 14.0, bottom = 30.0

    /// Nil unless the claim carries its four cell means.
    public static func chart(_ claim: ClaimOutcome) -> Markup? {
        guard let m = claim.cellMeans, let labels = claim.cellLabels, m.count == 4, labels.count == 4,
              m.allSatisfy(\.isFinite), let dy = SVGScale.extent(m, padding: 0.15) else { return nil }
        let y = SVGScale(domain: dy, range: top...(height - bottom), inverted: true)
        let x0 = left + 10, x1 = width - right - 10
        let colour = claim.verdict.colour
        let from = labels[0].split(separator: "@").dropFirst().first.map(String.init) ?? "first condition"
        let to = labels[1].split(separator: "@").dropFirst().first.map(String.init) ?? "first condition"
        var nodes: [Markup] = [
            Markup("line", ["x1": svgNumber(left), "y1": svgNumber(height - bottom), "x2": svgNumber(width - right),
                            "y2": svgNumber(height - bottom), "stroke": "#8c959f"]),
        ]
        for (i, (a, b)) in [(0, 1), (2, 3)].enumerated() {
            let name = labels[a].split(separator: "@").first.map(String.init) ?? labels[a]
            let stroke = i == 0 ? colour : "#57606a"
            nodes.append(Markup("g", ["class": i == 0 ? "method" : "baseline"], [
                Markup("title", text: "\(name): \(ReportFormat.number(m[a])) → \(ReportFormat.number(m[b]))"),
                Markup("line", attributes: [("x1", svgNumber(x0)), ("y1", svgNumber(y(m[a]))), ("x2", svgNumber(x1)),
                                            ("y2", svgNumber(y(m[b]))), ("stroke", stroke), ("stroke-width", "2.5")]
                       + (i == 1 ? [("stroke-dasharray", "5 3")] : [])),
                Markup("circle", ["cx": svgNumber(x0), "cy": svgNumber(y(m[a])), "r": "3.5", "fill": stroke]),
                Markup("circle", ["cx": svgNumber(x1), "cy": svgNumber(y(m[b])), "r": "3.5", "fill": stroke]),
                Markup("text", ["x": svgNumber(x1 + 6), "y": svgNumber(y(m[b]) + 4), "font-size": "11", "fill": "#1f2328"], text: name),
            ]))
        }
        for (px, label) in [(x0, from), (x1, to)] {
            nodes.append(Markup("text", ["x": svgNumber(px), "y": svgNumber(height - bottom + 16), "text-anchor": "middle",
                                         "font-size": "11", "fill": "#1f2328"], text: label))
        }
        for t in y.ticks(4) {
            nodes.append(Markup("text", ["x": svgNumber(left - 4), "y": svgNumber(y(t) + 3), "text-anchor": "end",
                                         "font-size": "10", "fill": "#57606a"], text: ReportFormat.number(t)))
        }
        return Markup("svg", ["class": "claim-chart interaction", "viewBox": "0 0 \(svgNumber(width)) \(svgNumber(height))",
                              "width": svgNumber(width), "height": svgNumber(height), "role": "img",
                              "aria-label": "\(claim.id): \(claim.metric) by condition, one line per method"],
                      nodes)
    }
}
