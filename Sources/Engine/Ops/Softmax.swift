extension Tape {
    /// Softmax along the last axis: each of the `N` rows of `x (N, C)` (or `count / C` rows of any rank) sums to 1.
    public func softmax(_ x: Tensor) -> Tensor { softmaxOp(x, log: false) }

    /// `log softmax` along the last axis, computed as `x - logsumexp(x)` (stable for any logits).
    public func logSoftmax(_ x: Tensor) -> Tensor { softmaxOp(x, log: true) }

    private func softmaxOp(_ x: Tensor, log: Bool) -> Tensor {
        let workers = context.workers
        precondition(!x.shape.isEmpty && x.shape.last! > 0, "softmax: empty last axis in \(x.shape)")
        let cols = x.shape.last!, rows = x.count / cols
        let y = Tensor(uninitialized: x.shape)
        SoftmaxKernel.forward(x.data, y.data, rows: rows, cols: cols, log: log, workers: workers)
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                if log {
                    SoftmaxKernel.logBackward(y.data, gy, x.gradBuffer(), rows: rows, cols: cols, workers: workers)
                } else {
                    SoftmaxKernel.backward(y.data, gy, x.gradBuffer(), rows: rows, cols: cols, workers: workers)
                }
            }
        }
        return y
    }
}
