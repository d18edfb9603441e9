import Engine
import NN
import Data

/// Instance discrimination (IR) with a memory bank: one view per image, its bank row the positive, `k − 1`
/// negatives drawn per query from `(seed, step)`. The loss is `instance-discrimination` (drawn from the whole
/// bank) or `ring` (IR-Ring: drawn from the ring).
///
/// - Paper: Wu et al., CVPR 2018, as the Ring code runs it (github.com/mhw32/contrastive-ring-public @fb3e1c2, src/objectives/memory.py): after each step the batch's bank
///   rows become `normalize(m · row + (1 − m) · q̂)` with the queries of that step (before the update).
public final class MemoryBankMethod: TrainingMethod {
    public let loss: any ContrastiveLoss
    public let momentum: Float
    /// Negatives drawn per query (`k − 1`; the positive makes `k` candidates).
    public let negatives: Int
    public private(set) var bank: MemoryBank?
    private var context: TrainingContext?
    private var pendingQueries: Tensor?

    public init(loss: any ContrastiveLoss, momentum: Float, negatives: Int) {
        precondition(negatives > 0, "draw at least one negative")
        self.loss = loss; self.momentum = momentum; self.negatives = negatives
    }

    public var viewCount: Int { 1 }

    public func attach(_ context: TrainingContext) {
        self.context = context
        bank = MemoryBank(count: context.datasetCount, dim: context.network.embeddingDim, momentum: momentum, seed: context.seed)
    }

    public func loss(_ batch: Batch, step: Int, tape: Tape) -> Tensor {
        guard let context, let bank else { preconditionFailure("MemoryBankMethod used before attach") }
        let q = context.network.embed(batch.view(0), context.store, tape)
        pendingQueries = q.rowsNormalized()
        let draws = NegativeDraws.draws(count: batch.indices.count * negatives, seed: context.seed, step: step)
        return loss(LossInput(views: [q], indices: batch.indices, negatives: bank.rows, draws: draws,
                              position: TrainingPosition(step: step, stepsPerEpoch: context.stepsPerEpoch)), tape: tape)
    }

    public func afterStep(_ batch: Batch, step: Int) {
        guard let bank, let q = pendingQueries else { preconditionFailure("MemoryBankMethod.afterStep without a step") }
        bank.update(indices: batch.indices, values: q)
        pendingQueries = nil
    }

    public var state: [String: [Float]] { bank?.state ?? [:] }

    public func restore(_ state: [String: [Float]]) throws {
        guard let bank else { preconditionFailure("MemoryBankMethod.restore before attach") }
        try bank.restore(state)
    }
}
