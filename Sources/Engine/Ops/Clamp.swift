extension Tape {
    /// `min(max(x, lo), hi)` elementwise, any shape; the gradient passes where `lo ≤ x ≤ hi` (as `torch.clamp`).
    /// Pass `-.infinity` or `.infinity` for a one-sided clamp.
    public func clamp(_ x: Tensor, min lo: Float = -.infinity, max hi: Float = .infinity) -> Tensor {
        precondition(lo <= hi, "clamp: min \(lo) above max \(hi)")
        let y = Tensor(uninitialized: x.shape)
        let n = x.count, xs = x.data, ys = y.data
        for i in 0..<n { ys[i] = Swift.min(Swift.max(xs[i], lo), hi) }
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                let dx = x.gradBuffer(), xs = x.data
                for i in 0..<n where xs[i] >= lo && xs[i] <= hi { dx[i] += gy[i] }
            }
        }
        return y
    }
}
