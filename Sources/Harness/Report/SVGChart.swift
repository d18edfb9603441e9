import Foundation

/// The inline SVG strip for one claim: the accepted band around the expected value (absolute claims) or the
/// bound and margin lines (relative/sanity), one marker per seed, the mean, and the 95 % interval as a line.
public enum SVGChart {
    public static let width = 560.0
    public static let height = 104.0
    static let left = 16.0, right = 16.0, axisY = 78.0, rowY = 44.0

    /// The chart for `claim`, or nil when it has no expected value (nothing to compare against).
    public static func claim(_ claim: ClaimOutcome) -> Markup? {
        guard let expected = claim.expected, expected.isFinite else { return nil }
        let tol = claim.tolerance.flatMap { $0.isFinite ? abs($0) : nil }
        var span = [expected] + claim.values
        if let t = tol { span += claim.kind == .absolute ? [expected - t, expected + t] : [expected + t] }
        span += [claim.mean, claim.intervalLow, claim.intervalHigh].compactMap { $0 }
        let domain = SVGScale.extent(span, padding: 0.12) ?? (expected - 1)...(expected + 1)
        let x = SVGScale(domain: domain, range: left...(width - right))
        let colour = claim.verdict.colour

        var nodes: [Markup] = []
        // Accepted band (absolute) or bound/margin lines (relative, sanity).
        if claim.kind == .absolute, let t = tol {
            nodes.append(Markup("rect", ["class": "band", "x": svgNumber(x(expected - t)), "y": "14",
                                         "width": svgNumber(max(1, x(expected + t) - x(expected - t))), "height": "56",
                                         "fill": "#1a7f37", "fill-opacity": "0.12"],
                                [Markup("title", text: "accepted band \(ReportFormat.number(expected - t)) to \(ReportFormat.number(expected + t))")]))
        }
        if claim.kind != .absolute, let t = tol {
            // Bound and bound + margin are often a few pixels apart: label them outward so they never overlap.
            let (a, b) = (x(expected), x(expected + t))
            nodes.append(vline(a, label: "bound", dashed: false, anchor: a <= b ? "end" : "start"))
            nodes.append(vline(b, label: "bound + margin", dashed: true, anchor: a <= b ? "start" : "end"))
        } else {
            let label = claim.kind == .absolute ? "expected" : claim.kind == .nonInferiority ? "largest allowed shortfall" : "bound"
            nodes.append(vline(x(expected), label: label, dashed: false))
        }
        // Interval line with caps, then the mean, then one marker per seed.
        if let lo = claim.intervalLow, let hi = claim.intervalHigh, lo.isFinite, hi.isFinite {
            let (a, b) = (x(lo), x(hi))
            nodes.append(Markup("g", ["class": "interval", "stroke": colour, "stroke-width": "2.5"], [
                Markup("title", text: "95% interval \(ReportFormat.interval(claim))"),
                Markup("line", ["x1": svgNumber(a), "y1": svgNumber(rowY), "x2": svgNumber(b), "y2": svgNumber(rowY)]),
                Markup("line", ["x1": svgNumber(a), "y1": svgNumber(rowY - 7), "x2": svgNumber(a), "y2": svgNumber(rowY + 7)]),
                Markup("line", ["x1": svgNumber(b), "y1": svgNumber(rowY - 7), "x2": svgNumber(b), "y2": svgNumber(rowY + 7)]),
            ]))
        }
        if let m = claim.mean, m.isFinite {
            let cx = x(m)
            let d = "M\(svgNumber(cx)) \(svgNumber(rowY - 7))L\(svgNumber(cx + 7)) \(svgNumber(rowY))L\(svgNumber(cx)) \(svgNumber(rowY + 7))L\(svgNumber(cx - 7)) \(svgNumber(rowY))Z"
            nodes.append(Markup("path", ["class": "mean", "d": d, "fill": colour],
                                [Markup("title", text: "mean \(ReportFormat.number(m))")]))
        }
        for (i, v) in claim.values.enumerated() where v.isFinite {
            // Seeds sit just below the interval row, staggered so equal values stay visible.
            let cy = rowY + 15 + Double(i % 3) * 3
            nodes.append(Markup("circle", ["class": "seed", "cx": svgNumber(x(v)), "cy": svgNumber(cy), "r": "3.5",
                                           "fill": "#ffffff", "stroke": colour, "stroke-width": "1.5"],
                                [Markup("title", text: "value \(i + 1): \(ReportFormat.number(v))")]))
        }
        nodes += axis(x)
        return Markup("svg", ["class": "claim-chart", "viewBox": "0 0 \(svgNumber(width)) \(svgNumber(height))",
                              "width": svgNumber(width), "height": svgNumber(height), "role": "img",
                              "aria-label": "\(claim.id): expected \(ReportFormat.expected(claim)), obtained \(ReportFormat.obtained(claim))"],
                      nodes)
    }

    private static func vline(_ px: Double, label: String, dashed: Bool, anchor: String? = nil) -> Markup {
        var attrs: [(String, String)] = [("x1", svgNumber(px)), ("y1", "10"), ("x2", svgNumber(px)), ("y2", "72"),
                                         ("stroke", "#1f2328"), ("stroke-width", "1.5")]
        if dashed { attrs.append(("stroke-dasharray", "4 3")) }
        let line = Markup("line", attributes: attrs)
        let anchor = anchor ?? (px > width - 90 ? "end" : (px < 90 ? "start" : "middle"))
        let tx = anchor == "end" ? px - 3 : (anchor == "start" ? px + 3 : px)
        return Markup("g", ["class": "reference"], [
            line,
            Markup("text", ["x": svgNumber(tx), "y": "9", "text-anchor": anchor, "font-size": "10", "fill": "#57606a"], text: label),
        ])
    }

    /// A bottom axis with round ticks.
    static func axis(_ x: SVGScale) -> [Markup] {
        var nodes = [Markup("line", ["x1": svgNumber(left), "y1": svgNumber(axisY), "x2": svgNumber(width - right),
                                     "y2": svgNumber(axisY), "stroke": "#8c959f", "stroke-width": "1"])]
        for t in x.ticks(6) {
            let px = x(t)
            nodes.append(Markup("line", ["x1": svgNumber(px), "y1": svgNumber(axisY), "x2": svgNumber(px),
                                         "y2": svgNumber(axisY + 4), "stroke": "#8c959f"]))
            nodes.append(Markup("text", ["x": svgNumber(px), "y": svgNumber(axisY + 16), "text-anchor": "middle",
                                         "font-size": "10", "fill": "#57606a"], text: ReportFormat.number(t)))
        }
        return nodes
    }
}
