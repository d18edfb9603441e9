import Engine

/// Wang & Isola's `L_contrastive` (their symmetric in-batch InfoNCE) plus a weighted `L_uniform`.
///
/// - Paper: Wang & Isola, "Understanding Contrastive Representation Learning through Alignment and Uniformity on
///   the Hypersphere" (ICML 2020), App. B.1; their best STL-10 encoder used `L_contrastive(τ=0.5) + L_uniform(t=2)`.
///
/// With views `x, y (N, D)` normalised to unit rows:
/// ```
/// S = x yᵀ / τ                                                         (N, N)
/// L_contrastive = 1/(2N) Σ_i [ -log softmax(S_i·)[i] - log softmax(S_·i)[i] ]   rows, then columns
/// L = w_c · L_contrastive + w_u · (L_unif(x) + L_unif(y)) / 2
/// ```
/// Unlike NT-Xent (`InfoNCE`), the negatives of `x_i` are only the other view's `y_{j≠i}` (and mirrored), not the
/// same view's other rows, and there is no self-mask: `N` logits per row instead of `2N - 1`.
public struct ContrastiveUniform: ContrastiveLoss {
    public var contrastiveWeight: Float
    public var uniformWeight: Float
    /// `τ`, dividing the cosine similarities.
    public var temperature: Float
    /// `t`, the scale of the Gaussian potential in `L_uniform`.
    public var t: Float

    public init(contrastiveWeight: Float = 1, uniformWeight: Float = 1, temperature: Float = 0.5, t: Float = 2) {
        precondition(temperature > 0, "contrastive-uniform temperature must be positive, got \(temperature)")
        self.contrastiveWeight = contrastiveWeight; self.uniformWeight = uniformWeight
        self.temperature = temperature; self.t = t
    }

    /// The declared parameters, read by `make` through `LossArguments`.
    public enum Parameters {
        public static let contrastiveWeight = LossParameter("contrastive_weight", default: 1, range: 0...1000, doc: "w_c, weight of L_contrastive")
        public static let uniformWeight = LossParameter("uniform_weight", default: 1, range: 0...1000, doc: "w_u, weight of L_uniform")
        public static let temperature = LossParameter("temperature", default: 0.5, range: 1e-4...100, doc: "τ dividing the cosine similarities")
        public static let t = LossParameter("t", default: 2, range: 0.01...100, doc: "t, scale of the Gaussian potential")
    }

    public static let entry = LossEntry(
        name: "contrastive-uniform",
        summary: "w_c·L_contrastive(τ) (symmetric two-view InfoNCE) + w_u·L_uniform(t), Wang & Isola App. B.1",
        paper: "Wang & Isola, Understanding Contrastive Representation Learning through Alignment and Uniformity "
            + "on the Hypersphere, ICML 2020",
        parameters: [Parameters.contrastiveWeight, Parameters.uniformWeight, Parameters.temperature, Parameters.t],
        make: { p in
            ContrastiveUniform(contrastiveWeight: p.float(Parameters.contrastiveWeight),
                               uniformWeight: p.float(Parameters.uniformWeight),
                               temperature: p.float(Parameters.temperature), t: p.float(Parameters.t))
        })

    public func callAsFunction(_ input: LossInput, tape: Tape) -> Tensor {
        let (x, y) = AlignUniform.normalizedPair(input, tape: tape, loss: "contrastive-uniform")
        var total = tape.scale(ContrastiveUniform.contrastiveLoss(x, y, temperature: temperature, tape: tape),
                               by: contrastiveWeight)
        if uniformWeight != 0 {
            total = tape.add(total, tape.scale(AlignUniform.meanUniformLoss(x, y, t: t, tape: tape), by: uniformWeight))
        }
        return total
    }

    /// Wang & Isola's `L_contrastive` for normalised `x, y (N, D)`: the mean of the `x → y` and `y → x`
    /// in-batch cross-entropies toward the diagonal, shape `[1]`.
    public static func contrastiveLoss(_ x: Tensor, _ y: Tensor, temperature: Float, tape: Tape) -> Tensor {
        let n = x.shape[0]
        let s = tape.scale(tape.matmul(x, y, transposeB: true), by: 1 / temperature)
        let diagonal = Array(0..<n)
        let forward = tape.crossEntropy(s, targets: diagonal)
        let backward = tape.crossEntropy(tape.transpose(s), targets: diagonal)
        return tape.scale(tape.add(forward, backward), by: 0.5)
    }
}
