import Foundation
import Testing
@testable import Harness

@Test func planShowsTheStoresMeasuredTimesAndWhatIsLeft() throws {
    let recipe = try SpecLoader(root: repositoryRoot).load(paper: "align-uniform").resolved(scale: .smoke)
    let (store, dir) = try temporaryStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let before = try CostReport(recipe: recipe, seeds: 2, store: store)
    #expect(before.measured.allSatisfy { $0.isEmpty })
    #expect(!before.text.contains("the store holds"))

    // Two seeds of the first method ran (75 s and 125 s), with the keys a run on this host gives them.
    let runId = try store.beginRun(paper: recipe.id, scale: "smoke", kind: .run, startedAt: Date())
    let configs = recipe.trialConfigs(seeds: 2, threads: EngineThreads.host())
    for (i, wall) in [75.0, 125.0].enumerated() {
        let c = configs[i]
        try store.saveTrial(TrialResult(paper: recipe.id, method: c.method.id, dataset: "fashion-mnist", seed: c.seed, scale: "smoke",
                                        configHash: c.hash, steps: 1, wallSeconds: wall), config: c, runId: runId, position: i)
    }
    // A trial with another key (another seed count's third seed) is not this run's.
    let other = recipe.trialConfigs(seeds: 3, threads: EngineThreads.host())[2]
    try store.saveTrial(TrialResult(paper: recipe.id, method: other.method.id, dataset: "fashion-mnist", seed: 2, scale: "smoke",
                                    configHash: other.hash, steps: 1, wallSeconds: 9_000), config: other, runId: runId, position: 2)

    let after = try CostReport(recipe: recipe, seeds: 2, store: store)
    #expect(after.measured[0] == [75, 125])
    #expect(after.measured.dropFirst().allSatisfy { $0.isEmpty })
    let row = try #require(after.text.split(separator: "\n").first { $0.hasPrefix("  \(configs[0].method.id) ") })
    #expect(row.contains(" 100 s "), "\(row)")   // the median of the two
    #expect(after.text.contains("the store holds 2 of \(2 * recipe.methods.count) trials"), "\(after.text)")
}
