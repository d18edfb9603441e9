import Foundation
import Engine
import NN
import Data
import Contrastive

/// Runs a recipe's evaluations on a parameter store; metrics are named `<evaluation id>.<measure>`.
/// Top-1 accuracies are fractions. The evaluation subsets depend only on the trial seed, so the random
/// and the trained encoder are measured on the same images and views.
struct TrialEvaluator {
    /// The measures each protocol's evaluation below returns, and so the only ones a spec may name
    /// (`KnownNames.measures(of:)` reads this table; a test runs every protocol and compares).
    static let measures: [String: [String]] = [
        "linear-probe": ["top1"],
        "knn": ["top1", "top5"],
        "retrieval": ["top1"],
        "alignment-uniformity": ["alignment", "uniformity"],
        "few-label": ["top1", "top1_std"],
    ]

    let config: TrialConfig
    let network: ContrastiveNetwork
    let splits: TrialSplits
    let pipeline: AugmentPipeline
    /// The trial's engine context: every evaluation's tapes and GEMMs use its workers and threads.
    var context: EngineContext = .serial

    /// Runs every evaluation, or only those whose id is in `only`; `timed` receives each evaluation's id and
    /// wall seconds (the first to read a feature layer also pays for extracting it).
    func evaluate(_ store: ParameterStore, only: [String]? = nil,
                  timed: (String, Double) -> Void = { _, _ in }) -> [String: Double] {
        var out: [String: Double] = [:]
        var cache = FeatureCache()
        for e in config.evaluation where only?.contains(e.id) ?? true {
            let start = Date()
            defer { timed(e.id, Date().timeIntervalSince(start)) }
            switch e.protocol {
            case "retrieval":
                out["\(e.id).top1"] = Retrieval.positiveViewTop1(network, store, dataset: splits.test,
                                                                 indices: subset(splits.test, e.testSubset, salt: 1),
                                                                 pipeline: pipeline, seed: seed(2),
                                                                 source: source(e.features), context: context)
            case "alignment-uniformity":
                let (x, y) = twoViewEmbeddings(store, indices: subset(splits.test, e.testSubset ?? 1000, salt: 3), e)
                out["\(e.id).alignment"] = AlignUniform.alignment(x: x, y: y, alpha: Float(e.alpha ?? 2))
                out["\(e.id).uniformity"] = (AlignUniform.uniformity(x: x, t: Float(e.t ?? 2)) + AlignUniform.uniformity(x: y, t: Float(e.t ?? 2))) / 2
            case "linear-probe":
                let (train, test) = features(store, e, &cache)
                let o = e.optimizer
                if o?.name == "lbfgs" {
                    // Full-batch L-BFGS; `epochs` counts iterations, `optimizer.weight_decay` is the L2 penalty.
                    var probe = SoftmaxRegression(iterations: e.epochs ?? 100, l2: o?.weightDecay ?? 1e-4)
                    probe.context = context
                    out["\(e.id).top1"] = probe.evaluate(train: train, test: test, classes: splits.classes)
                    continue
                }
                let epochs = e.epochs ?? 100
                var probe = LinearProbe(epochs: epochs, batchSize: e.batchSize ?? 256, lr: o?.lr ?? 1e-3,
                                        optimizer: Self.headOptimizer(o), schedule: Self.headSchedule(e, steps: epochs, stepsPerEpoch: 1),
                                        selectBest: e.select == "best", seed: seed(6))
                probe.context = context
                out["\(e.id).top1"] = probe.evaluate(train: train, test: test, classes: splits.classes)
            case "knn":
                let (train, test) = features(store, e, &cache)
                var knn = KNNClassifier(k: e.k ?? 5, temperature: e.temperature)
                knn.context = context
                let (top1, top5) = knn.evaluate(train: train, test: test, classes: splits.classes)
                out["\(e.id).top1"] = top1
                out["\(e.id).top5"] = top5
            case "few-label":
                let (train, test) = features(store, e, &cache)
                let labelled = (e.labelsPerClass ?? 1) * splits.classes
                let batch = min(e.batchSize ?? labelled, labelled)
                let perEpoch = (labelled + batch - 1) / batch
                let steps = e.steps ?? (e.epochs ?? 100) * perEpoch
                var few = FewLabelEvaluation(labelsPerClass: e.labelsPerClass ?? 1, trials: e.trials ?? 1,
                                             hidden: e.hidden ?? [], steps: steps, batchSize: batch,
                                             lr: e.optimizer?.lr ?? 1e-3, optimizer: Self.headOptimizer(e.optimizer),
                                             schedule: Self.headSchedule(e, steps: steps, stepsPerEpoch: perEpoch), seed: seed(8))
                few.context = context
                let r = few.evaluate(train: train, test: test, classes: splits.classes)
                out["\(e.id).top1"] = r.mean
                out["\(e.id).top1_std"] = r.std
            default:
                continue  // every protocol the spec accepts is handled above (`measures` lists them)
            }
        }
        return out
    }

