import Foundation
import Testing
import Contrastive
import Data
@testable import Harness

/// Every method of papers/ring.yaml at smoke scale, built from the spec as a trial builds it, trained a few steps
/// on 1,024 real Fashion-MNIST images.
struct TrialPlanMethodTests {
    static let smoke = try! SpecLoader(root: repositoryRoot).load(paper: "ring").resolved(scale: .smoke)

    @Test("the ring spec's smoke methods build the method their components call for")
    func methodKinds() throws {
        let kinds = try Self.smoke.methods.map { m -> String in
            let plan = try TrialPlan(TrialConfig(recipe: Self.smoke, method: m, seed: 1), channels: 1)
            return "\(m.id):\(type(of: plan.method)):\(plan.pipeline.views)"
        }
        #expect(kinds == ["ir:MemoryBankMethod:1", "ir-ring:MemoryBankMethod:1", "moco:MoCoMethod:2", "moco-ring:MoCoMethod:2"])
    }

    @Test("each smoke method trains a few steps from its spec without NaN", arguments: ["ir", "ir-ring", "moco", "moco-ring"])
    func trainsFromSpec(id: String) throws {
        let method = try #require(Self.smoke.method(id))
        let plan = try TrialPlan(TrialConfig(recipe: Self.smoke, method: method, seed: 1), channels: 1)
        let full = try FashionMNIST.load(.train, root: URL(fileURLWithPath: DataRoot.systemDefault))
        let data = full.subset(Array(0..<1024))
        let loader = BatchLoader(dataset: data, pipeline: plan.pipeline,
                                 sampler: try BatchSampler(count: data.count, batchSize: Self.smoke.batchSize, seed: 1))
        let trainer = Pretrainer(network: plan.network, method: plan.method, loader: loader,
                                 settings: try plan.settings(steps: 4, stepsPerEpoch: loader.sampler.stepsPerEpoch))
        try trainer.run()
        #expect(trainer.losses.count == 4 && trainer.losses.allSatisfy(\.isFinite), "\(trainer.losses)")
        #expect(!plan.method.state.isEmpty && plan.method.state.values.allSatisfy { $0.allSatisfy(\.isFinite) })
    }

    @Test("a memory bank of a fixed size is refused with the paper file named")
    func fixedBankRefused() throws {
        var m = try #require(Self.smoke.method("ir"))
        m.memoryBank?.size = 1000
        #expect(throws: RecipeUnsupported.self) { try TrialPlan(TrialConfig(recipe: Self.smoke, method: m, seed: 1), channels: 1) }
    }
}
