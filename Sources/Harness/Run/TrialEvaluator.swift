import Foundation
import Engine
import NN
import Data
import Contrastive

/// Runs a recipe's evaluations on a parameter store; metrics are named `<evaluation id>.<measure>`.
/// Top-1 accuracies are fractions. The evaluation subsets depend only on the trial seed, so the random
/// and the trained encoder are measured on the same images and views.
struct TrialEvaluator {
    let config: TrialConfig
    let network: ContrastiveNetwork
    let splits: TrialSplits
    let pipeline: AugmentPipeline

    /// Runs every evaluation, or only those whose id is in `only`.
    func evaluate(_ store: ParameterStore, only: [String]? = nil) -> [String: Double] {
        var out: [String: Double] = [:]
        for e in config.evaluation where only?.contains(e.id) ?? true {
            switch e.protocol {
            case "retrieval":
                out["\(e.id).top1"] = Retrieval.positiveViewTop1(network, store, dataset: splits.test,
                                                                 indices: subset(splits.test, e.testSubset, salt: 1),
                                                                 pipeline: pipeline, seed: seed(2),
                                                                 source: source(e.features))
            case "alignment-uniformity":
                let (x, y) = twoViewEmbeddings(store, indices: subset(splits.test, e.testSubset ?? 1000, salt: 3), e)
                out["\(e.id).alignment"] = AlignUniform.alignment(x: x, y: y, alpha: Float(e.alpha ?? 2))
                out["\(e.id).uniformity"] = (AlignUniform.uniformity(x: x, t: Float(e.t ?? 2)) + AlignUniform.uniformity(x: y, t: Float(e.t ?? 2))) / 2
            case "linear-probe":
                let norm = pipeline.normalization
                let train = FeatureExtractor.extract(network, store, dataset: splits.evalTrain,
                                                     indices: subset(splits.evalTrain, e.trainSubset, salt: 4),
                                                     normalization: norm, source: source(e.features))
                let test = FeatureExtractor.extract(network, store, dataset: splits.test,
                                                    indices: subset(splits.test, e.testSubset, salt: 5),
                                                    normalization: norm, source: source(e.features))
                let o = e.optimizer
                if o?.name == "lbfgs" {
                    // Full-batch L-BFGS; `epochs` counts iterations, `optimizer.weight_decay` is the L2 penalty.
                    let probe = SoftmaxRegression(iterations: e.epochs ?? 100, l2: o?.weightDecay ?? 1e-4)
                    out["\(e.id).top1"] = probe.evaluate(train: train, test: test, classes: splits.classes)
                    continue
                }
                let betas = o?.betas ?? [0.9, 0.999]
                let probe = LinearProbe(epochs: e.epochs ?? 100, batchSize: e.batchSize ?? 256, lr: o?.lr ?? 1e-3,
                                        betas: (Float(betas[0]), Float(betas[1])),
                                        weightDecay: Float(o?.weightDecay ?? 0), milestones: e.milestones ?? [],
                                        gamma: e.gamma ?? 0.1, selectBest: e.select == "best", seed: seed(6))
                out["\(e.id).top1"] = probe.evaluate(train: train, test: test, classes: splits.classes)
            default:
                continue  // protocols without an implementation yet produce no metric: their claims are `not run`
            }
        }
        return out
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
        let tape = Tape.inference()
        let z = FeatureExtractor.embed(network, store, out, source: source(e.features))
        let halves = tape.split(z, axis: 0, sizes: [indices.count, indices.count])
        return (halves[0], halves[1])
    }
}
