import Testing
import Foundation
import NN
import Contrastive
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

@Test func everyProtocolReturnsExactlyTheMeasuresItDeclares() throws {
    // One evaluation of each protocol on a two-step trial: the metrics it writes are the measures the spec layer
    // accepts in claims and expected rows, no more and no fewer (a declared measure nobody produces would leave
    // its claims without a value).
    let root = try TinyPaper.make(steps: 2)
    defer { try? FileManager.default.removeItem(at: root) }
    var recipe = try SpecLoader(root: root).load(paper: "tiny").resolved(scale: .smoke)
    func make(_ id: String, _ p: String, _ features: String) -> EvaluationSpec {
        var e = EvaluationSpec(id: id, protocol: p, features: features)
        e.trainSubset = 64; e.testSubset = 32
        return e
    }
    var probe = make("probe", "linear-probe", "output")
    probe.optimizer = OptimizerSpec(name: "lbfgs", lr: 1, momentum: nil, nesterov: nil, weightDecay: nil, betas: nil,
                                    eps: nil, excludeBNBias: nil, trustCoefficient: nil)
    probe.epochs = 3
    var sgdProbe = make("sgd-probe", "linear-probe", "encoder")
    sgdProbe.optimizer = OptimizerSpec(name: "sgd", lr: 0.1, momentum: nil, nesterov: nil, weightDecay: nil, betas: nil,
                                       eps: nil, excludeBNBias: nil, trustCoefficient: nil)
    sgdProbe.epochs = 1
    var knn = make("knn", "knn", "projector")
    knn.k = 3
    var geometry = make("geometry", "alignment-uniformity", "output")
    geometry.alpha = 2; geometry.t = 2
    var few = make("few", "few-label", "encoder")
    few.labelsPerClass = 1; few.trials = 1; few.steps = 2
    recipe.evaluation = [probe, sgdProbe, knn, make("retrieval", "retrieval", "projector"), geometry, few]
    try #require(Set(recipe.evaluation.map(\.protocol)) == Set(KnownNames.protocols))
    let metrics = try TrialRunner(data: DataCatalog(explicitRoot: nil))
        .run(TrialConfig(recipe: recipe, method: recipe.methods[0], seed: 0)).metrics
    for e in recipe.evaluation {
        let produced = Set(metrics.keys.filter { $0.hasPrefix(e.id + ".") && !$0.hasSuffix(".random") }
            .map { String($0.dropFirst(e.id.count + 1)) })
        #expect(produced == Set(e.measures), "\(e.protocol): produced \(produced.sorted()), declared \(e.measures)")
    }
}

@Test func outputFeaturesAreTheProjectorOutputL2Normalised() {
    let f = FeatureMatrix(values: [3, 4, 0, -2, 0, 0], count: 2, dim: 3, labels: [0, 1])
    let output = TrialEvaluator.asDeclared(f, features: "output")
    #expect(output.values == [0.6, 0.8, 0, -1, 0, 0])
    // The projector's own output and the encoder's are used as extracted.
    #expect(TrialEvaluator.asDeclared(f, features: "projector").values == f.values)
    #expect(TrialEvaluator.asDeclared(f, features: "encoder").values == f.values)
}
