import Contrastive
import NN

extension TrialPlan {
    /// Shuffle-BN's simulated devices: half-batch chunks (see `MomentumEncoder`).
    static let shuffleBNChunks = 2

    /// The training method a method spec's components call for: a memory bank (IR), a momentum encoder with a
    /// queue (MoCo), ManifoldCLR's operators and coefficient encoder (declared in `network`'s layout), or the plain
    /// batch loss.
    static func makeMethod(_ m: MethodSpec, loss: any ContrastiveLoss, network: ContrastiveNetwork, baseLR: Double,
                           paper: String) throws
        -> any TrainingMethod {
        let unsupported = { (what: String) in RecipeUnsupported(paper: paper, what: "method '\(m.id)': \(what)") }
        if let problem = LossCatalog.componentProblem(m, viewsGiven: true) { throw unsupported(problem.message) }
        let method: any TrainingMethod
        if let bank = m.memoryBank {
            guard bank.size == nil else {
                throw unsupported("memory_bank.size must be 'all' (one row per training image, as the Ring code)")
            }
            guard let negatives = bank.negatives else { throw unsupported("memory_bank.negatives (k - 1 draws per query) is required") }
            method = MemoryBankMethod(loss: loss, momentum: Float(bank.momentum), negatives: negatives)
        } else if let encoder = m.momentumEncoder, let queue = m.queue {
            method = MoCoMethod(loss: loss, momentum: Float(encoder.momentum), queueSize: queue.size,
                                shuffleChunks: encoder.shuffleBN == true ? shuffleBNChunks : 1)
        } else if let manifold = loss as? ManifoldCLR {
            if let problem = ManifoldModules.shapeProblem(featureDim: network.backbone.featureDim, blocks: manifold.blocks) {
                throw unsupported("loss 'manifold-clr': \(problem)")
            }
            method = ManifoldCLRMethod(loss: manifold, network: network, baseLearningRate: baseLR)
        } else {
            method = BatchLossMethod(loss)
        }
        guard method.viewCount == m.views else {
            throw unsupported("the method trains on \(method.viewCount) view(s) per image, the spec gives views: \(m.views)")
        }
        return method
    }
}
