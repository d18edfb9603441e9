import Engine

/// Kernel-InfoNCE: InfoNCE with the exponential kernel `exp(-‖u - v‖^γ / τ)` in place of SimCLR's Gaussian one,
/// and the two mixtures of a γ-kernel loss with the Gaussian (γ = 2) one.
///
/// - Paper: Tan, Zhang, Yang, Yuan, "Contrastive Learning is Spectral Clustering on Similarity Graph" (ICLR 2024),
///   as the official code computes it (github.com/yifanzhang-pro/Kernel-InfoNCE @184f2df, `simclr_module.py`
///   `gamma_loss`, `nt_xent_loss`; `moco/moco.py` for the second temperature).
///
/// With views `a, b (N, D)` already unit rows, `z = [a; b] (2N, D)`, `p(i)` the other view of image `i`:
/// ```
/// K_ik   = exp(-‖z_i - z_k‖^γ / τ)                                       (2N, 2N)
/// neg_i  = max(Σ_{k≠i} K_ik, ε) + ε        all 2N-1 other views, the positive included
/// L_γ,τ  = 1/(2N) Σ_i -log( K_{i,p(i)} / neg_i )                         scalar
/// ```
/// `mode` 0, Simple Sum (`loss_type=sum`): `x, y (N, D)` are normalised to unit rows `a, b`, and
/// `L = λ·L_γ,τ(a, b) + (1-λ)·L_2,τ₂(a, b)`.
/// `mode` 1, Concatenation Sum (`loss_type=product`): `x, y (N, 2H)` are normalised as whole rows and cut into
/// halves `a₁ | a₂`, `b₁ | b₂` of `H` columns, not normalised again; `L = λ·L_γ,τ(a₁, b₁) + (1-λ)·L_2,τ₂(a₂, b₂)`.
/// λ = 1 is the plain γ-kernel loss (γ = 2: SimCLR with the Gaussian kernel). `simclr_module.py` uses one
/// temperature for both terms (τ₂ = τ); `moco.py` has a separate τ₂.
///
/// ε (the code's `eps`, 1e-6) is not negligible: with τ = 0.1 a row's kernel sum of spread-out embeddings is
/// often below 1e-6, and then the clamp holds the denominator (and stops its gradient), as in the code.
public struct KernelInfoNCE: ContrastiveLoss {
    /// How the γ-kernel loss is combined with the Gaussian one.
    public enum Mode: Int, Sendable { case simpleSum = 0, concatenationSum = 1 }

    /// γ, the power of the distance (2 Gaussian, 1 Laplacian, 0.5).
    public var gamma: Float
    /// τ of the γ-kernel term.
    public var temperature: Float
    /// τ₂ of the Gaussian term of the mixtures.
    public var temperature2: Float
    /// λ, the weight of the γ-kernel term.
    public var lambda: Float
    public var mode: Mode
    /// ε of the denominator's clamp-then-add guard.
    public var eps: Float

    /// δ added to squared distances before the power `(d² + δ)^(γ/2)` when γ < 2. The derivative of `d^γ` is
    /// unbounded at `d = 0` (a positive pair that coincides); δ bounds it. 1e-7 is about float32's resolution of
    /// `‖u - v‖²` for unit vectors (`ulp(2)` ≈ 2.4e-7), so no distance Float32 can resolve moves noticeably.
    /// The self pair `k = i` is masked out of the kernel sum and gets no gradient (nor does the positive's entry of
    /// the distance matrix: the positive's kernel comes from its directly computed distance).
    public static let distanceGuard: Float = 1e-7

    public init(gamma: Float = 2, temperature: Float = 0.1, temperature2: Float = 0.1, lambda: Float = 1,
                mode: Mode = .simpleSum, eps: Float = 1e-6) {
        precondition(gamma > 0 && temperature > 0 && temperature2 > 0 && eps >= 0,
                     "kernel-infonce: needs γ, τ, τ₂ > 0 and ε >= 0")
        self.gamma = gamma; self.temperature = temperature; self.temperature2 = temperature2
        self.lambda = lambda; self.mode = mode; self.eps = eps
    }

    /// The declared parameters, read by `make` through `LossArguments`.
    public enum Parameters {
        public static let gamma = LossParameter("gamma", default: 2, range: 0.05...4, doc: "γ, power of the distance: 2 Gaussian, 1 Laplacian")
        public static let temperature = LossParameter("temperature", default: 0.1, range: 1e-3...100, doc: "τ of the γ-kernel term (code default 0.1)")
        public static let temperature2 = LossParameter("temperature2", default: 0.1, range: 1e-3...100,
                doc: "τ₂ of the Gaussian term when λ < 1 (simclr_module.py: = τ; moco.py: 0.3)")
        public static let lambda = LossParameter("lambda", default: 1, range: 0...1, doc: "λ, weight of the γ-kernel term; 1 - λ of the Gaussian")
        public static let mode = LossParameter("mode", default: 0, range: 0...1, integer: true,
                doc: "0 Simple Sum of two losses on z; 1 Concatenation Sum, one loss per half of z")
        public static let eps = LossParameter("eps", default: 1e-6, range: 0...1, doc: "ε: denominator max(Σ K, ε) + ε, as in the code")
    }

