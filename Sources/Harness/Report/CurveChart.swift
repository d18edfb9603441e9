import Foundation

/// Inline SVG training curves: one polyline per trial's `curves[name]`, one colour per method. The x value of
/// point i is `curves[name + ".step"][i]` (the training step it ends at) when the trial recorded it, else i + 1
/// (an epoch).
/// axes with tick labels and a legend. Non-finite points (a diverged loss) break the line; a trial that ended
/// in an error is drawn dashed and its last finite point gets a cross.
public enum CurveChart {
    public static let width = 760.0
    public static let height = 300.0
    static let left = 60.0, right = 170.0, top = 16.0, bottom = 42.0

    /// A colour-blind-friendly palette; methods take colours in first-appearance order.
    public static let palette = ["#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951",
                                 "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0"]

    /// The colour of `method` given the run's method order.
    public static func colour(of method: String, in methods: [String]) -> String {
        palette[(methods.firstIndex(of: method) ?? 0) % palette.count]
    }

    /// The chart of `curve` for `trials`, or nil when none of them recorded a finite point of it.
    public static func chart(trials: [TrialResult], curve name: String = "loss", methods: [String],
                             title: String) -> Markup? {
        let series = trials.compactMap { t in t.curves[name].map { (t, $0) } }.filter { !$0.1.isEmpty }
        let allValues = series.flatMap(\.1)
        guard let yDomain = SVGScale.extent(allValues, padding: 0.06) else { return nil }
        let bySteps = series.contains { $0.0.curves[name + ".step"] != nil }
        let epochs = Int(series.map { xs(of: $0.0, name, count: $0.1.count).last ?? 1 }.max() ?? 1)
        let x = SVGScale(domain: 1...Double(max(epochs, 2)), range: left...(width - right))
        let y = SVGScale(domain: yDomain, range: top...(height - bottom), inverted: true)

        var nodes: [Markup] = [Markup("title", text: title)]
        nodes += grid(x: x, y: y, epochs: epochs)
        for (trial, values) in series {
            nodes += lines(trial: trial, values: values, xs: xs(of: trial, name, count: values.count), x: x, y: y,
                           colour: colour(of: trial.method, in: methods))
        }
        nodes += legend(shown: methods.filter { m in series.contains { $0.0.method == m } }, methods: methods,
                        anyError: series.contains { $0.0.error != nil })
        nodes.append(Markup("text", ["x": svgNumber((left + width - right) / 2), "y": svgNumber(height - 6),
                                     "text-anchor": "middle", "font-size": "12", "fill": "#57606a"],
                            text: bySteps ? "step" : "epoch"))
        nodes.append(Markup("text", ["x": "14", "y": svgNumber((top + height - bottom) / 2), "text-anchor": "middle",
                                     "font-size": "12", "fill": "#57606a",
                                     "transform": "rotate(-90 14 \(svgNumber((top + height - bottom) / 2)))"], text: name))
        return Markup("svg", ["class": "curve-chart", "viewBox": "0 0 \(svgNumber(width)) \(svgNumber(height))",
                              "width": svgNumber(width), "height": svgNumber(height), "role": "img",
                              "aria-label": title], nodes)
    }

    /// Horizontal grid lines with y tick labels, x ticks at round epochs, and the two axis lines.
    static func grid(x: SVGScale, y: SVGScale, epochs: Int) -> [Markup] {
        var nodes: [Markup] = []
        for t in y.ticks(5) {
            let py = svgNumber(y(t))
            nodes.append(Markup("line", ["x1": svgNumber(left), "y1": py, "x2": svgNumber(width - right), "y2": py,
                                         "stroke": "#eaeef2", "stroke-width": "1"]))
            nodes.append(Markup("text", ["x": svgNumber(left - 6), "y": py, "dy": "0.32em", "text-anchor": "end",
                                         "font-size": "11", "fill": "#57606a"], text: ReportFormat.number(t)))
        }
        for t in x.ticks(min(10, max(epochs - 1, 1))) where t == t.rounded() {
            let px = svgNumber(x(t))
            nodes.append(Markup("line", ["x1": px, "y1": svgNumber(height - bottom), "x2": px,
                                         "y2": svgNumber(height - bottom + 4), "stroke": "#8c959f"]))
            nodes.append(Markup("text", ["x": px, "y": svgNumber(height - bottom + 17), "text-anchor": "middle",
                                         "font-size": "11", "fill": "#57606a"], text: String(Int(t))))
        }
        nodes.append(Markup("line", ["x1": svgNumber(left), "y1": svgNumber(height - bottom), "x2": svgNumber(width - right),
                                     "y2": svgNumber(height - bottom), "stroke": "#8c959f"]))
        nodes.append(Markup("line", ["x1": svgNumber(left), "y1": svgNumber(top), "x2": svgNumber(left),
                                     "y2": svgNumber(height - bottom), "stroke": "#8c959f"]))
        return nodes
    }

