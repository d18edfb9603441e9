import Testing
import Foundation
@testable import Harness

@Suite struct ExpectedTableEditorTests {
    static let original = """
        # Expected results of a paper.
        # A second comment line.
        version: 1
        paper: align-uniform
        rows:
          # Table 1
          - {id: stl10.a, method: contrastive, dataset: stl10, metric: linear-output.top1, value: 80.46,
             unit: percent, spread: null, scale: full,
             provenance: {source: paper, ref: "Table 1, row 'x'", verified: true}}

          - {id: smoke.contrastive.retrieval.top1, method: contrastive, dataset: fashion-mnist, metric: retrieval.top1,
             value: 0.1, unit: fraction, spread: 0.01, tolerance: 0.05, scale: smoke,
             provenance: {source: calibration, ref: "old", verified: true}}
          # trailing comment
        """

    static func row(_ id: String, value: Double, method: String = "contrastive") -> ExpectedRow {
        ExpectedRow(id: id, method: method, dataset: "fashion-mnist", metric: "retrieval.top1", value: value, unit: "fraction",
                    spread: 0.004, tolerance: 0.012, scale: .smoke,
                    provenance: .init(source: "calibration", ref: "commit abc: \"quoted\", CPU x", verified: true))
    }

    @Test func replacesInPlaceAppendsNewRowsAndKeepsComments() throws {
        let rows = [Self.row("smoke.contrastive.retrieval.top1", value: 0.31),
                    Self.row("smoke.align-uniform.retrieval.top1", value: 0.52, method: "align-uniform")]
        let out = try ExpectedTableEditor.upsert(rows, into: Self.original, heading: "Calibrated")
        let lines = out.components(separatedBy: "\n")
        for comment in ["# Expected results of a paper.", "# A second comment line.", "  # Table 1", "  # trailing comment", "  # Calibrated"] {
            #expect(lines.contains(comment), "lost \(comment)")
        }
        // The replaced row stands where the old one stood, before the trailing comment; the new one after it.
        let replaced = try #require(lines.firstIndex { $0.contains("id: smoke.contrastive.retrieval.top1") })
        let added = try #require(lines.firstIndex { $0.contains("id: smoke.align-uniform.retrieval.top1") })
        let stl = try #require(lines.firstIndex { $0.contains("id: stl10.a") })
        #expect(stl < replaced && replaced < added)
        #expect(!out.contains("ref: \"old\"") && out.contains("value: 0.31"))
        #expect(out.contains(#"ref: "commit abc: \"quoted\", CPU x""#))
        // Upserting the same rows again changes nothing.
        #expect(try ExpectedTableEditor.upsert(rows, into: out, heading: "Calibrated") == out)
    }

    @Test func emptyFlowListBecomesABlockList() throws {
        let out = try ExpectedTableEditor.upsert([Self.row("r", value: 0.5)], into: "version: 1\npaper: p\nrows: []\n")
        #expect(out.hasPrefix("version: 1\npaper: p\nrows:\n  - {id: r,"))
    }

    @Test func refusesAFileWithoutRows() {
        #expect(throws: ExpectedEditError.self) { _ = try ExpectedTableEditor.upsert([Self.row("r", value: 1)], into: "version: 1\n") }
    }

    @Test func rowIDReadsTheFirstIdKey() {
        #expect(ExpectedTableEditor.rowID("  - {id: a.b-c, method: m, provenance: {ref: \"id: x\"}}") == "a.b-c")
        #expect(ExpectedTableEditor.rowID("  - {id: \"q.r\", method: m}") == "q.r")
        #expect(ExpectedTableEditor.rowID("  - {method: m, paper_id: 3}") == nil)
    }
}
