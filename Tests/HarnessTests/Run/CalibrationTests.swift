import Testing
import Foundation
@testable import Harness

@Suite struct CalibrationTests {
    static func record(scale: String = "smoke", error: String? = nil) -> RunRecord {
        let values: [(String, Int, Double)] = [("contrastive", 0, 0.30), ("contrastive", 1, 0.32), ("contrastive", 2, 0.34),
                                               ("align-uniform", 0, 0.50), ("align-uniform", 1, 0.50), ("align-uniform", 2, 0.50)]
        var trials = values.map { m, s, v in
            TrialResult(paper: "align-uniform", method: m, dataset: "fashion-mnist", seed: s, scale: scale, configHash: "\(m)\(s)",
                        metrics: ["retrieval.top1": v, "retrieval.top1.random": 0.08, "geometry.alignment": 0.4, "loss": 1])
        }
        trials[0].error = error
        return RunRecord(runId: "20260101-000000-0000abcd", paper: "align-uniform", title: "t", venue: "v", scale: scale,
                         startedAt: Date(timeIntervalSince1970: 1_767_225_600), wallSeconds: 1,
                         environment: ["git.commit": "abc123", "cpu": "Test CPU", "engine.version": "1", "conv.path": "measured (per geometry the faster)"], checklist: [],
                         specYAML: "", trials: trials, claims: [])
    }

    @Test func rowsCarryMeanSpreadToleranceAndProvenance() throws {
        let rows = try Calibration.rows(from: Self.record(), dataset: "fashion-mnist")
        #expect(rows.map(\.id) == ["smoke.contrastive.retrieval.top1", "smoke.align-uniform.retrieval.top1"])
        let c = rows[0]
        #expect(abs(c.value - 0.32) < 1e-9 && abs(c.spread! - 0.02) < 1e-6)
        // (t(2) + 2) · s / √3 = (4.3027 + 2) · 0.02 / 1.7321 = 0.072776
        #expect(abs(c.tolerance! - 0.072776) < 2e-6)
        #expect(c.unit == "fraction" && c.scale == .smoke && c.provenance.source == "calibration")
        for part in ["commit abc123", "2026-01-01", "CPU Test CPU", "3 seeds", "engine version 1, conv path measured", "20260101-000000-0000abcd"] {
            #expect(c.provenance.ref.contains(part), "missing \(part)")
        }
        // No spread across seeds: the floor applies.
        #expect(rows[1].spread == 0 && rows[1].tolerance == 0.005)
    }

    @Test func refusesFullScaleAndFailedTrials() {
        #expect(throws: CalibrationError.self) { _ = try Calibration.rows(from: Self.record(scale: "full"), dataset: "stl10") }
        #expect(throws: CalibrationError.self) { _ = try Calibration.rows(from: Self.record(error: "diverged"), dataset: "fashion-mnist") }
    }

    @Test func writesValidatedRowsIntoACopyOfTheRepositoryTable() throws {
        let root = try RepoCopy.make()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("expected/align-uniform.yaml")
        // The repository's table already holds calibrated smoke rows: start from its paper rows alone.
        let committed = try String(contentsOf: url, encoding: .utf8)
        let before = committed.components(separatedBy: "\n\n  # Calibrated at smoke scale")[0] + "\n"
        try before.write(to: url, atomically: true, encoding: .utf8)
        let rows = try Calibration.rows(from: Self.record(), dataset: "fashion-mnist")
        try Calibration.write(rows, paper: "align-uniform", specRoot: root, heading: "Calibrated at smoke scale")
        let after = try String(contentsOf: url, encoding: .utf8)
        // Every original line survives, in order, as the prefix of the file.
        #expect(after.hasPrefix(before.hasSuffix("\n") ? String(before.dropLast()) : before))
        let table = try SpecLoader(root: root).loadExpected(paper: "align-uniform")
        let smoke = table.rows(for: .smoke)
        #expect(smoke.map(\.id) == rows.map(\.id))
        #expect(smoke.first?.tolerance == rows.first?.tolerance)
        // The smoke rows become absolute claims that are checked (not `not run`) at smoke scale.
        let spec = try SpecLoader(root: root).load(paper: "align-uniform")
        let rules = ClaimBuilder.rules(recipe: spec.resolved(scale: .smoke), expected: table).filter { $0.kind == .absolute && $0.notRunReason == nil }
        #expect(Set(rules.map(\.id)) == Set(rows.map(\.id)))
    }

    @Test func aRowTheSpecRejectsLeavesTheFileUntouched() throws {
        let root = try RepoCopy.make()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("expected/align-uniform.yaml")
        let before = try Data(contentsOf: url)
        var row = try Calibration.rows(from: Self.record(), dataset: "fashion-mnist")[0]
        row.method = "no-such-method"
        #expect(throws: SpecError.self) { try Calibration.write([row], paper: "align-uniform", specRoot: root) }
        #expect(try Data(contentsOf: url) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path).allSatisfy { !$0.hasPrefix(".") })
    }
}
