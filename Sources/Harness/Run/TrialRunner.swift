import Foundation
import Engine
import NN
import Data
import Contrastive

/// Runs one trial: data → augment → pretrain → evaluate → `TrialResult`.
///
/// The randomly initialised encoder (the same initialisation, before the first step) is evaluated too,
/// as `<metric>.random`, so sanity claims compare trained with untrained on the same seed.
public struct TrialRunner {
    public var data: DataCatalog
    public var progress: (TrainProgress) -> Void

    public init(data: DataCatalog, progress: @escaping (TrainProgress) -> Void = { _ in }) {
        self.data = data; self.progress = progress
    }

    /// Never throws for training failures (they become `TrialResult.error`); throws `UserInputError`s for
    /// missing data or a recipe the engine cannot build.
    public func run(_ config: TrialConfig) throws -> TrialResult {
        var result = TrialResult(paper: config.paper, method: config.method.id, dataset: config.data.dataset,
                                 seed: config.seed, scale: config.scale.rawValue, configHash: config.hash)
        let splits = try data.splits(for: config.data)
        let plan = try TrialPlan(config, channels: splits.train.channels)
        let loader = BatchLoader(dataset: splits.train, pipeline: plan.pipeline,
                                 sampler: try BatchSampler(count: splits.train.count, batchSize: config.batchSize,
                                                           seed: UInt64(config.seed)))
        let steps = config.steps ?? config.epochs * loader.sampler.stepsPerEpoch
        let trainer = Pretrainer(network: plan.network, method: plan.method, loader: loader,
                                 settings: try plan.settings(steps: steps, stepsPerEpoch: loader.sampler.stepsPerEpoch))
        let evaluator = TrialEvaluator(config: config, network: plan.network, splits: splits, pipeline: plan.pipeline)
        let start = Date()
        for (k, v) in evaluator.evaluate(trainer.store) { result.metrics[k + ".random"] = v }
        do {
            try trainer.run(progress: progress)
        } catch {
            result.error = "\(error)"
        }
        result.steps = trainer.step
        let losses = trainer.losses
        if !losses.isEmpty {
            let k = max(1, min(10, losses.count / 5))
            result.metrics["loss.first"] = losses.prefix(k).reduce(0, +) / Double(k)
            result.metrics["loss.last"] = losses.suffix(k).reduce(0, +) / Double(k)
            result.metrics["loss"] = losses.last!
            result.curves["loss"] = Self.downsample(losses, to: 200)
        }
        let trainSeconds = Date().timeIntervalSince(start)
        result.imagesPerSecond = Double(trainer.step * config.batchSize * config.method.views) / max(trainSeconds, 1e-9)
        if result.error == nil {
            for (k, v) in evaluator.evaluate(trainer.store) { result.metrics[k] = v }
        }
        result.wallSeconds = Date().timeIntervalSince(start)
        return result
    }

    /// Means over equal consecutive buckets, so long runs keep a readable curve.
    static func downsample(_ v: [Double], to n: Int) -> [Double] {
        guard v.count > n else { return v }
        return (0..<n).map { i in
            let lo = v.count * i / n, hi = v.count * (i + 1) / n
            return v[lo..<hi].reduce(0, +) / Double(hi - lo)
        }
    }
}
