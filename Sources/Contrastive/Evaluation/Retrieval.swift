import Engine
import NN
import Data

/// Positive-view retrieval: a metric that moves within minutes of training, so a smoke run can show that an
/// encoder learned something where a linear probe on a few hundred images cannot yet.
///
/// Each of `M` held-out images gets two augmented views; for each of the `2M` views, the nearest other
/// view by cosine similarity of the embeddings should be the same image's other view. Returns the
/// fraction of views for which it is (chance is `1 / (2M − 1)`).
public enum Retrieval {
    public static func positiveViewTop1(_ network: ContrastiveNetwork, _ store: ParameterStore, dataset: ImageDataset,
                                        indices: [Int], pipeline: AugmentPipeline, seed: UInt64,
                                        source: FeatureSource = .projector, batchSize: Int = 250,
                                        context: EngineContext = .serial) -> Double {
        var twoViews = pipeline
        twoViews.views = 2
        let m = indices.count
        var rng = RNG(seed: seed, stream: [0x7E7])
        var first = [Float](), second = [Float]()
        var dim = 0
        var start = 0
        while start < m {
            let chunk = Array(indices[start..<min(m, start + batchSize)])
            let out = twoViews.makeOutput(count: chunk.count, for: dataset)
            twoViews.apply(images: dataset, indices: chunk, into: out, rng: &rng)
            let z = FeatureExtractor.embed(network, store, out, source: source, context: context)
            dim = z.shape[1]
            let half = chunk.count * dim
            first.append(contentsOf: UnsafeBufferPointer(start: z.data, count: half))
            second.append(contentsOf: UnsafeBufferPointer(start: z.data + half, count: half))
            start += chunk.count
        }
        let all = FeatureMatrix(values: first + second, count: 2 * m, dim: dim, labels: []).normalized()
        return nearestIsPartner(all, pairs: m, blas: context.blas)
    }

    /// For rows `0..<2M` where row `i` and row `i ± M` are partners: the fraction whose nearest other row
    /// (by dot product; rows are unit length) is the partner.
    static func nearestIsPartner(_ f: FeatureMatrix, pairs m: Int, blas: BLAS = BLAS(threads: 1)) -> Double {
        let n = f.count, d = f.dim
        let sim = Tensor(uninitialized: [n, n])
        f.values.withUnsafeBufferPointer { v in
            blas.gemm(transB: true, m: n, n: n, k: d, a: v.baseAddress!, lda: d, b: v.baseAddress!, ldb: d, c: sim.data, ldc: n)
        }
        var hits = 0
        for i in 0..<n {
            let row = sim.data + i * n
            var best = -Float.infinity, at = -1
            for j in 0..<n where j != i && row[j] > best { best = row[j]; at = j }
            if at == (i < m ? i + m : i - m) { hits += 1 }
        }
        return Double(hits) / Double(n)
    }
}
