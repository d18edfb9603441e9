import Engine

/// MoCo's InfoNCE: each query against its own momentum key and a queue of earlier keys.
///
/// - Paper: He, Fan, Wu, Xie, Girshick, "Momentum Contrast for Unsupervised Visual Representation Learning"
///   (CVPR 2020); Chen, Fan, Girshick, He, "Improved Baselines with Momentum Contrastive Learning" (MoCo v2,
///   arXiv 2003.04297). As the Ring code computes it (github.com/mhw32/contrastive-ring-public @fb3e1c2,
///   src/objectives/moco.py): both views are normalised, the queue is
///   used as stored (its rows are unit keys).
///
/// With query `q (N, D)` (views[0], query encoder), key `k (N, D)` (views[1], momentum encoder, stop-gradient)
/// and queue `Q (K, D)` (`negatives`):
/// ```
/// q̂, k̂ = normalize_rows(q), normalize_rows(k)
/// logits = [ Σ_d q̂ ⊙ k̂  |  q̂ Qᵀ ] / τ        (N, 1 + K)
/// L = 1/N Σ_i −log softmax(logits_i)[0]        scalar
/// ```
public struct MoCoLoss: ContrastiveLoss {
    public var temperature: Float

    public init(temperature: Float = 0.07) {
        precondition(temperature > 0, "moco temperature must be positive, got \(temperature)")
        self.temperature = temperature
    }

    /// The declared parameters, read by `make` through `LossArguments`.
    public enum Parameters {
        public static let temperature = LossParameter("temperature", default: 0.07, range: 1e-4...100, doc: "τ dividing the cosine similarities")
    }

    public static let entry = LossEntry(
        name: "moco",
        summary: "MoCo InfoNCE: each query's momentum key against a queue of earlier keys (needs momentum_encoder and queue)",
        paper: "He et al., Momentum Contrast for Unsupervised Visual Representation Learning, CVPR 2020 (v2: Chen et al. 2020)",
        parameters: [Parameters.temperature],
        components: .momentumQueue,
        make: { MoCoLoss(temperature: $0.float(Parameters.temperature)) })

    public func callAsFunction(_ input: LossInput, tape: Tape) -> Tensor {
        precondition(input.views.count == 2, "moco needs a query and a key view, got \(input.views.count)")
        guard let queue = input.negatives else { preconditionFailure("moco needs the queue as LossInput.negatives") }
        let (q, negatives) = CandidateContrast.scores(input.views[0], queue, tape: tape, loss: "moco")
        let k = tape.l2Normalize(input.views[1])
        precondition(k.shape == q.shape, "moco: key \(k.shape) and query \(q.shape) differ")
        let positive = tape.sum(tape.mul(q, k), axis: 1)
        return CandidateContrast.positiveFirst(tape.concat([positive, negatives], axis: 1), temperature: temperature, tape: tape)
    }
}