    public static let entry = LossEntry(
        name: "kernel-infonce",
        summary: "InfoNCE with kernel exp(-‖u-v‖^γ/τ) over all 2N-1 other views; λ-mix with the Gaussian kernel "
            + "(mode 0 Simple Sum, mode 1 Concatenation Sum over the halves of z)",
        paper: "Tan, Zhang, Yang, Yuan, Contrastive Learning is Spectral Clustering on Similarity Graph, ICLR 2024",
        parameters: [Parameters.gamma, Parameters.temperature, Parameters.temperature2, Parameters.lambda,
                     Parameters.mode, Parameters.eps],
        make: { p in
            KernelInfoNCE(gamma: p.float(Parameters.gamma), temperature: p.float(Parameters.temperature),
                          temperature2: p.float(Parameters.temperature2), lambda: p.float(Parameters.lambda),
                          mode: p.choice(Parameters.mode, as: Mode.self), eps: p.float(Parameters.eps))
        })

    public func inputProblem(_ input: LossInput) -> String? {
        if let problem = standardInputProblem(input) { return problem }
        if mode == .concatenationSum, input.views[0].shape[1] % 2 != 0 {
            return "Concatenation Sum (mode 1) splits z into two halves: D must be even, got \(input.views[0].shape[1])"
        }
        return nil
    }

    public func callAsFunction(_ input: LossInput, tape: Tape) -> Tensor {
        precondition(inputProblem(input) == nil, "kernel-infonce: \(inputProblem(input)!)")
        let x = tape.l2Normalize(input.views[0]), y = tape.l2Normalize(input.views[1])
        let (a1, b1, a2, b2): (Tensor, Tensor, Tensor, Tensor)
        switch mode {
        case .simpleSum:
            (a1, b1, a2, b2) = (x, y, x, y)
        case .concatenationSum:
            let h = x.shape[1] / 2
            let xs = tape.split(x, axis: 1, sizes: [h, h]), ys = tape.split(y, axis: 1, sizes: [h, h])
            (a1, b1, a2, b2) = (xs[0], ys[0], xs[1], ys[1])
        }
        // A zero weight skips its term: same value and gradient, half the work for the plain kernels.
        var terms: [Tensor] = []
        if lambda != 0 {
            terms.append(tape.scale(Self.kernelLoss(a1, b1, gamma: gamma, temperature: temperature, eps: eps, tape: tape),
                                    by: lambda))
        }
        if lambda != 1 {
            terms.append(tape.scale(Self.kernelLoss(a2, b2, gamma: 2, temperature: temperature2, eps: eps, tape: tape),
                                    by: 1 - lambda))
        }
        return terms.count == 1 ? terms[0] : tape.add(terms[0], terms[1])
    }

    /// `L_γ,τ` for views `a, b (N, D)` used as given (the caller normalises), shape `[1]`.
    public static func kernelLoss(_ a: Tensor, _ b: Tensor, gamma: Float, temperature: Float, eps: Float,
                                  tape: Tape) -> Tensor {
        let n = a.shape[0]
        let z = tape.concat([a, b], axis: 0)
        let powers = distancePower(tape.pairwiseSquaredDistance(z, z), gamma: gamma, tape: tape)     // (2N, 2N)
        let negatives = tape.mul(tape.exp(tape.scale(powers, by: -1 / temperature)), NegativeMask.keep(n: n))
        // The positive distance is taken directly, as the code does, and its kernel enters the denominator from
        // the same value as the numerator: where the loss is near 0 (neg ≈ pos) the two then cancel in float32
        // instead of differing by the rounding of the GEMM-based distance matrix.
        let positive = distancePower(tape.sum(tape.square(tape.sub(a, b)), axis: 1), gamma: gamma, tape: tape)  // (N, 1)
        let logPositive = tape.scale(tape.concat([positive, positive], axis: 0), by: -1 / temperature)          // (2N, 1)
        let sum = tape.add(tape.sum(negatives, axis: 1), tape.exp(logPositive))                                 // (2N, 1)
        // max(s, ε) + ε = relu(s - ε) + 2ε: the clamp's gradient is zero below ε, as torch.clamp's.
        let guarded = tape.add(tape.relu(tape.add(sum, scalar: -eps)), scalar: 2 * eps)
        // -log(K_pos / neg) = log neg - log K_pos, which stays finite where K_pos underflows.
        return tape.mean(tape.sub(tape.log(guarded), logPositive))
    }

    /// `d^γ` from squared distances `d²` (any shape): `(d² + δ)^(γ/2)`, exactly `d²` for γ = 2.
    static func distancePower(_ squared: Tensor, gamma: Float, tape: Tape) -> Tensor {
        gamma == 2 ? squared : tape.pow(tape.add(squared, scalar: distanceGuard), gamma / 2)
    }
}
