import Engine
import Foundation

/// Hard-negative contrastive loss (HN-CL, CACR's baseline): NT-Xent whose negatives are importance-weighted
/// toward the hard ones and debiased for false negatives.
///
/// - Paper: Robinson, Chuang, Sra, Jegelka, "Contrastive Learning with Hard Negative Samples" (ICLR 2021), as
///   their code (joshr17/HCL, `estimator='hard'`) computes it;
///   CACR (github.com/JegZheng/CACR-SSL @fbc9d94, small_scale_experiments) uses it as its HN-CL baseline.
///
/// With views `x, y (N, D)`, `u = normalize_rows([x; y]) (2N, D)`, `p(r)` the other view of image `r`,
/// `M = 2N - 2` negatives per row (every `k ∉ {r, p(r)}`):
/// ```
/// s_rk  = u_r · u_k / τ                                                      (2N, 2N)
/// pos_r = exp(s_{r,p(r)}),  neg_rk = exp(s_rk),  imp_rk = neg_rk^β
/// R_r   = Σ_k imp_rk neg_rk / mean_k imp_rk  =  M Σ_k softmax_k(β s_r·)_k neg_rk
/// Ng_r  = max( (R_r - τ⁺ M pos_r) / (1 - τ⁺),  M e^{-1/τ} )
/// L     = 1/(2N) Σ_r -log( pos_r / (pos_r + Ng_r) )                           scalar
/// ```
/// β = 0 is the debiased loss of Chuang et al. (NeurIPS 2020); β = 0 and τ⁺ = 0 is NT-Xent (`InfoNCE`).
/// Every exponential is taken of `s - 1/τ`, which is at most 0 for unit vectors, so nothing overflows; the loss
/// is invariant to that common factor (the clamp bound is scaled with it). The exponents reach down to `-2/τ`,
/// so τ >= 0.025 keeps every term a normal float32 (`e^-87` is the smallest).
public struct HardNegative: ContrastiveLoss {
    /// τ, dividing the cosine similarities.
    public var temperature: Float
    /// τ⁺, the assumed probability that a negative shares the anchor's class.
    public var tauPlus: Float
    /// β, the concentration of the importance weights on hard negatives.
    public var beta: Float

    public init(temperature: Float = 0.5, tauPlus: Float = 0.1, beta: Float = 1) {
        precondition(temperature > 0, "hard-negative temperature must be positive, got \(temperature)")
        precondition(tauPlus >= 0 && tauPlus < 1, "hard-negative τ⁺ must be in [0, 1), got \(tauPlus)")
        self.temperature = temperature; self.tauPlus = tauPlus; self.beta = beta
    }

    /// The declared parameters, read by `make` through `LossArguments`.
    public enum Parameters {
        public static let temperature = LossParameter("temperature", default: 0.5, range: 0.025...100, doc: "τ dividing the cosine similarities (HCL 0.5)")
        public static let tauPlus = LossParameter("tau_plus", default: 0.1, range: 0...0.99, doc: "τ⁺, class prior of false negatives (HCL 0.1)")
        public static let beta = LossParameter("beta", default: 1, range: 0...20, doc: "β, hardness concentration (HCL 1.0)")
    }

    public static let entry = LossEntry(
        name: "hard-negative",
        summary: "HN-CL: NT-Xent with negatives reweighted by exp(β s) and debiased by τ⁺ (β=0: debiased CL; "
            + "β=0, τ⁺=0: NT-Xent)",
        paper: "Robinson, Chuang, Sra, Jegelka, Contrastive Learning with Hard Negative Samples, ICLR 2021",
        parameters: [Parameters.temperature, Parameters.tauPlus, Parameters.beta],
        make: { p in
            HardNegative(temperature: p.float(Parameters.temperature), tauPlus: p.float(Parameters.tauPlus), beta: p.float(Parameters.beta))
        })

    public func callAsFunction(_ input: LossInput, tape: Tape) -> Tensor {
        precondition(inputProblem(input) == nil, "hard-negative: \(inputProblem(input)!)")
        let n = input.views[0].shape[0], m = 2 * n - 2
        let a = tape.l2Normalize(input.views[0]), b = tape.l2Normalize(input.views[1])
        let u = tape.concat([a, b], axis: 0)
        let shift = 1 / temperature
        let s = tape.scale(tape.matmul(u, u, transposeB: true), by: 1 / temperature)               // (2N, 2N)
        // exp(s - 1/τ) on the negatives, 0 on the self and the positive.
        let negatives = tape.mul(tape.exp(tape.add(s, scalar: -shift)), NegativeMask.keep(n: n))
        let importance = tape.softmax(tape.add(tape.scale(s, by: beta), NegativeMask.drop(n: n)))  // rows sum to 1
        let reweighted = tape.scale(tape.sum(tape.mul(importance, negatives), axis: 1), by: Float(m)) // (2N, 1)
        let positiveLogit = tape.sum(tape.mul(a, b), axis: 1)                                       // (N, 1), τ·s
        let logPos = tape.add(tape.scale(tape.concat([positiveLogit, positiveLogit], axis: 0), by: 1 / temperature),
                              scalar: -shift)
        let pos = tape.exp(logPos)
        let debiased = tape.scale(tape.sub(reweighted, tape.scale(pos, by: tauPlus * Float(m))), by: 1 / (1 - tauPlus))
        // max(v, c) = relu(v - c) + c; the floor M e^{-1/τ} shifted by e^{-1/τ} like every other term.
        let floor = Float(m) * Float(Foundation.exp(Double(-2 / temperature)))
        let ng = tape.add(tape.relu(tape.add(debiased, scalar: -floor)), scalar: floor)
        // -log(pos / (pos + Ng)) = log(pos + Ng) - log pos
        return tape.mean(tape.sub(tape.log(tape.add(pos, ng)), logPos))
    }

}
