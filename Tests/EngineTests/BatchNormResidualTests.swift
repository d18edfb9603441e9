import Engine
import Testing

/// The residual tail `ReLU(BN(x) + r)` as one op against the same three ops unfused, in training and
/// evaluation mode, with and without the ReLU.
@Test("batch norm fused with a residual equals add (and ReLU) after batch norm",
      arguments: [(true, true), (true, false), (false, true), (false, false)])
func batchNormResidualMatchesUnfused(training: Bool, relu: Bool) {
    let shape = [3, 4, 5, 5], c = 3
    let x = randomTensor(shape, seed: 31, scale: 2), r = randomTensor(shape, seed: 32, scale: 2)
    let gamma = randomTensor([c], seed: 33), beta = randomTensor([c], seed: 34)
    let rm = randomTensor([c], seed: 35), rv = Tensor([0.5, 1.5, 2], shape: [c])
    func run(fused: Bool) -> [[Float]] {
        let xi = x.copy(), ri = r.copy(), g = gamma.copy(), b = beta.copy(), m = rm.copy(), v = rv.copy()
        for t in [xi, ri, g, b] { t.requiresGrad = true }
        let tape = Tape(training: training)
        let y: Tensor
        if fused {
            y = tape.batchNorm(xi, gamma: g, beta: b, runningMean: m, runningVar: v, axis: 0, relu: relu, residual: ri)
        } else {
            let sum = tape.add(tape.batchNorm(xi, gamma: g, beta: b, runningMean: m, runningVar: v, axis: 0), ri)
            y = relu ? tape.relu(sum) : sum
        }
        // The residual also feeds the loss directly, so its gradient arrives from two ops (the fused op adds).
        tape.backward(from: probe(tape, tape.add(y, ri)))
        return [y.array, xi.gradArray, ri.gradArray, g.gradArray, b.gradArray, m.array, v.array]
    }
    let fused = run(fused: true), plain = run(fused: false)
    for (f, p) in zip(fused, plain) {
        #expect(f.count == p.count)
        for (a, b) in zip(f, p) { #expect(abs(a - b) < 1e-4 * max(1, abs(b))) }
    }
    #expect(fused[2].contains { $0 != 0 }, "the residual received no gradient")
    if relu { #expect(fused[0].contains(0) && fused[0].contains { $0 > 0 }) }
}

@Test("batch norm fused with a residual and ReLU: gradients match finite differences")
func batchNormResidualGradient() {
    // Residuals on a grid 0.3 apart, offset by 0.05 from the normalised values' grid, keep every sum
    // farther from the ReLU kink than the differences reach.
    let shape = [2, 3, 2, 2], n = 24
    let x = Tensor((0..<n).map { Float(($0 * 7) % n) * 0.1 }, shape: shape)
    let r = Tensor((0..<n).map { Float(($0 * 5) % 8) * 0.3 - 1.05 }, shape: shape)
    let gamma = Tensor([1, 0.5], shape: [2]), beta = Tensor([0.05, -0.05], shape: [2])
    let err = GradientCheck.maxError(inputs: [x, r, gamma, beta], epsilon: 1e-3) { tape, t in
        probe(tape, tape.batchNorm(t[0], gamma: t[2], beta: t[3], runningMean: nil, runningVar: nil, axis: 0,
                                   relu: true, residual: t[1]))
    }
    #expect(err < 5e-3)
}
