import Testing
import Foundation
import Engine
@testable import Harness

@Test func aTrialsThreadCountsAreInItsKey() throws {
    let root = try TinyPaper.make(steps: 2)
    defer { try? FileManager.default.removeItem(at: root) }
    let recipe = try SpecLoader(root: root).load(paper: "tiny").resolved(scale: .smoke)
    let method = recipe.methods[0]
    let one = TrialConfig(recipe: recipe, method: method, seed: 1, threads: EngineThreads(workers: 1, blasThreads: 1))
    let two = TrialConfig(recipe: recipe, method: method, seed: 1, threads: EngineThreads(workers: 2, blasThreads: 1))
    let blas = TrialConfig(recipe: recipe, method: method, seed: 1, threads: EngineThreads(workers: 1, blasThreads: 2))
    #expect(Set([one.hash, two.hash, blas.hash]).count == 3)
    // A config written before threads were recorded keeps its key (and runs on this host's threads).
    let old = TrialConfig(recipe: recipe, method: method, seed: 1)
    #expect(!String(decoding: old.canonicalJSON, as: UTF8.self).contains("threads"))
    #expect(EngineThreads.host(HostResources(affinityCPUs: 3)) == EngineThreads(workers: 3, blasThreads: 3))
    #expect(EngineThreads(workers: 3, blasThreads: 2).context().workers.count == 3)
}

@Test func theSameTrialOnTheSameThreadsGivesTheSameBits() throws {
    let root = try TinyPaper.make(steps: 3)
    defer { try? FileManager.default.removeItem(at: root) }
    let recipe = try SpecLoader(root: root).load(paper: "tiny").resolved(scale: .smoke)
    let config = TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 1,
                             threads: EngineThreads(workers: 2, blasThreads: 2))
    func run() throws -> Data {
        var runner = TrialRunner(data: DataCatalog(explicitRoot: nil))
        runner.baselines = BaselineCache()
        return try resultBytes(runner.run(config))
    }
    #expect(try run() == run())
}
