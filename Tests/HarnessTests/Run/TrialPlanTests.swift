import Testing
import NN
@testable import Harness

@Test func theSpecsColourAugmentationsReachThePipeline() throws {
    var recipe = try SpecLoader(root: repositoryRoot).load(paper: "align-uniform").resolved(scale: .full)
    recipe.model.backbone = "convnet-s"  // the pipeline does not depend on the backbone
    let a = recipe.augment
    let p = try TrialPlan.makePipeline(a, views: 2, channels: 3, dataset: recipe.data.dataset, imageSize: recipe.data.imageSize)
    #expect(p.colorJitter != nil)   // align-uniform's STL-10 recipe: ColorJitter(0.4, 0.4, 0.4, 0.4) always
    #expect(p.grayscale?.probability == a.grayscale)
    #expect(p.crop != nil && p.flipProbability == a.horizontalFlip)
    let smoke = try SpecLoader(root: repositoryRoot).load(paper: "align-uniform").resolved(scale: .smoke)
    let q = try TrialPlan.makePipeline(smoke.augment, views: 2, channels: 1, dataset: "fashion-mnist", imageSize: 28)
    #expect(q.colorJitter == nil && q.grayscale == nil && q.blur == nil)  // grayscale data: no colour operations
}

private func spec(_ name: String, momentum: Double? = nil, weightDecay: Double? = nil, betas: [Double]? = nil,
                  excludeBNBias: Bool? = nil, trust: Double? = nil) -> OptimizerSpec {
    OptimizerSpec(name: name, lr: 0.1, momentum: momentum, nesterov: nil, weightDecay: weightDecay, betas: betas, eps: nil,
                  excludeBNBias: excludeBNBias, trustCoefficient: trust)
}

@Test func specOptimizersMapToEngineOptimizersWithTheirCodesDefaults() {
    #expect(TrialPlan.optimizer(spec("sgd", momentum: 0.9, weightDecay: 5e-4))
            == OptimizerSettings(.sgd(momentum: 0.9, nesterov: false), weightDecay: 5e-4))
    #expect(TrialPlan.optimizer(spec("adam", weightDecay: 1e-6))
            == OptimizerSettings(.adam(beta1: 0.9, beta2: 0.999, eps: 1e-8, decoupled: false), weightDecay: 1e-6))
    // PyTorch's AdamW decays by 0.01 unless told otherwise.
    #expect(TrialPlan.optimizer(spec("adamw", betas: [0.5, 0.99]))
            == OptimizerSettings(.adam(beta1: 0.5, beta2: 0.99, eps: 1e-8, decoupled: true), weightDecay: 1e-2))
    // SimCLR's LARS: momentum 0.9, trust 1e-3, BN and biases excluded by default.
    #expect(TrialPlan.optimizer(spec("lars", weightDecay: 1e-6))
            == OptimizerSettings(.lars(momentum: 0.9, trustCoefficient: 1e-3, nesterov: false), weightDecay: 1e-6,
                                 excludeBNAndBias: true))
    #expect(TrialPlan.optimizer(spec("lars", excludeBNBias: false, trust: 0.02)).excludeBNAndBias == false)
}

@Test func specSchedulesBecomePerStepSchedules() throws {
    let multistep = ScheduleSpec(name: "multistep", milestones: [2, 4], gamma: 0.2)
    #expect(try TrialPlan.schedule(multistep, steps: 100, stepsPerEpoch: 10, paper: "p") == .multistep(milestones: [20, 40], gamma: 0.2))
    let exponential = ScheduleSpec(name: "exponential", finalLR: 1e-6)
    #expect(try TrialPlan.schedule(exponential, steps: 500, stepsPerEpoch: 5, paper: "p") == .exponential(total: 500, final: 1e-6))
    #expect(throws: RecipeUnsupported.self) { try TrialPlan.schedule(ScheduleSpec(name: "exponential"), steps: 5, stepsPerEpoch: 1, paper: "p") }
    #expect(throws: RecipeUnsupported.self) {
        try TrialPlan.schedule(ScheduleSpec(name: "cosine", finalLR: 1e-4), steps: 5, stepsPerEpoch: 1, paper: "p")
    }
}
