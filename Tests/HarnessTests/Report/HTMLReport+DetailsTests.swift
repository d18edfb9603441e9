import Foundation
import Testing
@testable import Harness

@Suite struct HTMLReportDetailsTests {
    func rows(_ section: Markup) -> [[String]] {
        (section.elements(named: "tbody").first?.elements(named: "tr") ?? []).map { $0.children.filter { $0.name == "td" }.map(\.textContent) }
    }

    @Test func checklistListsEveryEntry() throws {
        let record = ReportFixtures.everyVerdict()
        let (_, root) = try renderedPage(record)
        #expect(rows(try section(root, "checklist")) == record.checklist.map { [$0.item, $0.answer, $0.note] })
    }

    @Test func costComparesPaperHardwareWithThisRunAndListsTrials() throws {
        let record = ReportFixtures.everyVerdict()
        let (_, root) = try renderedPage(record)
        let cost = try section(root, "cost")
        let tables = cost.elements(named: "table")
        #expect(tables.count == 2)
        #expect(rows(tables[0])[0] == ["Paper", record.paperHardware!])
        #expect(rows(tables[0])[1][1].hasPrefix("4 h 35 min wall time on AMD EPYC 7B13 (2 cores), 2 threads"))
        let trialRows = rows(tables[1])
        #expect(trialRows.count == record.trials.count)
        #expect(trialRows[0][5] == "142.5")
        #expect(trialRows[8][7] == "error: diverged: loss NaN at epoch 4")
    }

    @Test func environmentIsSortedByKey() throws {
        let record = ReportFixtures.everyVerdict()
        let (_, root) = try renderedPage(record)
        #expect(rows(try section(root, "environment")) == record.environment.keys.sorted().map { [$0, record.environment[$0]!] })
    }

    @Test func provenanceCoversEveryExpectedNumberAndFlagsMissingOnes() throws {
        let record = ReportFixtures.everyVerdict()
        let (_, root) = try renderedPage(record)
        let r = rows(try section(root, "provenance"))
        let expected = record.claims.filter { $0.expected != nil }
        #expect(r.map { $0[0] } == expected.map(\.id))
        #expect(r.map { $0[2] } == expected.map { $0.provenance ?? "no provenance recorded" })
    }

    @Test func specIsShownVerbatim() throws {
        let record = ReportFixtures.everyVerdict()
        let (_, root) = try renderedPage(record)
        #expect(try section(root, "spec").elements(named: "pre").first?.textContent == record.specYAML)
    }
}
