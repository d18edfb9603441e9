import Foundation
import Testing
@testable import Harness

@Suite struct HTMLReportClaimsTests {
    @Test func verdictTableHasOneRowPerClaimWithItsNumbersAndBadge() throws {
        let record = ReportFixtures.everyVerdict()
        let (_, root) = try renderedPage(record)
        let rows = try section(root, "verdicts").elements(named: "tbody").first?.elements(named: "tr") ?? []
        #expect(rows.count == record.claims.count)
        for (row, claim) in zip(rows, record.claims) {
            let cells = row.children.filter { $0.name == "td" }
            #expect(cells.count == 8)
            #expect(cells[0].textContent.contains(claim.id))
            #expect(cells[1].textContent == ReportFormat.expected(claim))
            #expect(cells[2].textContent == ReportFormat.obtained(claim))
            #expect(cells[3].textContent == ReportFormat.interval(claim))
            #expect(cells[5].textContent == ReportFormat.power(claim))
            let badge = try #require(cells[6].elements(named: "span").first)
            #expect(badge.attribute("class") == "badge \(claim.verdict.cssClass)")
            #expect(badge.textContent == claim.verdict.label)
            #expect(cells[7].textContent == claim.message)
        }
        #expect(rows[1].textContent.contains("81.8, 82.1, 82.4"))
    }

    @Test func oneChartCardPerClaimWithAnExpectedValue() throws {
        let record = ReportFixtures.everyVerdict()
        let (_, root) = try renderedPage(record)
        let charts = try section(root, "charts").elements(named: "svg")
        #expect(charts.count == record.claims.filter { $0.expected != nil }.count + record.claims.filter { $0.kind == .interaction }.count)
        #expect(charts.allSatisfy { $0.attribute("class") == "claim-chart" })
    }

    @Test func correlationAndInteractionClaimsGetTheirOwnCharts() throws {
        var record = ReportFixtures.everyVerdict()
        var corr = ClaimOutcome(id: "agree", kind: .correlation, statement: "s", metric: "geometry.alignment", expected: -0.5,
                                values: [0.9, 0.7, 0.8, 0.5], mean: -0.8, intervalLow: -1, intervalHigh: -0.6,
                                verdict: .reproduced, message: "m")
        corr.valuesAgainst = [0.70, 0.74, 0.72, 0.78]; corr.metricAgainst = "linear-encoder.top1 <b>"
        corr.intervalMethod = "bootstrap"; corr.detectable = 0.3
        var inter = ClaimOutcome(id: "robust", kind: .interaction, statement: "s", metric: "retrieval.top1", expected: 0,
                                 values: [0.01, 0.02, 0.03], mean: 0.02, intervalLow: -0.005, intervalHigh: 0.045,
                                 verdict: .inconclusive, message: "m")
        inter.cellMeans = [0.80, 0.75, 0.82, 0.74]; inter.cellLabels = ["cacr", "cacr@imbalanced", "cl", "cl@imbalanced"]
        inter.detectable = 0.06; inter.seedsNeeded = 9
        record.claims += [corr, inter]
        let (html, root) = try renderedPage(record)
        let charts = try section(root, "charts").elements(named: "svg")
        #expect(charts.filter { $0.attribute("class") == "claim-chart correlation" }.count == 1)
        #expect(charts.filter { $0.attribute("class") == "claim-chart interaction" }.count == 1)
        #expect(html.contains("linear-encoder.top1 &lt;b&gt;") && !html.contains("linear-encoder.top1 <b>"))
        #expect(html.contains("&asymp;9 seeds would decide"))   // the HTML writer escapes non-ASCII as entities
        #expect(ReportFormat.expected(corr) == "ρ ≤ -0.5")
    }

    @Test func oneCurveChartPerDatasetWithCurves() throws {
        var record = ReportFixtures.everyVerdict()
        record.trials += [TrialResult(paper: "align-uniform", method: "contrastive", dataset: "fashion-mnist", seed: 0,
                                      scale: "reduced", configHash: "ff", curves: ["loss": [2, 1.5, 1.2]])]
        let (_, root) = try renderedPage(record)
        let charts = try section(root, "curves").elements(named: "svg")
        #expect(charts.map { $0.attribute("aria-label") } == ["Training loss on stl10", "Training loss on fashion-mnist"])
    }
}
