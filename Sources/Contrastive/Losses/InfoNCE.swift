import Engine

/// SimCLR's NT-Xent (normalised temperature-scaled cross-entropy) over the `2N` views of a batch.
///
/// - Paper: Chen, Kornblith, Norouzi, Hinton, "A Simple Framework for Contrastive Learning of Visual
///   Representations" (ICML 2020). Wang & Isola (ICML 2020) compare against their own symmetric form,
///   `ContrastiveUniform`'s `L_contrastive`, whose negatives come from the other view only.
///
/// With views `x, y (N, D)`:
/// ```
/// z = normalize_rows([x; y])                (2N, D)
/// S = z zᵀ / τ,  S_ii = -1e9                (2N, 2N)   self-similarity excluded
/// t(i) = i + N for i < N, i - N otherwise   (the other view of the same image)
/// L = 1/(2N) Σ_i -log softmax(S_i)[t(i)]    scalar
/// ```
/// Each row's negatives are the `2N - 2` other views of both sides, as in `bench/README.md`'s workload loss.
public struct InfoNCE: ContrastiveLoss {
    /// `τ`, dividing the cosine similarities.
    public var temperature: Float

    public init(temperature: Float = 0.5) {
        precondition(temperature > 0, "NT-Xent temperature must be positive, got \(temperature)")
        self.temperature = temperature
    }

    /// The declared parameters, read by `make` through `LossArguments`.
    public enum Parameters {
        public static let temperature = LossParameter("temperature", default: 0.5, range: 1e-4...100, doc: "τ dividing the cosine similarities")
    }

    public static let entry = LossEntry(
        name: "nt-xent",
        summary: "SimCLR NT-Xent: cross-entropy of each view toward its partner among all 2N views, self excluded",
        paper: "Chen et al., A Simple Framework for Contrastive Learning of Visual Representations, ICML 2020",
        parameters: [Parameters.temperature],
        make: { InfoNCE(temperature: $0.float(Parameters.temperature)) })

    /// The value `S_ii` takes so that a view never counts as its own negative (the workload's mask).
    public static let selfMask: Float = -1e9

    public func callAsFunction(_ input: LossInput, tape: Tape) -> Tensor {
        precondition(input.views.count == 2, "nt-xent needs 2 views, got \(input.views.count)")
        let x = input.views[0], y = input.views[1]
        precondition(x.shape == y.shape && x.shape.count == 2, "nt-xent: views must both be (N, D), got \(x.shape), \(y.shape)")
        let n = x.shape[0]
        let z = tape.l2Normalize(tape.concat([x, y], axis: 0))
        let s = tape.fillDiagonal(tape.scale(tape.matmul(z, z, transposeB: true), by: 1 / temperature), InfoNCE.selfMask)
        let targets = (0..<2 * n).map { $0 < n ? $0 + n : $0 - n }
        return tape.crossEntropy(s, targets: targets)
    }
}
