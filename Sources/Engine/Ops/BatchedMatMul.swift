extension Tape {
    /// Batched matrix product `a (B, N, K) · b (B, K, M) → (B, N, M)`, or `a · bᵀ` per batch with
    /// `b (B, M, K)` when `transposeB` (attention-style `Q Kᵀ`, per-sample Lie-operator products).
    public func batchedMatmul(_ a: Tensor, _ b: Tensor, transposeB: Bool = false) -> Tensor {
        let blas = context.blas
        precondition(a.shape.count == 3 && b.shape.count == 3 && a.shape[0] == b.shape[0],
                     "batchedMatmul: expects (B, N, K) and (B, K, M), got \(a.shape) and \(b.shape)")
        let s = BatchedGEMMShape(batch: a.shape[0], n: a.shape[1], k: a.shape[2],
                                 m: transposeB ? b.shape[1] : b.shape[2], transposeB: transposeB)
        precondition((transposeB ? b.shape[2] : b.shape[1]) == s.k,
                     "batchedMatmul: \(a.shape) · \(b.shape)\(transposeB ? "ᵀ" : "")")
        let y = Tensor(uninitialized: [s.batch, s.n, s.m])
        context.measure(.matmul) { BatchedGEMMKernel.forward(s, a: a.data, b: b.data, y: y.data, blas: blas) }
        if needsGrad(a, b) {
            y.requiresGrad = true
            record(.matmul) { [a, b, y] in
                guard let gy = y.grad else { return }
                BatchedGEMMKernel.backward(s, a: a.data, b: b.data, dy: gy,
                                           da: a.requiresGrad ? a.gradBuffer() : nil,
                                           db: b.requiresGrad ? b.gradBuffer() : nil, blas: blas)
            }
        }
        return y
    }
}
