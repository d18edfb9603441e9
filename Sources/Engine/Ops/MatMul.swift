extension Tape {
    /// Matrix product of 2-D tensors: `a (N, K) · b (K, M)`, or `a · bᵀ` with `b (M, K)` when `transposeB`.
    public func matmul(_ a: Tensor, _ b: Tensor, transposeB: Bool = false) -> Tensor {
        let blas = context.blas
        precondition(a.shape.count == 2 && b.shape.count == 2)
        let n = a.shape[0], k = a.shape[1], m = transposeB ? b.shape[0] : b.shape[1]
        precondition((transposeB ? b.shape[1] : b.shape[0]) == k, "matmul: \(a.shape) · \(b.shape)\(transposeB ? "ᵀ" : "")")
        let y = Tensor(uninitialized: [n, m])
        context.measure(.matmul) {
            blas.gemm(transB: transposeB, m: n, n: m, k: k, a: a.data, lda: k, b: b.data, ldb: transposeB ? k : m,
                      c: y.data, ldc: m)
        }
        if needsGrad(a, b) {
            y.requiresGrad = true
            record(.matmul) { [a, b, y] in
                guard let gy = y.grad else { return }
                if a.requiresGrad {  // dA = dY · B  (B as (M, K) when transposed, else Bᵀ)
                    blas.gemm(transB: !transposeB, m: n, n: k, k: m, a: gy, lda: m, b: b.data, ldb: transposeB ? k : m,
                              beta: 1, c: a.gradBuffer(), ldc: k)
                }
                if b.requiresGrad {
                    if transposeB {  // dB (M, K) = dYᵀ · A
                        blas.gemm(transA: true, m: m, n: k, k: n, a: gy, lda: m, b: a.data, ldb: k, beta: 1,
                                  c: b.gradBuffer(), ldc: k)
                    } else {  // dB (K, M) = Aᵀ · dY
                        blas.gemm(transA: true, m: k, n: m, k: n, a: a.data, lda: k, b: gy, ldb: m, beta: 1,
                                  c: b.gradBuffer(), ldc: m)
                    }
                }
            }
        }
        return y
    }
}
