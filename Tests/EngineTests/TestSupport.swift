import Engine

/// Deterministic test tensors.
func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
    var rng = RNG(seed: seed)
    return Tensor((0..<shape.reduce(1, *)).map { _ in rng.normal() * scale }, shape: shape)
}

/// `sum(y * r)` for a fixed random `r`: turns any op output into a scalar with a generic gradient.
func probe(_ tape: Tape, _ y: Tensor, seed: UInt64 = 99) -> Tensor {
    let r = randomTensor(y.shape, seed: seed)
    let out = Tensor(zeros: [1])
    // Double accumulation keeps the finite differences free of float32 summation noise.
    var s: Double = 0
    for i in 0..<y.count { s += Double(y.data[i]) * Double(r.data[i]) }
    out.data[0] = Float(s)
    if tape.needsGrad(y) {
        out.requiresGrad = true
        tape.record { [y, out, r] in
            guard let g = out.grad?[0] else { return }
            let gy = y.gradBuffer()
            for i in 0..<y.count { gy[i] += g * r.data[i] }
        }
    }
    return out
}
