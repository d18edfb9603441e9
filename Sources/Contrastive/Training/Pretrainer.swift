import Foundation
import Engine
import NN
import Data

/// Optimiser and step budget of a pretraining run (everything else comes with the network and loader).
public struct PretrainSettings: Sendable {
    public var steps: Int
    public var baseLR: Double
    public var schedule: Schedule
    /// Update rule, weight decay and its BN/bias exclusion.
    public var optimizer: OptimizerSettings
    /// Parameters are initialised from this seed (the data order uses the loader's own seed).
    public var seed: UInt64

    public init(steps: Int, baseLR: Double, schedule: Schedule = .constant, optimizer: OptimizerSettings, seed: UInt64) {
        self.steps = steps; self.baseLR = baseLR; self.schedule = schedule; self.optimizer = optimizer; self.seed = seed
    }

    /// SGD settings.
    public init(steps: Int, baseLR: Double, schedule: Schedule = .constant, momentum: Float = 0.9,
                weightDecay: Float = 0, nesterov: Bool = false, excludeBNAndBias: Bool = false, seed: UInt64) {
        self.init(steps: steps, baseLR: baseLR, schedule: schedule,
                  optimizer: OptimizerSettings(.sgd(momentum: momentum, nesterov: nesterov), weightDecay: weightDecay,
                                               excludeBNAndBias: excludeBNAndBias),
                  seed: seed)
    }
}

/// A snapshot of training progress, reported after every step.
public struct TrainProgress: Sendable {
    public var step: Int, totalSteps: Int, epoch: Int
    public var loss: Double
    public var imagesPerSecond: Double
    public var elapsed: Double
    public var eta: Double { imagesPerSecond > 0 && step > 0 ? elapsed / Double(step) * Double(totalSteps - step) : 0 }
}

/// Why a pretraining run stopped early.
public struct DivergenceError: Error, CustomStringConvertible {
    public var step: Int
    public var loss: Float
    public var description: String { "training diverged at step \(step): loss \(loss)" }
}

/// The pretraining loop: batch → views → embeddings → loss → backward → update.
public final class Pretrainer {
    public let network: ContrastiveNetwork
    public let loss: any ContrastiveLoss
    /// How a step turns a batch into the loss, and the state it keeps (queue, bank, key encoder).
    public let method: any TrainingMethod
    public let loader: BatchLoader
    public let settings: PretrainSettings
    public let store: ParameterStore
    public let optimizer: any Optimizer
    /// Workers, BLAS threads and profiler of every training tape.
    public let context: EngineContext
    /// Training loss of every step.
    public internal(set) var losses: [Double] = []
    public internal(set) var step = 0

    public convenience init(network: ContrastiveNetwork, loss: any ContrastiveLoss, loader: BatchLoader, settings: PretrainSettings,
                            context: EngineContext = .serial) {
        self.init(network: network, method: BatchLossMethod(loss), loader: loader, settings: settings, context: context)
    }

    /// Trains with `method` (MoCo, a memory bank, …), which is attached to the new store here.
    public init(network: ContrastiveNetwork, method: any TrainingMethod, loader: BatchLoader, settings: PretrainSettings,
                context: EngineContext = .serial) {
        self.context = context
        self.network = network; self.method = method; self.loss = method.loss; self.loader = loader; self.settings = settings
        var rng = RNG(seed: settings.seed, stream: [0x1417])
        store = ParameterStore(layout: network.layout, rng: &rng)
        optimizer = settings.optimizer.make(for: store)
        method.attach(TrainingContext(network: network, store: store, datasetCount: loader.dataset.count,
                                      stepsPerEpoch: loader.sampler.stepsPerEpoch, seed: settings.seed))
    }

    /// Trains until `settings.steps`, calling `progress` after each step. Throws on a non-finite loss.
    public func run(progress: (TrainProgress) -> Void = { _ in }) throws {
        let perEpoch = loader.sampler.stepsPerEpoch
        let start = Date()
        let prefetch = Prefetcher(loader: loader, epoch: step / perEpoch, step: step % perEpoch)
        var images = 0
        while step < settings.steps, let batch = prefetch.next() {
            let value = trainStep(batch)
            guard value.isFinite else { throw DivergenceError(step: step, loss: value) }
            losses.append(Double(value))
            step += 1
            images += batch.views.shape[0]
            let elapsed = Date().timeIntervalSince(start)
            progress(TrainProgress(step: step, totalSteps: settings.steps, epoch: batch.epoch, loss: Double(value),
                                   imagesPerSecond: Double(images) / max(elapsed, 1e-9), elapsed: elapsed))
        }
    }

    /// One optimiser step on `batch`; returns the loss before the update.
    public func trainStep(_ batch: Batch) -> Float {
        let tape = Tape(training: true, context: context)
        let value = method.loss(batch, step: step, tape: tape)
        store.zeroGrads()
        tape.backward(from: value)
        let lr = settings.schedule.rate(base: settings.baseLR, step: step)
        optimizer.step(store, lr: Float(lr))
        method.afterStep(batch, step: step)
        return value.item
    }
}
