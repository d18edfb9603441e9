extension Tape {
    /// Rows scaled to unit L2 norm: `y_i = x_i / max(‖x_i‖, eps)` for `x (N, D)` (PyTorch's `F.normalize`).
    public func l2Normalize(_ x: Tensor, eps: Float = 1e-12) -> Tensor {
        precondition(x.shape.count == 2)
        let n = x.shape[0], d = x.shape[1]
        let y = Tensor(uninitialized: x.shape)
        let norms = Tensor(uninitialized: [n])
        for i in 0..<n {
            let p = x.data + i * d, q = y.data + i * d
            var s: Float = 0
            for j in 0..<d { s += p[j] * p[j] }
            let norm = max(s.squareRoot(), eps)
            norms.data[i] = norm
            for j in 0..<d { q[j] = p[j] / norm }
        }
        if needsGrad(x) {
            y.requiresGrad = true
            record(.lossKernels) { [x, y, norms] in
                guard let gy = y.grad else { return }
                let gx = x.gradBuffer()
                for i in 0..<n {
                    let yi = y.data + i * d, g = gy + i * d, dst = gx + i * d
                    let norm = norms.data[i]
                    if norm <= eps {  // clamped: y = x / eps is linear in x
                        for j in 0..<d { dst[j] += g[j] / eps }
                        continue
                    }
                    var dot: Float = 0
                    for j in 0..<d { dot += yi[j] * g[j] }
                    for j in 0..<d { dst[j] += (g[j] - yi[j] * dot) / norm }
                }
            }
        }
        return y
    }
}
