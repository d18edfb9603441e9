extension Tape {
    /// The matrix exponential of every matrix of `a (B, n, n)` → `(B, n, n)`.
    ///
    /// ManifoldCLR's transport operators `T(c) = expm(Σ_m c_m Ψ_m)`. Forward by scaling and squaring, backward
    /// exact: reverse mode through the scaling, Taylor and squaring steps (see `MatrixExpKernel`).
    public func matrixExp(_ a: Tensor) -> Tensor {
        let workers = context.workers
        precondition(a.shape.count == 3 && a.shape[1] == a.shape[2], "matrixExp: expects (B, n, n), got \(a.shape)")
        let batch = a.shape[0], n = a.shape[1]
        let y = Tensor(uninitialized: a.shape)
        context.measure(.matmul) { MatrixExpKernel.forward(a.data, y.data, batch: batch, n: n, workers: workers) }
        if needsGrad(a) {
            y.requiresGrad = true
            record(.matmul) { [a, y] in
                guard let gy = y.grad else { return }
                MatrixExpKernel.backward(a.data, gy, a.gradBuffer(), batch: batch, n: n, workers: workers)
            }
        }
        return y
    }
}
