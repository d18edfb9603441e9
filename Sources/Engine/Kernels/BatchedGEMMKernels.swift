/// A batch of independent GEMMs over contiguous row-major matrices, one BLAS call each.
///
/// `a` is `(B, N, K)`, `b` is `(B, K, M)` (or `(B, M, K)` when `transposeB`), `y` is `(B, N, M)`.
public struct BatchedGEMMShape: Equatable, Sendable {
    public var batch, n, k, m: Int
    public var transposeB: Bool
    public init(batch: Int, n: Int, k: Int, m: Int, transposeB: Bool) {
        self.batch = batch; self.n = n; self.k = k; self.m = m; self.transposeB = transposeB
    }
}

public enum BatchedGEMMKernel {
    /// `y[i] = a[i] · op(b[i])`.
    public static func forward(_ s: BatchedGEMMShape, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                               y: UnsafeMutablePointer<Float>, blas: BLAS) {
        for i in 0..<s.batch {
            blas.gemm(transB: s.transposeB, m: s.n, n: s.m, k: s.k, a: a + i * s.n * s.k, lda: s.k,
                      b: b + i * s.k * s.m, ldb: s.transposeB ? s.k : s.m, c: y + i * s.n * s.m, ldc: s.m)
        }
    }

    /// `da[i] += dy[i] · op(b[i])ᵀ` and `db[i] += a[i]ᵀ · dy[i]` (or its transpose), each when given.
    public static func backward(_ s: BatchedGEMMShape, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                                dy: UnsafePointer<Float>, da: UnsafeMutablePointer<Float>?,
                                db: UnsafeMutablePointer<Float>?, blas: BLAS) {
        let n = s.n, k = s.k, m = s.m
        for i in 0..<s.batch {
            let ai = a + i * n * k, bi = b + i * k * m, gi = dy + i * n * m
            if let da {
                blas.gemm(transB: !s.transposeB, m: n, n: k, k: m, a: gi, lda: m, b: bi, ldb: s.transposeB ? k : m,
                          beta: 1, c: da + i * n * k, ldc: k)
            }
            if let db {
                if s.transposeB {  // db (M, K) += dyᵀ · a
                    blas.gemm(transA: true, m: m, n: k, k: n, a: gi, lda: m, b: ai, ldb: k, beta: 1, c: db + i * k * m, ldc: k)
                } else {  // db (K, M) += aᵀ · dy
                    blas.gemm(transA: true, m: k, n: m, k: n, a: ai, lda: k, b: gi, ldb: m, beta: 1, c: db + i * k * m, ldc: m)
                }
            }
        }
    }
}
