import Foundation
import Testing
@testable import Harness

let minimalTable = """
version: 1
paper: demo
rows:
  - id: fmnist.contrastive.retrieval
    method: contrastive
    dataset: fashion-mnist
    metric: retrieval.top1
    value: 0.31
    unit: fraction
    spread: null
    tolerance: 0.05
    scale: smoke
    provenance: {source: calibration, ref: "run 1", verified: true}

"""

@Test func expectedTableLoadsAndFiltersByScale() throws {
    let repo = try TempRepo(files: ["papers/demo.yaml": minimalSpec, "expected/demo.yaml": minimalTable])
    defer { repo.remove() }
    let table = try repo.loader.loadExpected(paper: "demo")
    #expect(table.rows.count == 1)
    #expect(table.rows(for: .smoke).first?.value == 0.31)
    #expect(table.rows(for: .full).isEmpty)
    #expect(repo.loader.validate(paths: ["expected/demo.yaml"]).filter(\.isError).isEmpty)
}

let tableFixtures: [Fixture] = [
    Fixture(name: "negative tolerance", old: "tolerance: 0.05", new: "tolerance: -0.05", line: 11, keyPath: "rows[0].tolerance",
            message: "must be >= 0, found -0.05"),
    Fixture(name: "unknown method", old: "method: contrastive", new: "method: contrastiv", line: 5, keyPath: "rows[0].method",
            message: "unknown method 'contrastiv' at scale smoke (did you mean 'contrastive'?)"),
    Fixture(name: "unknown metric", old: "metric: retrieval.top1", new: "metric: probe.top3", line: 7, keyPath: "rows[0].metric",
            message: "evaluation 'probe' (linear-probe) reports top1, not 'top3'"),
    Fixture(name: "secondary marked verified", old: "source: calibration", new: "source: secondary", line: 13,
            keyPath: "rows[0].provenance.verified", message: "a secondary source must say verified: false"),
    Fixture(name: "fraction above one", old: "value: 0.31", new: "value: 31", line: 8, keyPath: "rows[0].value",
            message: "a fraction must be in [0, 1], found 31"),
    Fixture(name: "unknown unit", old: "unit: fraction", new: "unit: percents", line: 9, keyPath: "rows[0].unit",
            message: "unknown unit 'percents' (did you mean 'percent'?)"),
    Fixture(name: "paper mismatch", old: "paper: demo", new: "paper: other", line: 2, keyPath: "paper",
            message: "paper 'other' must equal the file name 'demo'"),
    Fixture(name: "unknown provenance source", old: "source: calibration", new: "source: blog", line: 13,
            keyPath: "rows[0].provenance.source", message: "unknown provenance source 'blog'"),
    Fixture(name: "missing provenance", old: "    provenance: {source: calibration, ref: \"run 1\", verified: true}\n", new: "",
            line: 4, keyPath: "rows[0].provenance", message: "missing required key 'provenance'"),
    Fixture(name: "row id with upper case", old: "id: fmnist.contrastive.retrieval", new: "id: FMNIST", line: 4,
            keyPath: "rows[0].id", message: "invalid id 'FMNIST'"),
]

@Test(arguments: tableFixtures)
func malformedExpectedTableIsReported(_ fixture: Fixture) throws {
    #expect(minimalTable.contains(fixture.old))
    let repo = try TempRepo(files: ["papers/demo.yaml": minimalSpec,
                                    "expected/demo.yaml": minimalTable.replacingOccurrences(of: fixture.old, with: fixture.new)])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["expected/demo.yaml"]).filter(\.isError)
    let match = issues.first { $0.keyPath == fixture.keyPath && $0.message.contains(fixture.message) }
    #expect(match != nil, "\(issues.map(\.description))")
    #expect(match?.line == fixture.line)
    #expect(match?.file == "expected/demo.yaml")
}

@Test func duplicateRowIDIsReported() throws {
    let doubled = minimalTable + minimalTable.components(separatedBy: "rows:\n")[1]
    let repo = try TempRepo(files: ["papers/demo.yaml": minimalSpec, "expected/demo.yaml": doubled])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["expected/demo.yaml"]).filter(\.isError)
    #expect(issues.map(\.description) == ["expected/demo.yaml:14:9: rows[1].id: duplicate row id 'fmnist.contrastive.retrieval' (first at rows[0])"])
}

@Test func rowForAnotherDatasetIsAWarning() throws {
    let text = minimalTable.replacingOccurrences(of: "dataset: fashion-mnist", with: "dataset: cifar10")
    let repo = try TempRepo(files: ["papers/demo.yaml": minimalSpec, "expected/demo.yaml": text])
    defer { repo.remove() }
    let issues = repo.loader.validate(paths: ["expected/demo.yaml"])
    #expect(issues.count == 1 && issues[0].severity == .warning && issues[0].keyPath == "rows[0].dataset")
}
