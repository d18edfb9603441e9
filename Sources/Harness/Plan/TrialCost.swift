import Foundation
import Engine
import NN
import Contrastive

/// What one trial costs: multiply-adds from the model's real layer shapes, steps from the recipe, and memory.
public struct TrialCost: Sendable {
    /// Forward multiply-adds of the network (conv and linear GEMMs) per image.
    public var macsPerImage: Int
    /// Augmented views per step (`views × batch_size`).
    public var imagesPerStep: Int
    public var steps: Int?
    public var parameterCount: Int
    /// Bytes of the tensors one image's forward pass allocates (the activations backward keeps), measured.
    public var activationBytesPerImage: Int

    /// FLOPs of one training step: 2 per MAC, ×3 for forward + backward (DESIGN's bench convention).
    public var flopsPerStep: Double { 6 * Double(macsPerImage) * Double(imagesPerStep) }
    public var totalFLOPs: Double? { steps.map { Double($0) * flopsPerStep } }
    /// Peak training memory: activations of a step plus values, gradients and one optimizer buffer.
    public var memoryBytes: Int { activationBytesPerImage * imagesPerStep + parameterCount * 4 * 3 }

    /// Measures the network of `config` on a 2-image batch (no data is read).
    public static func estimate(_ config: TrialConfig) throws -> TrialCost {
        let channels = DatasetFacts.channels(config.data.dataset)
        let plan = try TrialPlan(config, channels: channels)
        var rng = RNG(seed: 0)
        let store = ParameterStore(layout: plan.network.layout, rng: &rng)
        let size = config.data.imageSize, n = 2
        let x = Tensor((0..<(n * channels * size * size)).map { _ in rng.normal() }, shape: [n, channels, size, size])
        let tape = Tape(training: true)
        let cost = CostCounter.measure { _ = plan.network.embed(x, store, tape) }
        tape.reset()
        let images = DatasetFacts.count(config.data.dataset, split: config.data.trainSplit)
            .map { n in config.data.trainSubset.map { min($0, n) } ?? n }
        let perEpoch = images.map { $0 / config.batchSize }
        return TrialCost(macsPerImage: cost.macs / n, imagesPerStep: config.batchSize * config.method.views,
                         steps: config.steps ?? perEpoch.map { $0 * config.epochs }, parameterCount: store.count,
                         activationBytesPerImage: cost.bytes / n)
    }
}
