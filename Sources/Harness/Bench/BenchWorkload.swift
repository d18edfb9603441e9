/// The benchmark workloads (W1-W3 SimCLR steps, W4 linear probe), defined with their PyTorch peer in
/// `scripts/torch_peer.py`, and
/// `data`: the augmentation pipeline's throughput (`DataWorkload`).
///
/// Sizes, timing protocol and FLOP counts are the peer's, so the figures line up with
/// `scripts/torch_peer.py --workload W…` run on the same machine.
public enum BenchWorkload: String, CaseIterable, Sendable {
    case w1 = "W1", w2 = "W2", w3 = "W3", w4 = "W4", data

    /// What one SimCLR-step workload trains; nil for W4.
    public var simclr: SimCLRWorkload? {
        switch self {
        case .w1:
            return SimCLRWorkload(name: "convnet-s", backbone: "convnet-s", channels: 1, imageSize: 28, batchPerView: 256,
                                  heads: [128: .init(hidden: [128], output: 64)], parameters: 117_792,
                                  macsPerImage: 7_475_712, firstConvMacsPerImage: 225_792, embedding: 64,
                                  warmup: 3, measurements: 7, steps: 3)
        case .w2:
            return SimCLRWorkload(name: "resnet18-cifar", backbone: "resnet18", stem: "cifar", channels: 3, imageSize: 32,
                                  batchPerView: 128,
                                  heads: [512: .init(hidden: [2048], output: 128)], parameters: 12_483_776,
                                  macsPerImage: 556_728_320, firstConvMacsPerImage: 1_769_472, embedding: 128,
                                  warmup: 1, measurements: 5, steps: 1)
        case .w3:
            // The torch reference counts fc6-fc8 as part of SmallAlexNet; which of them the engine's backbone
            // includes decides the head that completes it (the parameter count then checks the result).
            return SimCLRWorkload(name: "small-alexnet-cifar", backbone: "small-alexnet", channels: 3, imageSize: 32,
                                  batchPerView: 128,
                                  heads: [1728: .init(hidden: [4096, 4096], output: 128),
                                          4096: .init(hidden: [], output: 128),
                                          128: nil],
                                  parameters: 27_221_088, macsPerImage: 194_414_592, firstConvMacsPerImage: 2_654_208,
                                  embedding: 128, warmup: 1, measurements: 5, steps: 1)
        case .w4, .data:
            return nil
        }
    }
}

/// One SimCLR training-step workload: backbone, head, batch, protocol and the README's MAC counts.
public struct SimCLRWorkload: Sendable {
    /// The projection head: BN+ReLU after each hidden linear layer (no bias there), biased output layer.
    public struct Head: Sendable, Equatable {
        public var hidden: [Int]
        public var output: Int
    }

    public var name: String
    /// `BackboneRegistry` name.
    public var backbone: String
    /// ResNet stem (`cifar`: 3×3 conv, no max pool, as the README's W2); nil for other backbones.
    public var stem: String? = nil
    public var channels: Int, imageSize: Int
    /// `B`; a step forwards `2B` images.
    public var batchPerView: Int
    /// The head for each backbone feature width (nil: the backbone already ends in the embedding).
    public var heads: [Int: Head?]
    /// The reference model's parameter count (backbone + head).
    public var parameters: Int
    /// Conv + linear multiply-adds per image, forward.
    public var macsPerImage: Int
    /// MACs of the first conv, whose input gradient a step does not need.
    public var firstConvMacsPerImage: Int
    /// Width of `z`.
    public var embedding: Int
    public var warmup: Int, measurements: Int, steps: Int

    public var imagesPerStep: Int { 2 * batchPerView }

    /// Forward MACs of a step including the similarity matrix `z zᵀ`.
    public var forwardMacs: Double {
        let n = Double(imagesPerStep)
        return n * Double(macsPerImage) + n * n * Double(embedding)
    }

    /// `3 × 2 × MACs` (forward + two backward GEMMs), the README's "x3" count.
    public var flopsPerStep: Double { 6 * forwardMacs }

    /// Without the first conv's input-gradient GEMM.
    public var exactFlopsPerStep: Double { flopsPerStep - 2 * Double(imagesPerStep) * Double(firstConvMacsPerImage) }

    /// The same workload with another batch (`--batch`, e.g. the smoke scale's 128).
    public func with(batchPerView b: Int) -> SimCLRWorkload {
        var w = self
        w.batchPerView = b
        return w
    }
}
