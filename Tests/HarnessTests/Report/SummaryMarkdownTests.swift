import Foundation
import Testing
@testable import Harness

@Suite struct SummaryMarkdownTests {
    func tableRows(_ md: String) -> [String] {
        md.split(separator: "\n").map(String.init).filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Claim ") }
    }

    @Test func oneTableRowPerClaimWithVerdict() {
        let record = ReportFixtures.everyVerdict()
        let md = SummaryMarkdown.markdown(for: record)
        let rows = tableRows(md)
        #expect(rows.count == record.claims.count)
        for (row, claim) in zip(rows, record.claims) {
            #expect(row.hasPrefix("| `\(claim.id)` | \(claim.kind.rawValue) | \(ReportFormat.expected(claim)) |"))
            #expect(row.contains("\(SummaryMarkdown.icon(claim.verdict)) \(claim.verdict.label)"))
        }
        #expect(md.contains("**1 not reproduced, 1 regressed, 1 error, 1 inconclusive, 1 not run, 2 reproduced**"))
    }

    @Test func everyRowHasTheSameNumberOfCellsEvenWithPipesAndNewlines() {
        var record = ReportFixtures.hostileRecord()
        record.claims[0].message = "a | b\nc"
        record.claims[1].id = "id|with|pipes"
        let md = SummaryMarkdown.markdown(for: record)
        let header = md.split(separator: "\n").first { $0.hasPrefix("| Claim ") }!
        func cells(_ line: Substring) -> Int { line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }
        for row in tableRows(md) { #expect(cells(Substring(row)) == cells(header), "\(row)") }
        #expect(md.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(md.range(of: "<img", options: .caseInsensitive) == nil)
    }

    @Test func noClaimsSaysSo() {
        var record = ReportFixtures.everyVerdict()
        record.claims = []
        let md = SummaryMarkdown.markdown(for: record)
        #expect(md.contains("No claims were checked."))
        #expect(tableRows(md).isEmpty)
    }
}
