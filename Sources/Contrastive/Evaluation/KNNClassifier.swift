import Foundation
import Engine

/// k-nearest-neighbour classification of frozen features by cosine similarity.
///
/// - Paper: Wu et al. 2018 (instance discrimination, the weighted kNN most contrastive papers report:
///   class score `Σ_{j ∈ topk} exp(s_j / τ)·[y_j = c]`) and Wang & Isola 2020 (plain 5-NN majority vote).
///   Bank `(N, D)` and queries `(M, D)` are L2-normalised rows, `s = q · bᵀ` is cosine similarity.
///
/// Similarities are computed by GEMM one block of queries at a time, so at most `blockElements` similarities
/// (`rows × N`) exist at once whatever `M` is. Ties between classes go to the class whose best neighbour is
/// nearest (for a majority vote among classes with equal counts, that is "the class of the nearest neighbour"
/// whenever that class is among the tied ones).
public struct KNNClassifier: Sendable {
    public var k: Int
    /// Weighted vote with weights `exp(s/τ)`; nil = one vote per neighbour.
    public var temperature: Double?
    /// Upper bound on the similarities held at once (a block of query rows against the whole bank).
    public var blockElements: Int
    /// Threads of the similarity GEMMs.
    public var context: EngineContext = .serial

    public init(k: Int, temperature: Double? = nil, blockElements: Int = 1 << 22) {
        precondition(k > 0, "k must be positive")
        self.k = k; self.temperature = temperature; self.blockElements = blockElements
    }

    /// Top-1 and top-5 accuracy (fractions) of `test` classified against the bank `train`.
    public func evaluate(train: FeatureMatrix, test: FeatureMatrix, classes: Int) -> (top1: Double, top5: Double) {
        let ranked = rankClasses(bank: train, queries: test, classes: classes)
        var hits1 = 0, hits5 = 0
        for (i, order) in ranked.enumerated() {
            let y = Int(test.labels[i])
            if order.first == y { hits1 += 1 }
            if order.prefix(5).contains(y) { hits5 += 1 }
        }
        let n = Double(max(test.count, 1))
        return (Double(hits1) / n, Double(hits5) / n)
    }

    /// The predicted class of each query.
    public func predict(bank: FeatureMatrix, queries: FeatureMatrix, classes: Int) -> [Int] {
        rankClasses(bank: bank, queries: queries, classes: classes).map { $0.first ?? 0 }
    }

    /// For each query, the classes that received a vote, best first.
    public func rankClasses(bank: FeatureMatrix, queries: FeatureMatrix, classes: Int) -> [[Int]] {
        precondition(bank.dim == queries.dim, "bank and queries differ in width")
        precondition(bank.count > 0, "empty bank")
        let b = bank.normalized(), q = queries.normalized()
        let n = b.count, d = b.dim, kk = min(k, n)
        let rowsPerBlock = max(1, min(q.count, blockElements / max(n, 1)))
        let sim = Tensor(uninitialized: [rowsPerBlock, n])
        var out: [[Int]] = []
        out.reserveCapacity(q.count)
        var neighbours = TopK(k: kk)
        var start = 0
        while start < q.count {
            let rows = min(rowsPerBlock, q.count - start)
            q.values.withUnsafeBufferPointer { qv in
                b.values.withUnsafeBufferPointer { bv in
                    context.blas.gemm(transB: true, m: rows, n: n, k: d, a: qv.baseAddress! + start * d, lda: d,
                              b: bv.baseAddress!, ldb: d, c: sim.data, ldc: n)
                }
            }
            for r in 0..<rows {
                neighbours.reset()
                let row = sim.data + r * n
                for j in 0..<n { neighbours.offer(row[j], j) }
                out.append(vote(neighbours, labels: b.labels, classes: classes))
            }
            start += rows
        }
        return out
    }

    /// Classes by descending score; equal scores by the rank of their best neighbour.
    func vote(_ nn: TopK, labels: [Int32], classes: Int) -> [Int] {
        var score = [Double](repeating: 0, count: classes)
        var firstRank = [Int](repeating: Int.max, count: classes)
        for rank in 0..<nn.count {
            let c = Int(labels[nn.index[rank]])
            if let t = temperature { score[c] += exp(Double(nn.value[rank]) / t) } else { score[c] += 1 }
            firstRank[c] = min(firstRank[c], rank)
        }
        return (0..<classes).filter { firstRank[$0] != Int.max }
            .sorted { score[$0] != score[$1] ? score[$0] > score[$1] : firstRank[$0] < firstRank[$1] }
    }
}

/// The `k` largest values offered so far with their indices, kept sorted (largest first); an equal value
/// does not displace an earlier one, so ties go to the lower index.
struct TopK {
    let k: Int
    private(set) var value: [Float]
    private(set) var index: [Int]
    private(set) var count = 0

    init(k: Int) {
        self.k = k
        value = [Float](repeating: -.infinity, count: k); index = [Int](repeating: -1, count: k)
    }

    mutating func reset() { count = 0 }

    @inline(__always) mutating func offer(_ v: Float, _ i: Int) {
        if count == k && !(v > value[k - 1]) { return }
        var p = count == k ? k - 1 : count
        if count < k { count += 1 }
        while p > 0 && v > value[p - 1] {
            value[p] = value[p - 1]; index[p] = index[p - 1]
            p -= 1
        }
        value[p] = v; index[p] = i
    }
}
