import Testing
import Foundation
@testable import Harness

@Test func methodsStartingFromTheSameWeightsShareTheirRandomEncoderMetrics() throws {
    let root = try TinyPaper.make(steps: 2)
    defer { try? FileManager.default.removeItem(at: root) }
    let recipe = try SpecLoader(root: root).load(paper: "tiny").resolved(scale: .smoke)
    let configs = recipe.methods.map { TrialConfig(recipe: recipe, method: $0, seed: 1) }
    try #require(configs.count == 2 && !configs[0].baselineEvaluations.isEmpty)
    let data = DataCatalog(explicitRoot: nil)

    func random(_ c: TrialConfig, _ cache: BaselineCache) throws -> [String: Double] {
        var runner = TrialRunner(data: data)
        runner.baselines = cache
        return try runner.run(c).metrics.filter { $0.key.hasSuffix(".random") }
    }
    let shared = BaselineCache()
    let first = try random(configs[0], shared), second = try random(configs[1], shared)
    #expect(!first.isEmpty && first == second)
    #expect(shared.count == 1)
    // The cached value is what the second method would have computed on its own.
    #expect(try random(configs[1], BaselineCache()) == second)
    // Another seed starts from other weights: its own entry.
    _ = try random(TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 2), shared)
    #expect(shared.count == 2)
}
