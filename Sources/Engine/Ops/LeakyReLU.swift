extension Tape {
    /// `x` where `x > 0`, `slope · x` elsewhere, any shape (PyTorch's `LeakyReLU`, default slope 0.01).
    public func leakyReLU(_ x: Tensor, slope: Float = 0.01) -> Tensor {
        let y = Tensor(uninitialized: x.shape)
        let n = x.count, xs = x.data, ys = y.data
        for i in 0..<n { ys[i] = xs[i] > 0 ? xs[i] : slope * xs[i] }
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y] in
                guard let gy = y.grad else { return }
                let dx = x.gradBuffer(), xs = x.data
                for i in 0..<n { dx[i] += xs[i] > 0 ? gy[i] : slope * gy[i] }
            }
        }
        return y
    }
}
