import Engine

/// Ring: conditional negative sampling — the negatives of a query are the candidates in a ring of its scores.
///
/// - Paper: Wu, Mosse, Zhuang, Yamins, Goodman, "Conditional Negative Sampling for Contrastive Learning of Visual
///   Representations" (ICLR 2021), as the public code computes it (github.com/mhw32/contrastive-ring-public @fb3e1c2,
///   src/objectives/, classes `NCERing` and `MoCoRing`, with `dynamic_inner`, `self_negative`, no `neighbor_views`).
///
/// With queries `q (N, D)` (views[0]) and stop-gradient candidates `C (M, D)` (`negatives`: a MoCo queue or an
/// IR memory bank, unit rows):
/// ```
/// S = normalize_rows(q) Cᵀ                                      (N, M)
/// outer = ⌊w_out · M⌋,  inner = ⌊w_in · outer⌋                  (two truncations, as the code does)
/// ring_n = the candidates ranked [inner, outer) in S_n sorted descending
/// s⁺_n = q̂_n · normalize(k_n)  with a key view (MoCo-Ring),  S[n, i_n]  with a bank (IR-Ring, `indices`)
/// negatives_n = all of ring_n (no draws: MoCo-Ring), or ring_n[r_nj mod |ring_n|], j < k−1 (draws: IR-Ring)
/// L = −1/N Σ_n [ s⁺_n/τ − logsumexp({s⁺_n} ∪ negatives_n)/τ ]   (the positive is in the denominator)
/// ```
/// `w_out` is `outer`, or, with `linear_anneal`, goes linearly from 1.0 to `outer` over `max_anneal_epoch` epochs
/// (the code's `LinearThresholdPolicy`; off in the public configs).
public struct Ring: ContrastiveLoss {
    public var temperature: Float
    /// `w_out`: the fraction of the candidates, ranked by score, inside the outer ball.
    public var outer: Double
    /// `w_in`: the fraction of the outer ball (its closest candidates) left out of the ring.
    public var inner: Double
    /// Epochs over which `w_out` anneals from 1 to `outer`; nil = no annealing.
    public var annealEpochs: Double?

    public init(temperature: Float = 0.07, outer: Double = 0.1, inner: Double = 0.1, annealEpochs: Double? = nil) {
        precondition(temperature > 0, "ring temperature must be positive, got \(temperature)")
        precondition(outer > 0 && outer <= 1 && inner >= 0 && inner < 1, "ring: outer in (0, 1], inner in [0, 1)")
        self.temperature = temperature; self.outer = outer; self.inner = inner; self.annealEpochs = annealEpochs
    }

    /// The declared parameters, read by `make` through `LossArguments`.
    public enum Parameters {
        public static let temperature = LossParameter("temperature", default: 0.07, range: 1e-4...100, doc: "τ dividing the cosine similarities")
        public static let outer = LossParameter("outer", default: 0.1, range: 1e-6...1, doc: "w_out: fraction of the ranked candidates in the outer ball (code: thres_outer)")
        public static let inner = LossParameter("inner", default: 0.1, range: 0...0.999999, doc: "w_in: fraction of the outer ball dropped as too close (code: thres_inner, dynamic_inner)")
        public static let linearAnneal = LossParameter("linear_anneal", default: 0, range: 0...1, doc: "1: w_out goes linearly from 1.0 to `outer` over max_anneal_epoch epochs")
        public static let maxAnnealEpoch = LossParameter("max_anneal_epoch", default: 100, range: 1e-6...1e6, doc: "epochs of the linear annealing")
    }

    public static let entry = LossEntry(
        name: "ring",
        summary: "Ring: negatives from ranks [w_in·outer, w_out·M) of the query's scores over a queue (all) or memory bank (k-1 drawn)",
        paper: "Wu et al., Conditional Negative Sampling for Contrastive Learning of Visual Representations, ICLR 2021",
        parameters: [Parameters.temperature, Parameters.outer, Parameters.inner, Parameters.linearAnneal,
                     Parameters.maxAnnealEpoch],
        components: .momentumQueueOrMemoryBank,
        make: {
            Ring(temperature: $0.float(Parameters.temperature), outer: $0.double(Parameters.outer),
                 inner: $0.double(Parameters.inner), annealEpochs: $0.flag(Parameters.linearAnneal) ? $0.double(Parameters.maxAnnealEpoch) : nil)
        })

    /// `w_out` at `position`: `1 − (1 − outer)·s/(A − 1)` for step `s < A = ⌊epochs · stepsPerEpoch⌋`, then `outer`.
    public func outerFraction(at position: TrainingPosition?) -> Double {
        guard let annealEpochs else { return outer }
        guard let position else { preconditionFailure("ring: annealing needs the training position") }
        let a = Int(annealEpochs * Double(position.stepsPerEpoch))
        guard a > 1, position.step < a else { return outer }
        return 1 - (1 - outer) * Double(position.step) / Double(a - 1)
    }

    public func callAsFunction(_ input: LossInput, tape: Tape) -> Tensor {
        guard let candidates = input.negatives else { preconditionFailure("ring needs the queue or bank as LossInput.negatives") }
        let (q, s) = CandidateContrast.scores(input.views[0], candidates, tape: tape, loss: "ring")
        let n = q.shape[0], m = candidates.shape[0]
        let ring = Ring.ringColumns(s, outer: outerFraction(at: input.position), inner: inner,
                                   workers: tape.context.workers)
        let hasKey = input.views.count >= 2
        guard hasKey || input.indices != nil else { preconditionFailure("ring needs a key view (MoCo) or image indices (bank)") }
        var columns: [Int] = [], perRow: Int
        if let draws = input.draws {
            precondition(draws.count % max(n, 1) == 0, "ring: \(draws.count) draws for \(n) queries")
            let k = draws.count / n
            let picked = CandidateContrast.sampled(draws, size: ring.perRow)
            perRow = k
            columns.reserveCapacity(n * (k + 1))
            for r in 0..<n {
                if !hasKey { columns.append(input.indices![r]) }
                for j in 0..<k { columns.append(ring.columns[r * ring.perRow + picked[r * k + j]]) }
            }
        } else if hasKey {
            columns = ring.columns; perRow = ring.perRow
        } else {
            perRow = ring.perRow
            for r in 0..<n { columns.append(input.indices![r]); columns.append(contentsOf: ring.columns[(r * perRow)..<((r + 1) * perRow)]) }
        }
        precondition(m > 0)
        let logits: Tensor
        if hasKey {
            let k = tape.l2Normalize(input.views[1])
            precondition(k.shape == q.shape, "ring: key \(k.shape) and query \(q.shape) differ")
            logits = tape.concat([tape.sum(tape.mul(q, k), axis: 1), tape.gatherColumns(s, columns, perRow: perRow)], axis: 1)
        } else {
            logits = tape.gatherColumns(s, columns, perRow: perRow + 1)
        }
        return CandidateContrast.positiveFirst(logits, temperature: temperature, tape: tape)
    }
}
