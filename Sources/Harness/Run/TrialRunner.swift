import Foundation
import Engine
import NN
import Data
import Contrastive

/// Runs one trial: data → augment → pretrain → evaluate → `TrialResult`.
///
/// The randomly initialised encoder (the same initialisation, before the first step) is evaluated too on the
/// evaluations above-random claims read, as `<metric>.random`, so they compare trained with untrained on the
/// same seed.
///
/// With a `CheckpointPolicy` the trial saves its state every `every` steps and, when resuming, continues
/// from the last save: the result equals an uninterrupted run's bit for bit, except the timings.
public struct TrialRunner {
    public var data: DataCatalog
    public var progress: (TrainProgress) -> Void
    public var checkpoints: CheckpointPolicy?
    /// One-line notes (e.g. "resumed from step 40").
    public var note: (String) -> Void = { _ in }
    /// Random-encoder metrics shared with the other trials of this process that start from the same weights.
    public var baselines = BaselineCache.shared

    public init(data: DataCatalog, checkpoints: CheckpointPolicy? = nil, progress: @escaping (TrainProgress) -> Void = { _ in }) {
        self.data = data; self.checkpoints = checkpoints; self.progress = progress
    }

    /// Never throws for training failures (they become `TrialResult.error`); throws `UserInputError`s for
    /// missing data or a recipe the engine cannot build, and `CheckpointFileError` for an unusable checkpoint.
    public func run(_ config: TrialConfig) throws -> TrialResult {
        let hash = config.hash
        var result = TrialResult(paper: config.paper, method: config.method.id, dataset: config.data.dataset,
                                 seed: config.seed, scale: config.scale.rawValue, configHash: hash)
        let splits = try data.splits(for: config.data)
        let plan = try TrialPlan(config, channels: splits.train.channels)
        let loader = BatchLoader(dataset: splits.train, pipeline: plan.pipeline,
                                 sampler: try BatchSampler(count: splits.train.count, batchSize: config.batchSize,
                                                           seed: UInt64(config.seed)))
        let steps = config.steps ?? config.epochs * loader.sampler.stepsPerEpoch
        // The one engine context of this trial: every tape of training and evaluation gets it.
        let context = (config.threads ?? .host()).context()
        let trainer = Pretrainer(network: plan.network, method: plan.method, loader: loader,
                                 settings: try plan.settings(steps: steps, stepsPerEpoch: loader.sampler.stepsPerEpoch),
                                 context: context)
        let evaluator = TrialEvaluator(config: config, network: plan.network, splits: splits, pipeline: plan.pipeline,
                                       context: context)
        let start = Date()
        var before = (train: 0.0, wall: 0.0)
        var random: [String: Double]
        if let saved = try checkpoints?.load(configHash: hash) {
            do { try trainer.restore(saved.pretrain) } catch {
                throw CheckpointFileError(path: checkpoints!.file(for: hash).path, reason: "\(error)")
            }
            random = saved.randomMetrics
            before = (saved.trainSeconds, saved.wallSeconds)
            note("resumed from step \(saved.pretrain.step) of \(steps)")
        } else {
            random = [:]
            if !config.baselineEvaluations.isEmpty {
                let key = BaselineCache.key(config, store: trainer.store)
                let metrics = baselines.metrics(for: key) {
                    var times: [(String, Double)] = []
                    defer { note("random encoder evaluated: " + Self.describe(times)) }
                    return evaluator.evaluate(trainer.store, only: config.baselineEvaluations) { times.append(($0, $1)) }
                }
                for (k, v) in metrics { random[k + ".random"] = v }
            }
        }
        for (k, v) in random { result.metrics[k] = v }
        let trainStart = Date()
        var saveError: Error?
        do {
            try trainer.run { p in
                progress(p)
                // After `progress` the step is complete (parameters, optimizer, losses): a consistent state.
                if let policy = checkpoints, saveError == nil, p.step % policy.every == 0, p.step < p.totalSteps {
                    let train = before.train + Date().timeIntervalSince(trainStart)
                    let cp = TrialCheckpoint(configHash: hash, pretrain: trainer.checkpoint(), randomMetrics: random,
                                             trainSeconds: train, wallSeconds: before.wall + Date().timeIntervalSince(start))
                    do { try policy.save(cp) } catch { saveError = error }
                }
            }
        } catch {
            result.error = "\(error)"
        }
        if let saveError { note("checkpoint not written: \(saveError)") }
        result.steps = trainer.step
        let losses = trainer.losses
        if !losses.isEmpty {
            let k = max(1, min(10, losses.count / 5))
            result.metrics["loss.first"] = losses.prefix(k).reduce(0, +) / Double(k)
            result.metrics["loss.last"] = losses.suffix(k).reduce(0, +) / Double(k)
            result.metrics["loss"] = losses.last!
            let perEpoch = loader.sampler.stepsPerEpoch
            let points = trainer.step >= 5 * perEpoch ? trainer.step / perEpoch : min(100, losses.count)
            (result.curves["loss"], result.curves["loss.step"]) = Self.downsample(losses, to: points)
        }
        let trainSeconds = before.train + Date().timeIntervalSince(trainStart)
        result.imagesPerSecond = Double(trainer.step * config.batchSize * config.method.views) / max(trainSeconds, 1e-9)
        if result.error == nil {
            var times: [(String, Double)] = []
            for (k, v) in evaluator.evaluate(trainer.store, timed: { times.append(($0, $1)) }) { result.metrics[k] = v }
            note("evaluated in \(String(format: "%.1f", times.reduce(0) { $0 + $1.1 })) s: " + Self.describe(times))
        }
        result.wallSeconds = before.wall + Date().timeIntervalSince(start)
        return result
    }

    /// `retrieval 1.2 s, knn5 0.4 s`: where a trial's evaluation time went.
    static func describe(_ times: [(String, Double)]) -> String {
        times.map { "\($0.0) \(String(format: "%.1f", $0.1)) s" }.joined(separator: ", ")
    }

    /// Means over `n` equal consecutive groups of steps, and the (1-based) step each group ends at.
    static func downsample(_ v: [Double], to n: Int) -> ([Double], [Double]) {
        let n = max(1, min(n, v.count))
        var means: [Double] = [], ends: [Double] = []
        for i in 0..<n {
            let lo = v.count * i / n, hi = v.count * (i + 1) / n
            means.append(v[lo..<hi].reduce(0, +) / Double(hi - lo))
            ends.append(Double(hi))
        }
        return (means, ends)
    }
}
