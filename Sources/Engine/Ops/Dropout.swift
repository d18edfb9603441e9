extension Tape {
    /// Dropout with drop probability `p` in `[0, 1)`, any shape. Training tapes draw the mask from `rng`
    /// (a seeded stream, so a step is reproducible); evaluation tapes and `p == 0` return `x` itself.
    public func dropout(_ x: Tensor, probability p: Float, rng: inout RNG) -> Tensor {
        precondition(p >= 0 && p < 1, "dropout: probability \(p) outside [0, 1)")
        guard training, p > 0 else { return x }
        let y = Tensor(uninitialized: x.shape)
        let mask = Tensor(uninitialized: x.shape)
        DropoutKernel.forward(x.data, y.data, mask: mask.data, count: x.count, p: p, rng: &rng)
        if needsGrad(x) {
            y.requiresGrad = true
            record { [x, y, mask] in
                guard let gy = y.grad else { return }
                DropoutKernel.backward(gy, mask: mask.data, x.gradBuffer(), count: x.count)
            }
        }
        return y
    }
}
