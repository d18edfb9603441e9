import Engine

/// One training batch: `V` augmented views of `N` images.
public struct Batch {
    /// `(V·N, C, H, W)`, view-major: rows `v·N ..< (v+1)·N` are view `v` of the `N` images.
    public let views: Tensor
    /// Data set indices of the `N` images.
    public let indices: [Int]
    /// Their labels (for monitoring and supervised baselines; -1 for unlabelled images).
    public let labels: [Int32]
    public let epoch: Int
    public let step: Int

    /// Number of views `V`.
    public var viewCount: Int { indices.isEmpty ? 0 : views.shape[0] / indices.count }
}

/// Builds batches: a pure function of `(epoch, step)` given a data set, an augmentation recipe and a sampler.
public struct BatchLoader: Sendable {
    public let dataset: ImageDataset
    public let pipeline: AugmentPipeline
    public let sampler: BatchSampler

    public init(dataset: ImageDataset, pipeline: AugmentPipeline, sampler: BatchSampler) {
        precondition(sampler.count == dataset.count, "sampler over \(sampler.count) images, data set has \(dataset.count)")
        self.dataset = dataset; self.pipeline = pipeline; self.sampler = sampler
    }

    /// Convenience: a sampler over the whole data set.
    public init(dataset: ImageDataset, pipeline: AugmentPipeline, batchSize: Int, seed: UInt64,
                dropLast: Bool = true) throws {
        self.init(dataset: dataset, pipeline: pipeline,
                  sampler: try BatchSampler(count: dataset.count, batchSize: batchSize, seed: seed, dropLast: dropLast))
    }

    /// Batch `(epoch, step)`.
    public func batch(epoch: Int, step: Int) -> Batch {
        batch(epoch: epoch, step: step, permutation: sampler.permutation(epoch: epoch))
    }

    /// Batch `(epoch, step)` given the epoch's permutation (computed once per epoch by the caller).
    public func batch(epoch: Int, step: Int, permutation: [Int]) -> Batch {
        let indices = sampler.indices(step: step, of: permutation)
        let out = pipeline.makeOutput(count: indices.count, for: dataset)
        var rng = sampler.augmentationRNG(epoch: epoch, step: step)
        pipeline.apply(images: dataset, indices: indices, into: out, rng: &rng)
        return Batch(views: out, indices: indices, labels: indices.map { dataset.labels[$0] }, epoch: epoch, step: step)
    }
}
