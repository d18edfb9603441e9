import Testing
import Foundation
import Engine
import NN
import Data
@testable import Contrastive

/// Real Fashion-MNIST (Debian's dataset-fashion-mnist), first 2,000 training images.
func fashionSubset(_ n: Int = 2000) throws -> ImageDataset {
    let full = try FashionMNIST.load(.train, root: URL(fileURLWithPath: DataRoot.systemDefault))
    return full.subset(Array(0..<n))
}

func smokeTrainer(_ data: ImageDataset, loss: any ContrastiveLoss, seed: UInt64, steps: Int) throws -> Pretrainer {
    let net = try #require(ContrastiveNetwork(backbone: "convnet-s", channels: 1, imageSize: 28, projectorHidden: [32],
                                              projectorOutput: 16, projectorBatchNorm: true))
    let pipeline = try AugmentPipeline(views: loss.viewCount, crop: try RandomResizedCrop(size: 28, scale: (0.2, 1)), flipProbability: 0.5,
                                   normalization: FashionMNIST.normalization)
    let loader = BatchLoader(dataset: data, pipeline: pipeline, sampler: try BatchSampler(count: data.count, batchSize: 64, seed: seed))
    return Pretrainer(network: net, loss: loss, loader: loader,
                      settings: PretrainSettings(steps: steps, baseLR: 0.1, momentum: 0.9, weightDecay: 5e-4, seed: seed))
}

@Test func pretrainingLowersTheLossOnFashionMNIST() throws {
    let data = try fashionSubset()
    let entry = try #require(LossRegistry.entry(named: "nt-xent"))
    let trainer = try smokeTrainer(data, loss: entry.make(["temperature": 0.5]), seed: 1, steps: 40)
    var seen = 0
    try trainer.run { p in seen = p.step; #expect(p.loss.isFinite) }
    #expect(seen == 40 && trainer.losses.count == 40)
    let first = trainer.losses.prefix(5).reduce(0, +) / 5, last = trainer.losses.suffix(5).reduce(0, +) / 5
    #expect(last < first - 0.1, "loss \(first) → \(last)")
}

@Test func pretrainingIsRepeatableForASeed() throws {
    let data = try fashionSubset(600)
    let entry = try #require(LossRegistry.entry(named: "align-uniform"))
    let params = try entry.resolve([:]).get()
    let a = try smokeTrainer(data, loss: entry.make(params), seed: 7, steps: 6)
    let b = try smokeTrainer(data, loss: entry.make(params), seed: 7, steps: 6)
    let c = try smokeTrainer(data, loss: entry.make(params), seed: 8, steps: 6)
    try a.run(); try b.run(); try c.run()
    #expect(a.losses == b.losses)
    #expect(a.store.valueArray == b.store.valueArray)
    #expect(a.losses != c.losses)
}

@Test("pretraining with each optimizer lowers the loss", arguments: [
    ("adam", 1e-3), ("adamw", 1e-3), ("lars", 2.0),
])
func pretrainingWithOtherOptimizersLowersTheLoss(name: String, lr: Double) throws {
    let data = try fashionSubset(1000)
    let entry = try #require(LossRegistry.entry(named: "nt-xent"))
    let algorithm: OptimizerAlgorithm = name == "lars"
        ? .lars(momentum: 0.9, trustCoefficient: 1e-3, nesterov: false)
        : .adam(beta1: 0.9, beta2: 0.999, eps: 1e-8, decoupled: name == "adamw")
    let net = try #require(ContrastiveNetwork(backbone: "convnet-s", channels: 1, imageSize: 28, projectorHidden: [32],
                                              projectorOutput: 16, projectorBatchNorm: true))
    let pipeline = try AugmentPipeline(views: 2, crop: try RandomResizedCrop(size: 28, scale: (0.2, 1)), flipProbability: 0.5,
                                       normalization: FashionMNIST.normalization)
    let loader = BatchLoader(dataset: data, pipeline: pipeline, sampler: try BatchSampler(count: data.count, batchSize: 64, seed: 3))
    let settings = PretrainSettings(steps: 30, baseLR: lr, optimizer: OptimizerSettings(algorithm, weightDecay: 1e-4,
                                                                                         excludeBNAndBias: name == "lars"),
                                    seed: 3)
    let trainer = Pretrainer(network: net, loss: entry.make(["temperature": 0.5]), loader: loader, settings: settings)
    try trainer.run()
    #expect(trainer.optimizer.state.kind == name && trainer.optimizer.state.steps == 30)
    let first = trainer.losses.prefix(5).reduce(0, +) / 5, last = trainer.losses.suffix(5).reduce(0, +) / 5
    #expect(last < first - 0.1, "\(name): loss \(first) → \(last)")
}

@Test func fiveViewCACRTrainsEndToEnd() throws {
    // K = 4 positives: the pipeline makes 5 views per image and the trainer splits the embeddings into 5.
    let data = try fashionSubset(1000)
    let entry = try #require(LossRegistry.entry(named: "cacr"))
    let loss = entry.make(try entry.resolve(["positives": 4, "t_neg": 0.9]).get())
    #expect(loss.viewCount == 5)
    let trainer = try smokeTrainer(data, loss: loss, seed: 3, steps: 20)
    try trainer.run()
    #expect(trainer.losses.count == 20 && trainer.losses.allSatisfy(\.isFinite))
    let first = trainer.losses.prefix(5).reduce(0, +) / 5, last = trainer.losses.suffix(5).reduce(0, +) / 5
    #expect(last < first, "loss \(first) → \(last)")
}