    /// Frozen features of the evaluation's train and test subsets, computed once per (features, subsets) within
    /// one `evaluate` call: a probe and a kNN on the same layer share them, and projector features are derived
    /// from cached encoder features of the same images.
    struct FeatureCache {
        var entries: [String: FeatureMatrix] = [:]
    }

    func features(_ store: ParameterStore, _ e: EvaluationSpec, _ cache: inout FeatureCache) -> (FeatureMatrix, FeatureMatrix) {
        let norm = pipeline.normalization
        func get(_ d: ImageDataset, _ split: String, _ limit: Int?, salt: UInt64) -> FeatureMatrix {
            let key = { (features: String) in "\(features)|\(split)|\(limit.map(String.init) ?? "all")" }
            if let f = cache.entries[key(e.features)] { return f }
            let f: FeatureMatrix
            if source(e.features) == .projector, let projector = network.projector,
               let encoder = cache.entries[key("encoder")] {
                // The projector's output is the projector applied to the encoder's: no second pass over the images.
                let h = Tensor(encoder.values, shape: [encoder.count, encoder.dim])
                let z = projector(h, store, Tape.inference(context: context))
                f = FeatureMatrix(values: Array(UnsafeBufferPointer(start: z.data, count: z.count)), count: encoder.count,
                                  dim: z.shape[1], labels: encoder.labels)
            } else {
                f = FeatureExtractor.extract(network, store, dataset: d, indices: subset(d, limit, salt: salt),
                                             normalization: norm, source: source(e.features), context: context)
            }
            cache.entries[key(e.features)] = Self.asDeclared(f, features: e.features)
            return cache.entries[key(e.features)]!
        }
        return (get(splits.evalTrain, "train", e.trainSubset, salt: 4), get(splits.test, "test", e.testSubset, salt: 5))
    }

    /// `output` is what the loss sees: the projector's output L2-normalised row by row (docs/spec.md, Evaluations);
    /// every other feature layer is used as extracted.
    static func asDeclared(_ f: FeatureMatrix, features: String) -> FeatureMatrix {
        features == "output" ? f.normalized() : f
    }

    /// The optimizer of a trained head; unstated = Adam with PyTorch's defaults.
    static func headOptimizer(_ o: OptimizerSpec?) -> OptimizerSettings {
        o.map(TrialPlan.optimizer) ?? OptimizerSettings(.adam(beta1: 0.9, beta2: 0.999, eps: 1e-8, decoupled: false))
    }

    /// A head's schedule in its own steps (epochs for the linear probe, whose schedulers step once per epoch):
    /// `schedule` if given, else `milestones`/`gamma` (epochs), else constant.
    static func headSchedule(_ e: EvaluationSpec, steps: Int, stepsPerEpoch: Int) -> Schedule {
        if let s = e.schedule {
            // `TrialPlan` has already refused schedules the engine cannot run, so this does not fail.
            return (try? TrialPlan.schedule(s, steps: steps, stepsPerEpoch: stepsPerEpoch, paper: "")) ?? .constant
        }
        if let m = e.milestones { return .multistep(milestones: m.map { $0 * stepsPerEpoch }, gamma: e.gamma ?? 0.1) }
        return .constant
    }

    func seed(_ salt: UInt64) -> UInt64 { UInt64(config.seed) &* 1_000_003 &+ salt }

    /// `encoder` and `projector`/`output` are the network's own outputs; any other name is a backbone layer
    /// (`fc7`), which `TrialPlan` has checked exists.
    func source(_ features: String) -> FeatureSource {
        switch features {
        case "encoder": return .encoder
        case "projector", "output": return .projector
        default: return .layer(features)
        }
    }

    /// A seeded random subset of `limit` indices (all, in order, when nil or not smaller).
    func subset(_ d: ImageDataset, _ limit: Int?, salt: UInt64) -> [Int] {
        guard let limit, limit < d.count else { return Array(0..<d.count) }
        var rng = RNG(seed: seed(salt))
        return Array(rng.permutation(d.count).prefix(limit))
    }

    /// Embeddings of two augmented views of each image (the metrics normalise them, as the paper does).
    func twoViewEmbeddings(_ store: ParameterStore, indices: [Int], _ e: EvaluationSpec) -> (Tensor, Tensor) {
        var p = pipeline
        p.views = 2
        var rng = RNG(seed: seed(7))
        let out = p.makeOutput(count: indices.count, for: splits.test)
        p.apply(images: splits.test, indices: indices, into: out, rng: &rng)
        let tape = Tape.inference(context: context)
        let z = FeatureExtractor.embed(network, store, out, source: source(e.features), context: context)
        let halves = tape.split(z, axis: 0, sizes: [indices.count, indices.count])
        return (halves[0], halves[1])
    }
}
