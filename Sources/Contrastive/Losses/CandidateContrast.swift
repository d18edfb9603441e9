import Engine

/// What the memory losses (MoCo, instance discrimination, Ring) share: normalised queries scored against a
/// stop-gradient candidate set, and a cross-entropy whose target is the first column (the positive).
enum CandidateContrast {
    /// `q̂ = normalize_rows(q)` `(N, D)` and `S = q̂ Cᵀ` `(N, M)` for candidates `C (M, D)` (rows already unit).
    static func scores(_ q: Tensor, _ candidates: Tensor, tape: Tape, loss: String) -> (queries: Tensor, scores: Tensor) {
        precondition(q.shape.count == 2 && candidates.shape.count == 2 && q.shape[1] == candidates.shape[1],
                     "\(loss): queries \(q.shape) and candidates \(candidates.shape) must both be (·, D)")
        let qHat = tape.l2Normalize(q)
        return (qHat, tape.matmul(qHat, candidates, transposeB: true))
    }

    /// `L = 1/N Σ_i −log softmax(logits_i / τ)[0]`: the positive sits in column 0 and in the denominator.
    static func positiveFirst(_ logits: Tensor, temperature: Float, tape: Tape) -> Tensor {
        tape.crossEntropy(tape.scale(logits, by: 1 / temperature), targets: Array(repeating: 0, count: logits.shape[0]))
    }

    /// The `N × k` draws as candidate columns `draw mod size`.
    static func sampled(_ draws: [Int], size: Int) -> [Int] {
        precondition(size > 0, "cannot sample from an empty candidate set")
        return draws.map { $0 % size }
    }
}
