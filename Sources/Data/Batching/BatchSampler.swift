import Engine

/// Which images make up each batch: a fresh permutation per epoch, cut into `batchSize` slices.
///
/// The permutation of epoch `e` is a pure function of `(seed, e)`, and a batch's augmentation RNG of
/// `(seed, epoch, step)`, so a run resumed at any step sees exactly the batches an uninterrupted run would.
public struct BatchSampler: Sendable, Equatable {
    public let count: Int
    public let batchSize: Int
    public let seed: UInt64
    /// Drops the last incomplete batch (contrastive losses want a fixed number of negatives).
    public let dropLast: Bool

    public init(count: Int, batchSize: Int, seed: UInt64, dropLast: Bool = true) throws {
        guard batchSize > 0 else {
            throw DataError.invalidParameter(name: "batch size", value: "\(batchSize)", expected: "> 0")
        }
        guard count >= (dropLast ? batchSize : 1) else {
            throw DataError.invalidParameter(name: "batch size", value: "\(batchSize)",
                                             expected: "at most the \(count) images of the data set")
        }
        self.count = count; self.batchSize = batchSize; self.seed = seed; self.dropLast = dropLast
    }

    /// Batches per epoch.
    public var stepsPerEpoch: Int { dropLast ? count / batchSize : (count + batchSize - 1) / batchSize }

    /// The order of the images in epoch `epoch`.
    public func permutation(epoch: Int) -> [Int] {
        var rng = RNG(seed: seed, stream: [UInt64(epoch), 0])
        return rng.permutation(count)
    }

    /// The image indices of batch `(epoch, step)`.
    public func indices(epoch: Int, step: Int) -> [Int] {
        indices(step: step, of: permutation(epoch: epoch))
    }

    /// The slice of an epoch's `permutation` for `step` (lets a loader reuse one permutation for the epoch).
    public func indices(step: Int, of permutation: [Int]) -> [Int] {
        precondition(step >= 0 && step < stepsPerEpoch, "step \(step) outside 0..<\(stepsPerEpoch)")
        let lo = step * batchSize
        return Array(permutation[lo..<min(lo + batchSize, count)])
    }

    /// The RNG that augments batch `(epoch, step)`.
    public func augmentationRNG(epoch: Int, step: Int) -> RNG {
        RNG(seed: seed, stream: [UInt64(epoch), UInt64(step), 1])
    }

    /// The position after `(epoch, step)`.
    public func position(after epoch: Int, _ step: Int) -> (epoch: Int, step: Int) {
        step + 1 < stepsPerEpoch ? (epoch, step + 1) : (epoch + 1, 0)
    }
}
