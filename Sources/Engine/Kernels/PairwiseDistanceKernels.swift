/// Squared Euclidean distances between the rows of two matrices, through one GEMM.
///
/// `d_ij = ‖x_i‖² + ‖y_j‖² - 2 x_i·y_j`; the cross term is `x yᵀ` by BLAS, so a 512×512×128 block costs one
/// sgemm instead of a triple loop. Rounding can push a true zero slightly below 0, so values are clamped at 0.
public enum PairwiseDistanceKernel {
    /// `d (n, m)` from `x (n, k)` and `y (m, k)`.
    public static func forward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>,
                               n: Int, m: Int, k: Int, blas: BLAS) {
        blas.gemm(transB: true, m: n, n: m, k: k, alpha: -2, a: x, lda: k, b: y, ldb: k, c: d, ldc: m)
        let yn = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(m, 1))
        defer { yn.deallocate() }
        rowSquaredNorms(y, rows: m, cols: k, yn)
        for i in 0..<n {
            let p = x + i * k
            var xi: Float = 0
            for t in 0..<k { xi += p[t] * p[t] }
            let q = d + i * m
            for j in 0..<m { q[j] = Swift.max(q[j] + xi + yn[j], 0) }
        }
    }

    /// `dx += 2 (rowsum(g) ⊙ x - g y)` and `dy += 2 (colsum(g) ⊙ y - gᵀ x)` for upstream `g (n, m)`.
    public static func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ g: UnsafePointer<Float>,
                                dx: UnsafeMutablePointer<Float>?, dy: UnsafeMutablePointer<Float>?,
                                n: Int, m: Int, k: Int, blas: BLAS) {
        if let dx {
            blas.gemm(m: n, n: k, k: m, alpha: -2, a: g, lda: m, b: y, ldb: k, beta: 1, c: dx, ldc: k)
            for i in 0..<n {
                let row = g + i * m
                var s: Float = 0
                for j in 0..<m { s += row[j] }
                let p = x + i * k, q = dx + i * k, c = 2 * s
                for t in 0..<k { q[t] += c * p[t] }
            }
        }
        if let dy {
            blas.gemm(transA: true, m: m, n: k, k: n, alpha: -2, a: g, lda: m, b: x, ldb: k, beta: 1, c: dy, ldc: k)
            let colSum = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(m, 1))
            defer { colSum.deallocate() }
            colSum.initialize(repeating: 0, count: m)
            for i in 0..<n { let row = g + i * m; for j in 0..<m { colSum[j] += row[j] } }
            for j in 0..<m {
                let p = y + j * k, q = dy + j * k, c = 2 * colSum[j]
                for t in 0..<k { q[t] += c * p[t] }
            }
        }
    }

    static func rowSquaredNorms(_ x: UnsafePointer<Float>, rows: Int, cols: Int, _ out: UnsafeMutablePointer<Float>) {
        for i in 0..<rows {
            let p = x + i * cols
            var s: Float = 0
            for t in 0..<cols { s += p[t] * p[t] }
            out[i] = s
        }
    }
}
