import Engine

/// Contrastive attraction and contrastive repulsion (CACR), the small-scale version of the official code.
///
/// - Paper: Zheng et al., "Contrastive Attraction and Contrastive Repulsion for Representation Learning"
///   (TMLR 2023), as `small_scale_experiments/losses/__init__.py` computes it (github.com/JegZheng/CACR-SSL
///   @fbc9d94: `our_loss1`, `our_loss2`, `forward_negative_loss` with the Euclidean cost).
///
/// `V = K + 1` views `(N, D)` of the same images, normalised to unit rows `z⁰ … z^K`; `d(u, w) = ‖u - w‖²`:
/// ```
/// attraction, each query view q, its K positives p ≠ q:                      weights (N, K)
///   π⁺_ip = softmax_p( t⁺ · d(z^q_i, z^p_i) )          (farther positives weigh more)
///   A_q   = 1/N Σ_i Σ_p π⁺_ip · α · d(z^q_i, z^p_i)
/// repulsion, each unordered view pair x < y, anchors z^x_i, negatives z^y_j, j ≠ i:   weights (N, N-1)
///   π⁻_ij = softmax_j( -t⁻ · d(z^x_i, z^y_j) )          (closer negatives weigh more)
///   R_xy  = 1/N Σ_i Σ_{j≠i} π⁻_ij · (-β · d(z^x_i, z^y_j))
///   with τ⁺ > 0 (the code's --with_debiased):  1/N Σ_i [ -τ⁺ d(z^x_i, z^y_i) + Σ_j π⁻_ij (-β d_ij) ] / (1 - τ⁺)
/// L = 1/V Σ_q A_q + 1/(V(V-1)/2) Σ_{x<y} R_xy                                    scalar
/// ```
/// The weights are not detached: the gradient also flows through the softmaxes, as in the code. `choice` drops
/// weights for the code's ablations (uniform weights: plain means of the costs): 0 `full`, 1 `without_w1`
/// (attraction uniform), 2 `without_w2` (repulsion uniform), 3 `none`. As in the code the τ⁺ term applies only
/// while the repulsion weights are on (choice 0 or 1), and only the first view of each pair serves as anchor.
/// The code forms the weights as `cost · (t/α)`, which is undefined for α = 0 (or β = 0); here they are `t · d`,
/// equal for α, β > 0 and well defined at 0.
public struct CACR: ContrastiveLoss {
    /// The code's `--choice`: which conditional weights are used.
    public enum Choice: Int, Sendable { case full = 0, withoutW1 = 1, withoutW2 = 2, none = 3 }

    /// K, positives per query; the loss consumes K + 1 views.
    public var positives: Int
    /// α, scale of the attraction cost.
    public var alpha: Float
    /// β, scale of the repulsion cost.
    public var beta: Float
    /// t⁺, inverse temperature of the attraction weights.
    public var tPos: Float
    /// t⁻, inverse temperature of the repulsion weights.
    public var tNeg: Float
    public var choice: Choice
    /// τ⁺ of the debiased repulsion; 0 is the code's default run (no --with_debiased).
    public var tauPlus: Float

    public init(positives: Int = 1, alpha: Float = 1, beta: Float = 1, tPos: Float = 1, tNeg: Float = 1,
                choice: Choice = .full, tauPlus: Float = 0) {
        precondition(positives >= 1, "cacr needs K >= 1 positives, got \(positives)")
        precondition(tauPlus >= 0 && tauPlus < 1, "cacr: τ⁺ must be in [0, 1), got \(tauPlus)")
        self.positives = positives; self.alpha = alpha; self.beta = beta; self.tPos = tPos; self.tNeg = tNeg
        self.choice = choice; self.tauPlus = tauPlus
    }

    public var viewCount: Int { positives + 1 }

