import Engine

/// Instance discrimination with a memory bank (IR): each image is its own class, its bank row the positive.
///
/// - Paper: Wu, Xiong, Yu, Lin, "Unsupervised Feature Learning via Non-Parametric Instance Discrimination"
///   (CVPR 2018), as the Ring code computes it (github.com/mhw32/contrastive-ring-public @fb3e1c2,
///   src/objectives/instdisc.py, class `NCE`): not NCE but a full softmax over the
///   positive and `k − 1` negatives drawn uniformly *with replacement* from the whole bank (a draw may hit the
///   image's own row); the bank is stop-gradient.
///
/// With queries `q (N, D)` (views[0]), bank `B (M, D)` (`negatives`, unit rows), image indices `i_n` (`indices`)
/// and draws `r (N, k−1)` (`draws`):
/// ```
/// S = normalize_rows(q) Bᵀ                              (N, M)
/// logits_n = [ S[n, i_n], S[n, r_n1 mod M], …, S[n, r_n(k−1) mod M] ] / τ    (N, k)
/// L = 1/N Σ_n −log softmax(logits_n)[0]                  scalar
/// ```
public struct InstanceDiscrimination: ContrastiveLoss {
    public var temperature: Float

    public init(temperature: Float = 0.07) {
        precondition(temperature > 0, "instance-discrimination temperature must be positive, got \(temperature)")
        self.temperature = temperature
    }

    public var viewCount: Int { 1 }

    /// The declared parameters, read by `make` through `LossArguments`.
    public enum Parameters {
        public static let temperature = LossParameter("temperature", default: 0.07, range: 1e-4...100, doc: "τ dividing the cosine similarities")
    }

    public static let entry = LossEntry(
        name: "instance-discrimination",
        summary: "IR: softmax over the image's memory-bank row and k-1 rows drawn uniformly with replacement (needs memory_bank)",
        paper: "Wu et al., Unsupervised Feature Learning via Non-Parametric Instance Discrimination, CVPR 2018",
        parameters: [Parameters.temperature],
        components: .memoryBank, views: { _ in 1 },
        make: { InstanceDiscrimination(temperature: $0.float(Parameters.temperature)) })

    public func callAsFunction(_ input: LossInput, tape: Tape) -> Tensor {
        guard let bank = input.negatives, let indices = input.indices, let draws = input.draws else {
            preconditionFailure("instance-discrimination needs the bank (negatives), the image indices and the draws")
        }
        let (q, s) = CandidateContrast.scores(input.views[0], bank, tape: tape, loss: "instance-discrimination")
        let n = q.shape[0], m = bank.shape[0]
        precondition(indices.count == n && draws.count % max(n, 1) == 0, "instance-discrimination: \(indices.count) indices, \(draws.count) draws for \(n) queries")
        let perRow = draws.count / n
        let sampled = CandidateContrast.sampled(draws, size: m)
        var columns: [Int] = []
        columns.reserveCapacity(n * (perRow + 1))
        for r in 0..<n {
            columns.append(indices[r])
            columns.append(contentsOf: sampled[(r * perRow)..<((r + 1) * perRow)])
        }
        return CandidateContrast.positiveFirst(tape.gatherColumns(s, columns, perRow: perRow + 1), temperature: temperature, tape: tape)
    }
}
