import Foundation

extension HTMLReport {
    /// One row per claim: id, kind and statement; expected; obtained; interval; per-seed; verdict; message.
    static func verdictTable(_ r: RunRecord) -> Markup {
        section("verdicts", "Claims and verdicts") {
            if r.claims.isEmpty {
                note("This run checked no claims.")
            } else {
                Markup("table", ["class": "claims"]) {
                    Markup("thead") {
                        Markup("tr") {
                            for h in ["Claim", "Expected", "Obtained (mean ± std)", "95% interval", "Per-seed values",
                                      "Power (80%)", "Verdict", "Message"] {
                                Markup("th", ["scope": "col"], text: h)
                            }
                        }
                    }
                    Markup("tbody", [:], r.claims.map(claimRow))
                }
                Markup("p", ["class": "legend-key"], text: "Absolute claims: expected ± tolerance. Relative and sanity "
                       + "claims: the bound and margin the per-seed values (differences for relative claims) are checked against. "
                       + "Non-inferiority: the method may trail its baseline by at most the margin (it does not claim to beat it). "
                       + "Intervals are paired by seed when both methods ran the same seeds, Welch's otherwise; correlation "
                       + "intervals are bootstrap intervals over encoders and seeds. Power: the smallest distance from the bound "
                       + "this run detects with 80% probability, and the seeds the paper's effect would need.")
            }
        }
    }

    private static func claimRow(_ c: ClaimOutcome) -> Markup {
        Markup("tr", ["class": c.verdict.cssClass, "id": "claim-\(c.id)"]) {
            Markup("td", ["class": "claim"]) {
                Markup("div", ["class": "id mono"], [.text(c.id), Markup("span", ["class": "kind"], text: c.kind.rawValue)])
                Markup("div", ["class": "statement"], text: c.statement)
                Markup("div", ["class": "statement mono"], text: c.metric)
            }
            cell(ReportFormat.expected(c), "num")
            cell(ReportFormat.obtained(c), "num")
            cell(ReportFormat.interval(c), "num")
            cell(c.values.isEmpty ? "none" : c.values.map { ReportFormat.number($0) }.joined(separator: ", "), "num wrap")
            cell(ReportFormat.power(c), "power wrap")
            Markup("td", ["class": "verdict-cell"], [badge(c.verdict)])
            cell(c.message, "message")
        }
    }

    /// A card per claim with an expected value: the SVG strip and its numbers.
    static func claimCharts(_ r: RunRecord) -> Markup {
        let charted = r.claims.compactMap { c in
            var charts = [c.kind == .correlation ? CorrelationChart.chart(c) : SVGChart.claim(c)]
            if c.kind == .interaction { charts.insert(InteractionChart.chart(c), at: 0) }
            let svgs = charts.compactMap { $0 }
            return svgs.isEmpty ? nil : (c, svgs)
        }
        return section("charts", "Expected vs obtained") {
            if charted.isEmpty {
                note("No claim of this run has an expected value to chart.")
            } else {
                Markup("p", ["class": "legend-key"], text: "Shaded: accepted band (expected ± tolerance). Solid line: "
                       + "expected value or bound; dashed: bound + margin. Diamond: mean; bar: 95% interval; circles: "
                       + "per-seed values. Colour: verdict.")
                Markup("div", ["class": "charts"]) {
                    for (c, svg) in charted {
                        Markup("div", ["class": "card"]) {
                            Markup("div", ["class": "head"]) {
                                Markup("h3", ["class": "mono"], text: c.id)
                                badge(c.verdict)
                            }
                            Markup("div", ["class": "caption"],
                                   text: "expected \(ReportFormat.expected(c)) · obtained \(ReportFormat.obtained(c)) · interval \(ReportFormat.interval(c)) · power \(ReportFormat.power(c))")
                            for svg in svg { svg }
                        }
                    }
                }
            }
        }
    }

    /// One loss chart per dataset, lines coloured by method.
    static func curves(_ r: RunRecord) -> Markup {
        let methods = r.methodsInOrder
        let charts = r.datasetsInOrder.compactMap { d in
            CurveChart.chart(trials: r.trials.filter { $0.dataset == d }, curve: "loss", methods: methods,
                             title: "Training loss on \(d)").map { (d, $0) }
        }
        return section("curves", "Training curves") {
            if charts.isEmpty {
                note("No trial recorded a loss curve.")
            } else {
                for (d, svg) in charts {
                    Markup("div", ["class": "card"]) {
                        Markup("h3", text: "Training loss on \(d)")
                        Markup("div", ["class": "caption"], text: "Mean training loss per epoch (short runs: per group of steps), one line per trial (seed); colour by method.")
                        svg
                    }
                }
            }
        }
    }
}