    /// The declared parameters, read by `make` through `LossArguments`.
    public enum Parameters {
        public static let positives = LossParameter("positives", default: 1, range: 1...16, integer: true,
                doc: "K, positives per query (--Ny); the method must set views: K + 1")
        public static let alpha = LossParameter("alpha", default: 1, range: 0...1000, doc: "α, scale of the attraction cost")
        public static let beta = LossParameter("beta", default: 1, range: 0...1000, doc: "β, scale of the repulsion cost")
        public static let tPos = LossParameter("t_pos", default: 1, range: 0...100, doc: "t⁺, inverse temperature of the attraction weights")
        public static let tNeg = LossParameter("t_neg", default: 1, range: 0...100,
                doc: "t⁻, inverse temperature of the repulsion weights (code default 1.0; README CIFAR-10 0.9)")
        public static let choice = LossParameter("choice", default: 0, range: 0...3, integer: true,
                doc: "--choice: 0 full, 1 without_w1, 2 without_w2, 3 none (dropped weights are uniform)")
        public static let tauPlus = LossParameter("tau_plus", default: 0, range: 0...0.99,
                doc: "τ⁺ of the debiased repulsion: 0 off; --with_debiased is 0.1 (choice 0 or 1 only)")
    }

    public static let entry = LossEntry(
        name: "cacr",
        summary: "CACR: softmax(t⁺·d)-weighted attraction of K positives + softmax(-t⁻·d)-weighted repulsion of "
            + "in-batch negatives (small-scale code, weights not detached)",
        paper: "Zheng et al., Contrastive Attraction and Contrastive Repulsion for Representation Learning, TMLR 2023",
        parameters: [Parameters.positives, Parameters.alpha, Parameters.beta, Parameters.tPos, Parameters.tNeg,
                     Parameters.choice, Parameters.tauPlus],
        views: { p in p.int(Parameters.positives) + 1 },
        make: { p in
            CACR(positives: p.int(Parameters.positives), alpha: p.float(Parameters.alpha), beta: p.float(Parameters.beta),
                 tPos: p.float(Parameters.tPos), tNeg: p.float(Parameters.tNeg), choice: p.choice(Parameters.choice, as: Choice.self),
                 tauPlus: p.float(Parameters.tauPlus))
        })

    public func callAsFunction(_ input: LossInput, tape: Tape) -> Tensor {
        precondition(inputProblem(input) == nil, "cacr: \(inputProblem(input)!)")
        let z = input.views.map { tape.l2Normalize($0) }
        let v = z.count, n = z[0].shape[0]
        // d(z^p_i, z^q_i) for p < q, shape (N, 1), shared by the attraction terms and the τ⁺ term.
        var positive = [[Tensor?]](repeating: [Tensor?](repeating: nil, count: v), count: v)
        for p in 0..<v { for q in (p + 1)..<v { positive[p][q] = tape.sum(tape.square(tape.sub(z[p], z[q])), axis: 1) } }
        let distance = { (p: Int, q: Int) in positive[Swift.min(p, q)][Swift.max(p, q)]! }

        var attraction: [Tensor] = []
        for q in 0..<v {
            let costs = tape.concat((0..<v).filter { $0 != q }.map { distance(q, $0) }, axis: 1)   // (N, K)
            let useWeights = choice == .full || choice == .withoutW2
            attraction.append(useWeights
                ? tape.scale(tape.sum(tape.mul(tape.softmax(tape.scale(costs, by: tPos)), costs)), by: alpha / Float(n))
                : tape.scale(tape.mean(costs), by: alpha))
        }

        var repulsion: [Tensor] = []
        for x in 0..<v {
            for y in (x + 1)..<v {
                let d = tape.pairwiseSquaredDistance(z[x], z[y])                                   // (N, N)
                if choice == .full || choice == .withoutW1 {
                    let weights = tape.softmax(tape.fillDiagonal(tape.scale(d, by: -tNeg), InfoNCE.selfMask))
                    let weighted = tape.scale(tape.sum(tape.mul(weights, d), axis: 1), by: -beta)  // (N, 1)
                    let term = tauPlus == 0 ? weighted
                        : tape.scale(tape.sub(weighted, tape.scale(distance(x, y), by: tauPlus)), by: 1 / (1 - tauPlus))
                    repulsion.append(tape.mean(term))
                } else {
                    repulsion.append(tape.scale(tape.sum(tape.fillDiagonal(d, 0)), by: -beta / Float(n * (n - 1))))
                }
            }
        }
        let a = tape.scale(sum(attraction, tape), by: 1 / Float(v))
        let r = tape.scale(sum(repulsion, tape), by: 1 / Float(repulsion.count))
        return tape.add(a, r)
    }

    private func sum(_ terms: [Tensor], _ tape: Tape) -> Tensor { terms.dropFirst().reduce(terms[0]) { tape.add($0, $1) } }
}
