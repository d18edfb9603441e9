import Foundation
import Testing
@testable import Harness

@Suite struct HTMLReportHeaderTests {
    @Test func headerShowsTheRunFactsAndVerdictCounts() throws {
        let record = ReportFixtures.everyVerdict()
        let (_, root) = try renderedPage(record)
        let header = try #require(root.elements(named: "header").first)
        let text = header.textContent
        for piece in [record.title, "ICML 2020", "arXiv:2005.10242", "reduced", record.runId, "2024-05-01 12:00 UTC", "4 h 35 min"] {
            #expect(text.contains(piece), "header lacks \(piece)")
        }
        let badges = header.elements(named: "span").filter { ($0.attribute("class") ?? "").hasPrefix("badge") }
        #expect(badges.map(\.textContent) == ["1 not reproduced", "1 regressed", "1 error", "1 inconclusive", "1 not run", "2 reproduced"])
        #expect(badges.first?.attribute("class") == "badge big not-reproduced")
    }

    @Test func unsafeCodeAndArxivValuesAreShownButNotLinked() throws {
        var record = ReportFixtures.everyVerdict()
        record.code = "javascript:alert(1)"
        record.arxiv = "not-an-id"
        let (_, root) = try renderedPage(record)
        let header = try #require(root.elements(named: "header").first)
        #expect(header.elements(named: "a").isEmpty)
        #expect(header.textContent.contains("code: javascript:alert(1)"))
        #expect(header.textContent.contains("arXiv: not-an-id"))
    }
}
