import Engine
import NN
import Data

/// The default method: embed every view with the trained encoder and apply a batch loss; no state.
public final class BatchLossMethod: TrainingMethod {
    public let loss: any ContrastiveLoss
    private var network: ContrastiveNetwork?
    private var store: ParameterStore?

    public init(_ loss: any ContrastiveLoss) { self.loss = loss }

    public var viewCount: Int { loss.viewCount }

    public func attach(_ context: TrainingContext) { network = context.network; store = context.store }

    public func loss(_ batch: Batch, step: Int, tape: Tape) -> Tensor {
        guard let network, let store else { preconditionFailure("BatchLossMethod used before attach") }
        let z = network.embed(batch.views, store, tape)
        // Views are stacked view-major: rows [k*N, (k+1)*N) are view k.
        let views = tape.split(z, axis: 0, sizes: Array(repeating: batch.indices.count, count: batch.viewCount))
        return loss(LossInput(views: views, indices: batch.indices), tape: tape)
    }

    public func afterStep(_ batch: Batch, step: Int) {}

    public var state: [String: [Float]] { [:] }

    public func restore(_ state: [String: [Float]]) throws {}
}
