import Engine
import Foundation

/// Wang & Isola's alignment and uniformity losses on the unit hypersphere.
///
/// - Paper: Wang & Isola, "Understanding Contrastive Representation Learning through Alignment and Uniformity on
///   the Hypersphere" (ICML 2020), minibatch forms of App. B.1.
///
/// With views `x, y (N, D)` normalised to unit rows:
/// ```
/// L_align(α)  = 1/N Σ_i ‖x_i - y_i‖₂^α                                  scalar
/// L_unif(x;t) = log( 2/(N(N-1)) Σ_{i<j} exp(-t ‖x_i - x_j‖₂²) )          scalar (distinct in-batch pairs)
/// L = w_a · L_align + w_u · (L_unif(x) + L_unif(y)) / 2
/// ```
public struct AlignUniform: ContrastiveLoss {
    public var alignWeight: Float
    public var uniformWeight: Float
    /// `α`, the exponent of the positive-pair distance.
    public var alpha: Float
    /// `t`, the scale of the Gaussian potential.
    public var t: Float

    public init(alignWeight: Float = 1, uniformWeight: Float = 1, alpha: Float = 2, t: Float = 2) {
        self.alignWeight = alignWeight; self.uniformWeight = uniformWeight; self.alpha = alpha; self.t = t
    }

    /// The declared parameters, read by `make` through `LossArguments`.
    public enum Parameters {
        public static let alignWeight = LossParameter("align_weight", default: 1, range: 0...1000, doc: "w_a, weight of L_align")
        public static let uniformWeight = LossParameter("uniform_weight", default: 1, range: 0...1000, doc: "w_u, weight of L_uniform")
        public static let alpha = LossParameter("alpha", default: 2, range: 0.01...16, doc: "α, exponent of the positive distance")
        public static let t = LossParameter("t", default: 2, range: 0.01...100, doc: "t, scale of the Gaussian potential")
    }

    public static let entry = LossEntry(
        name: "align-uniform",
        summary: "w_a·L_align(α) + w_u·L_uniform(t) on L2-normalised views (uniformity averaged over the two views)",
        paper: "Wang & Isola, Understanding Contrastive Representation Learning through Alignment and Uniformity "
            + "on the Hypersphere, ICML 2020",
        parameters: [Parameters.alignWeight, Parameters.uniformWeight, Parameters.alpha, Parameters.t],
        make: { p in
            AlignUniform(alignWeight: p.float(Parameters.alignWeight), uniformWeight: p.float(Parameters.uniformWeight),
                         alpha: p.float(Parameters.alpha), t: p.float(Parameters.t))
        })

    public func callAsFunction(_ input: LossInput, tape: Tape) -> Tensor {
        let (x, y) = AlignUniform.normalizedPair(input, tape: tape, loss: "align-uniform")
        let align = AlignUniform.alignLoss(x, y, alpha: alpha, tape: tape)
        let uniform = AlignUniform.meanUniformLoss(x, y, t: t, tape: tape)
        return tape.add(tape.scale(align, by: alignWeight), tape.scale(uniform, by: uniformWeight))
    }

    /// `L_align = 1/N Σ_i ‖x_i - y_i‖^α` for rows of `x, y (N, D)` as given (normalise first), shape `[1]`.
    public static func alignLoss(_ x: Tensor, _ y: Tensor, alpha: Float, tape: Tape) -> Tensor {
        let squared = tape.sum(tape.square(tape.sub(x, y)), axis: 1)  // (N, 1)
        // α = 2 needs no power, and skipping it keeps the gradient finite when a pair coincides.
        return tape.mean(alpha == 2 ? squared : tape.pow(squared, alpha / 2))
    }

    /// `L_unif = log mean_{i<j} exp(-t ‖x_i - x_j‖²)` over the distinct pairs of rows of `x (N, D)`, shape `[1]`.
    public static func uniformLoss(_ x: Tensor, t: Float, tape: Tape) -> Tensor {
        let n = x.shape[0]
        precondition(n >= 2, "uniformity needs at least 2 rows, got \(n)")
        let pairs = n * (n - 1) / 2
        let potentials = tape.scale(tape.upperTriangle(tape.pairwiseSquaredDistance(x, x)), by: -t)
        let lse = tape.logSumExp(tape.reshape(potentials, [1, pairs]), axis: 1)  // (1, 1)
        return tape.reshape(tape.add(lse, scalar: -Float(Foundation.log(Double(pairs)))), [1])
    }

    /// `(L_unif(x) + L_unif(y)) / 2`, shape `[1]`.
    public static func meanUniformLoss(_ x: Tensor, _ y: Tensor, t: Float, tape: Tape) -> Tensor {
        tape.scale(tape.add(uniformLoss(x, t: t, tape: tape), uniformLoss(y, t: t, tape: tape)), by: 0.5)
    }

    /// The two views of `input`, rows L2-normalised, after checking there are two of equal shape `(N, D)`.
    static func normalizedPair(_ input: LossInput, tape: Tape, loss: String) -> (Tensor, Tensor) {
        precondition(input.views.count == 2, "\(loss) needs 2 views, got \(input.views.count)")
        let x = input.views[0], y = input.views[1]
        precondition(x.shape == y.shape && x.shape.count == 2, "\(loss): views must both be (N, D), got \(x.shape), \(y.shape)")
        return (tape.l2Normalize(x), tape.l2Normalize(y))
    }
}
