import Testing
import NN
@testable import Harness

private func evaluation(_ paper: String, _ id: String, scale: Scale = .full) throws -> EvaluationSpec {
    let recipe = try SpecLoader(root: repositoryRoot).load(paper: paper).resolved(scale: scale)
    return try #require(recipe.evaluation.first { $0.id == id })
}

@Test func probeSchedulesFollowTheSpecPerEpoch() throws {
    // Wang & Isola: ×0.2 at epochs 60 and 80; Kernel-InfoNCE: cosine over the probe's 100 epochs;
    // ManifoldCLR: exponential decay to 1e-6 over 500 epochs; Ring: constant.
    let au = try evaluation("align-uniform", "linear-output")
    #expect(TrialEvaluator.headSchedule(au, steps: 100, stepsPerEpoch: 1) == .multistep(milestones: [60, 80], gamma: 0.2))
    let ki = try evaluation("kernel-infonce", "linear")
    #expect(TrialEvaluator.headSchedule(ki, steps: 100, stepsPerEpoch: 1) == .cosine(total: 100))
    let mc = try evaluation("manifold-clr", "linear")
    #expect(TrialEvaluator.headSchedule(mc, steps: 500, stepsPerEpoch: 1) == .exponential(total: 500, final: 1e-6))
    #expect(TrialEvaluator.headSchedule(try evaluation("ring", "linear"), steps: 100, stepsPerEpoch: 1) == .constant)
}

@Test func headsTrainWithTheSpecsOptimizer() throws {
    let ring = try evaluation("ring", "linear")
    #expect(TrialEvaluator.headOptimizer(ring.optimizer) == OptimizerSettings(.sgd(momentum: 0.9, nesterov: false), weightDecay: 1e-5))
    let au = try evaluation("align-uniform", "linear-output")
    #expect(TrialEvaluator.headOptimizer(au.optimizer) == OptimizerSettings(.adam(beta1: 0.5, beta2: 0.999, eps: 1e-8, decoupled: false)))
    // ManifoldCLR's few-label head: the optimizer is not stated, so PyTorch's Adam defaults.
    let few = try evaluation("manifold-clr", "few-label")
    #expect(few.optimizer == nil)
    #expect(TrialEvaluator.headOptimizer(nil) == OptimizerSettings(.adam(beta1: 0.9, beta2: 0.999, eps: 1e-8, decoupled: false)))
}

@Test func fewLabelSchedulesCountSteps() throws {
    var e = try evaluation("manifold-clr", "few-label")
    e.milestones = [2]
    e.gamma = 0.5
    // Milestones are epochs over the labelled set: 4 steps per epoch here.
    #expect(TrialEvaluator.headSchedule(e, steps: 40, stepsPerEpoch: 4) == .multistep(milestones: [8], gamma: 0.5))
}

@Test func smokeVariantsRunTheNewProtocolsOnSubsets() throws {
    let au = try SpecLoader(root: repositoryRoot).load(paper: "align-uniform").resolved(scale: .smoke)
    let knn = try #require(au.evaluation.first { $0.id == "knn5-output" })
    #expect(knn.protocol == "knn" && knn.k == 5 && knn.temperature == nil && knn.trainSubset != nil)
    let mc = try SpecLoader(root: repositoryRoot).load(paper: "manifold-clr").resolved(scale: .smoke)
    let few = try #require(mc.evaluation.first { $0.id == "few-label" })
    let full = try evaluation("manifold-clr", "few-label")
    #expect(few.trials! < full.trials! && few.steps! < full.steps!)
    #expect(few.labelsPerClass == full.labelsPerClass && few.hidden == full.hidden)
}

@Test func anEvaluationScheduleTheEngineCannotRunIsRefusedBeforeTraining() throws {
    var recipe = try SpecLoader(root: repositoryRoot).load(paper: "align-uniform").resolved(scale: .smoke)
    var probe = try #require(recipe.evaluation.first { $0.id == "linear-encoder" })
    probe.optimizer = OptimizerSpec(name: "adam", lr: 1e-3, momentum: nil, nesterov: nil, weightDecay: nil, betas: nil,
                                    eps: nil, excludeBNBias: nil, trustCoefficient: nil)
    probe.schedule = ScheduleSpec(name: "cosine", milestones: nil, gamma: nil, warmupEpochs: nil, finalLR: 1e-3)
    recipe.evaluation = [probe]
    let config = TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 0)
    #expect(throws: RecipeUnsupported.self) { try TrialPlan(config, channels: 1) }
}
