import Engine
import NN
import Data

/// MoCo (v2): queries from the trained encoder on view 0, keys from a momentum encoder on view 1, a FIFO queue
/// of earlier keys as negatives. The loss is `moco` (all of the queue) or `ring` (MoCo-Ring: the ring of it).
///
/// - Paper: He et al., CVPR 2020; Chen et al., arXiv 2003.04297 (v2: MLP head, stronger augmentation, which
///   the spec's projector and augment sections carry). Per step: `L(q, k, Q)`, backward, optimiser step, then
///   `θ_k ← m θ_k + (1 − m) θ_q` and enqueue the step's unit keys.
public final class MoCoMethod: TrainingMethod {
    public let loss: any ContrastiveLoss
    public let encoder: MomentumEncoder
    public let queueSize: Int
    public private(set) var queue: NegativeQueue?
    private var context: TrainingContext?
    /// The unit keys of the step in flight, enqueued after the optimiser step.
    private var pendingKeys: Tensor?

    public init(loss: any ContrastiveLoss, momentum: Float, queueSize: Int, shuffleChunks: Int = 1) {
        precondition(queueSize > 0, "queue size must be positive")
        self.loss = loss; self.queueSize = queueSize
        encoder = MomentumEncoder(momentum: momentum, chunks: shuffleChunks)
    }

    public var viewCount: Int { 2 }

    public func attach(_ context: TrainingContext) {
        self.context = context
        encoder.attach(copying: context.store)
        queue = NegativeQueue(size: queueSize, dim: context.network.embeddingDim, seed: context.seed)
    }

    public func loss(_ batch: Batch, step: Int, tape: Tape) -> Tensor {
        guard let context, let queue else { preconditionFailure("MoCoMethod used before attach") }
        let q = encoder.queries(batch.view(0), network: context.network, store: context.store, tape: tape)
        let k = encoder.keys(batch.view(1), network: context.network, seed: context.seed, step: step,
                             context: tape.context).rowsNormalized()
        pendingKeys = k
        return loss(LossInput(views: [q, k], indices: batch.indices, negatives: queue.keys,
                              position: TrainingPosition(step: step, stepsPerEpoch: context.stepsPerEpoch)), tape: tape)
    }

    public func afterStep(_ batch: Batch, step: Int) {
        guard let context, let queue, let keys = pendingKeys else { preconditionFailure("MoCoMethod.afterStep without a step") }
        encoder.update(toward: context.store)
        queue.enqueue(keys)
        pendingKeys = nil
    }

    public var state: [String: [Float]] {
        (queue?.state ?? [:]).merging(encoder.state) { a, _ in a }
    }

    public func restore(_ state: [String: [Float]]) throws {
        guard let queue else { preconditionFailure("MoCoMethod.restore before attach") }
        try queue.restore(state)
        try encoder.restore(state)
    }
}
