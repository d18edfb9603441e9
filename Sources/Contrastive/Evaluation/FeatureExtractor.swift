import Engine
import NN
import Data

/// Which representation an evaluation reads.
public enum FeatureSource: Sendable, Equatable {
    /// The encoder's output `f(x)` (what linear probes read).
    case encoder
    /// The projector's output `g(f(x))`.
    case projector
    /// A backbone's named intermediate layer (SmallAlexNet's `fc7`); see `Backbone.namedFeatureDims`.
    case layer(String)

    /// Width of this representation in `network`; nil for a layer the backbone does not have.
    public func dim(in network: ContrastiveNetwork) -> Int? {
        switch self {
        case .encoder: return network.backbone.featureDim
        case .projector: return network.embeddingDim
        case .layer(let name): return network.backbone.namedFeatureDims[name]
        }
    }
}

/// Frozen features of a dataset: `count x dim` values, row-major.
public struct FeatureMatrix: Sendable {
    public var values: [Float]
    public var count: Int
    public var dim: Int
    public var labels: [Int32]

    public init(values: [Float], count: Int, dim: Int, labels: [Int32]) {
        self.values = values; self.count = count; self.dim = dim; self.labels = labels
    }

    /// Rows scaled to unit length (for cosine similarity).
    public func normalized() -> FeatureMatrix {
        var out = self
        out.values.withUnsafeMutableBufferPointer { v in
            for i in 0..<count {
                var s: Float = 0
                for j in 0..<dim { s += v[i * dim + j] * v[i * dim + j] }
                let inv = 1 / max(s.squareRoot(), 1e-12)
                for j in 0..<dim { v[i * dim + j] *= inv }
            }
        }
        return out
    }
}

/// Runs a network in evaluation mode (running batch-norm statistics, no tape) over a dataset.
public enum FeatureExtractor {
    /// Features of `dataset[indices]` (all images when nil), un-augmented and normalised with `normalization`.
    public static func extract(_ network: ContrastiveNetwork, _ store: ParameterStore, dataset: ImageDataset,
                               indices: [Int]? = nil, normalization: Normalization, source: FeatureSource,
                               batchSize: Int = 500, context: EngineContext = .serial) -> FeatureMatrix {
        let subset = indices.map { dataset.subset($0) } ?? dataset
        guard let dim = source.dim(in: network) else { preconditionFailure("the backbone has no feature layer \(source)") }
        var values = [Float](repeating: 0, count: subset.count * dim)
        var start = 0
        while start < subset.count {
            let end = min(subset.count, start + batchSize)
            let x = subset.normalizedTensor(range: start..<end, normalization: normalization)
            let f = embed(network, store, x, source: source, context: context)
            values.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: start * dim).update(from: f.data, count: f.count) }
            start = end
        }
        return FeatureMatrix(values: values, count: subset.count, dim: dim, labels: subset.labels)
    }

    /// Features of an already-built image tensor `(N, C, H, W)`.
    public static func embed(_ network: ContrastiveNetwork, _ store: ParameterStore, _ images: Tensor,
                             source: FeatureSource, context: EngineContext = .serial) -> Tensor {
        let tape = Tape.inference(context: context)
        switch source {
        case .encoder: return network.features(images, store, tape)
        case .projector: return network.embed(images, store, tape)
        case .layer(let name):
            guard let f = network.features(images, store, tape, at: name) else {
                preconditionFailure("the backbone has no feature layer '\(name)'")
            }
            return f
        }
    }
}