    /// The x value of each point: the recorded end steps, else 1, 2, 3, … (epochs).
    static func xs(of trial: TrialResult, _ name: String, count: Int) -> [Double] {
        if let steps = trial.curves[name + ".step"], steps.count == count { return steps }
        return (0..<count).map { Double($0 + 1) }
    }

    /// One polyline per run of finite points; a cross where an errored trial's curve ends.
    static func lines(trial: TrialResult, values: [Double], xs: [Double], x: SVGScale, y: SVGScale,
                      colour: String) -> [Markup] {
        var segments: [[(Double, Double)]] = [[]]
        for (i, v) in values.enumerated() {
            if v.isFinite { segments[segments.count - 1].append((x(xs[i]), y(v))) }
            else if !segments[segments.count - 1].isEmpty { segments.append([]) }
        }
        let label = "\(trial.method), \(trial.dataset), seed \(trial.seed)" + (trial.error.map { " (error: \($0))" } ?? "")
        var group: [Markup] = [Markup("title", text: label)]
        for seg in segments where !seg.isEmpty {
            let points = seg.map { "\(svgNumber($0.0)),\(svgNumber($0.1))" }.joined(separator: " ")
            if seg.count == 1 {
                group.append(Markup("circle", ["cx": svgNumber(seg[0].0), "cy": svgNumber(seg[0].1), "r": "2", "fill": colour]))
            } else {
                group.append(Markup("polyline", attributes: [("points", points), ("fill", "none"), ("stroke", colour),
                                                             ("stroke-width", "1.6"), ("stroke-linejoin", "round")]
                                    + (trial.error != nil ? [("stroke-dasharray", "5 3")] : [])))
            }
        }
        if trial.error != nil, let last = segments.last(where: { !$0.isEmpty })?.last {
            let (cx, cy) = last
            let d = "M\(svgNumber(cx - 5)) \(svgNumber(cy - 5))L\(svgNumber(cx + 5)) \(svgNumber(cy + 5))M\(svgNumber(cx - 5)) \(svgNumber(cy + 5))L\(svgNumber(cx + 5)) \(svgNumber(cy - 5))"
            group.append(Markup("path", ["d": d, "stroke": colour, "stroke-width": "2"]))
        }
        return [Markup("g", ["class": "trial"], group)]
    }

    /// Method swatches to the right of the plot, plus a key for the dashed "error" style when used.
    static func legend(shown: [String], methods: [String], anyError: Bool) -> [Markup] {
        var nodes: [Markup] = []
        let x0 = width - right + 16
        for (i, m) in shown.enumerated() {
            let yy = top + 10 + Double(i) * 20
            nodes.append(Markup("line", ["x1": svgNumber(x0), "y1": svgNumber(yy), "x2": svgNumber(x0 + 20), "y2": svgNumber(yy),
                                         "stroke": colour(of: m, in: methods), "stroke-width": "3"]))
            // The legend column is ~140 px wide: long names are cut, the full name stays in the tooltip.
            let short = m.count > 20 ? String(m.prefix(19)) + "…" : m
            nodes.append(Markup("text", ["x": svgNumber(x0 + 26), "y": svgNumber(yy), "dy": "0.32em", "font-size": "12",
                                         "fill": "#1f2328"], [.text(short), Markup("title", text: m)]))
        }
        if anyError {
            let yy = top + 10 + Double(shown.count) * 20 + 6
            nodes.append(Markup("line", ["x1": svgNumber(x0), "y1": svgNumber(yy), "x2": svgNumber(x0 + 20), "y2": svgNumber(yy),
                                         "stroke": "#57606a", "stroke-width": "1.6", "stroke-dasharray": "5 3"]))
            nodes.append(Markup("text", ["x": svgNumber(x0 + 26), "y": svgNumber(yy), "dy": "0.32em", "font-size": "12",
                                         "fill": "#57606a"], text: "trial error"))
        }
        return [Markup("g", ["class": "legend"], nodes)]
    }
}
