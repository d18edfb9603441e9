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
        #expect(charts.count == record.claims.filter { $0.expected != nil }.count)
        #expect(charts.allSatisfy { $0.attribute("class") == "claim-chart" })
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
