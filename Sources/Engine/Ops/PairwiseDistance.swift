extension Tape {
    /// Squared Euclidean distances `d_ij = ‖x_i - y_j‖²` between the rows of `x (N, D)` and `y (M, D)` → `(N, M)`.
    /// Passing the same tensor twice gives the in-batch distance matrix; both uses then contribute gradient.
    public func pairwiseSquaredDistance(_ x: Tensor, _ y: Tensor) -> Tensor {
        let blas = context.blas
        precondition(x.shape.count == 2 && y.shape.count == 2 && x.shape[1] == y.shape[1],
                     "pairwiseSquaredDistance: expects (N, D) and (M, D), got \(x.shape) and \(y.shape)")
        let n = x.shape[0], m = y.shape[0], k = x.shape[1]
        let d = Tensor(uninitialized: [n, m])
        PairwiseDistanceKernel.forward(x.data, y.data, d.data, n: n, m: m, k: k, blas: blas)
        if needsGrad(x, y) {
            d.requiresGrad = true
            record { [x, y, d] in
                guard let gd = d.grad else { return }
                PairwiseDistanceKernel.backward(x.data, y.data, gd, dx: x.requiresGrad ? x.gradBuffer() : nil,
                                                dy: y.requiresGrad ? y.gradBuffer() : nil, n: n, m: m, k: k, blas: blas)
            }
        }
        return d
    }
}
