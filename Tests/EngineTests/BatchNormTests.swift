import Testing
import Engine

@Test("batch norm gradients match finite differences", arguments: [([3, 4, 2, 2], 0), ([6, 5], 1), ([2, 3, 3, 1], 0)])
func batchNormGradient(shape: [Int], axis: Int) {
    let c = shape[axis]
    let x = randomTensor(shape, seed: 11), gamma = randomTensor([c], seed: 12), beta = randomTensor([c], seed: 13)
    let err = GradientCheck.maxError(inputs: [x, gamma, beta], epsilon: 1e-2) { tape, t in
        probe(tape, tape.batchNorm(t[0], gamma: t[1], beta: t[2], runningMean: nil, runningVar: nil, axis: axis))
    }
    #expect(err < 5e-3)
}

@Test func batchNormTrainingNormalisesAndTracksRunningStatistics() {
    let x = randomTensor([2, 8, 3, 3], seed: 14, scale: 3)
    let gamma = Tensor([1, 1], shape: [2]), beta = Tensor([0, 0], shape: [2])
    let rm = Tensor(zeros: [2]), rv = Tensor([1, 1], shape: [2])
    let y = Tape().batchNorm(x, gamma: gamma, beta: beta, runningMean: rm, runningVar: rv, axis: 0)
    let per = 8 * 9
    for c in 0..<2 {
        let v = (0..<per).map { Double(y.data[c * per + $0]) }
        let mean = v.reduce(0, +) / Double(per)
        let variance = v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(per)
        #expect(abs(mean) < 1e-5)
        #expect(abs(variance - 1) < 1e-3)
        let xs = (0..<per).map { Double(x.data[c * per + $0]) }
        let xm = xs.reduce(0, +) / Double(per)
        let unbiased = xs.map { ($0 - xm) * ($0 - xm) }.reduce(0, +) / Double(per - 1)
        #expect(abs(Double(rm.data[c]) - 0.1 * xm) < 1e-4)
        #expect(abs(Double(rv.data[c]) - (0.9 + 0.1 * unbiased)) < 1e-3)
    }
}

@Test func batchNormEvaluationUsesRunningStatistics() {
    let x = Tensor([1, 2, 3, 4], shape: [2, 2])
    let y = Tape.inference().batchNorm(x, gamma: Tensor([2, 1], shape: [2]), beta: Tensor([0, 1], shape: [2]),
                                       runningMean: Tensor([1, 2], shape: [2]), runningVar: Tensor([4, 1], shape: [2]),
                                       axis: 1, eps: 0)
    #expect(y.array == [0, 1, 2, 3])
    #expect(GradientCheck.maxError(inputs: [x], training: false) { tape, t in
        probe(tape, tape.batchNorm(t[0], gamma: Tensor([2, 1], shape: [2]), beta: Tensor([0, 1], shape: [2]),
                                   runningMean: Tensor([1, 2], shape: [2]), runningVar: Tensor([4, 1], shape: [2]), axis: 1))
    } < 1e-3)
}

/// Shapes covering the feature path (`inner == 1`), short channels, and long ones that run the vector
/// loops over several 4096-element blocks.
let fusedShapes: [([Int], Int)] = [([3, 4, 2, 2], 0), ([6, 5], 1), ([2, 9, 23, 21], 0), ([40, 7], 1)]

@Test("batch norm fused with ReLU equals ReLU after batch norm", arguments: fusedShapes)
func batchNormReLUMatchesUnfused(shape: [Int], axis: Int) {
    let c = shape[axis]
    let x = randomTensor(shape, seed: 15, scale: 2), gamma = randomTensor([c], seed: 16), beta = randomTensor([c], seed: 17)
    func run(fused: Bool) -> (y: [Float], dx: [Float], dg: [Float], db: [Float]) {
        let xi = x.copy(), g = gamma.copy(), b = beta.copy()
        for t in [xi, g, b] { t.requiresGrad = true }
        let tape = Tape()
        let bn = tape.batchNorm(xi, gamma: g, beta: b, runningMean: nil, runningVar: nil, axis: axis, relu: fused)
        let y = fused ? bn : tape.relu(bn)
        tape.backward(from: probe(tape, y))
        return (y.array, xi.gradArray, g.gradArray, b.gradArray)
    }
    let fused = run(fused: true), plain = run(fused: false)
    for (a, b) in zip(fused.y, plain.y) { #expect(abs(a - b) < 1e-5) }
    for (a, b) in zip(fused.dx + fused.dg + fused.db, plain.dx + plain.dg + plain.db) { #expect(abs(a - b) < 1e-4 * max(1, abs(b))) }
    #expect(fused.y.contains(0) && fused.y.contains { $0 > 0 })
}

@Test("batch norm fused with ReLU: gradients match finite differences", arguments: fusedShapes.prefix(2))
func batchNormReLUGradient(shape: [Int], axis: Int) {
    // Each channel holds 0.1 · a permutation of 0..<M: normalised values sit on a grid symmetric about 0,
    // and beta = 0.05 shifts them off it, so no output lies within the differences' reach of the ReLU kink.
    let c = shape[axis], outer = shape[..<axis].reduce(1, *), inner = shape[(axis + 1)...].reduce(1, *)
    let x = Tensor(zeros: shape)
    var rng = RNG(seed: 18)
    for ch in 0..<c {
        for (pos, v) in rng.permutation(outer * inner).enumerated() {
            x.data[((pos / inner) * c + ch) * inner + pos % inner] = 0.1 * Float(v)
        }
    }
    let gamma = Tensor([Float](repeating: 1, count: c), shape: [c]), beta = Tensor([Float](repeating: 0.05, count: c), shape: [c])
    let err = GradientCheck.maxError(inputs: [x, gamma, beta], epsilon: 1e-2) { tape, t in
        probe(tape, tape.batchNorm(t[0], gamma: t[1], beta: t[2], runningMean: nil, runningVar: nil, axis: axis, relu: true))
    }
    #expect(err < 5e-3)
}

@Test("batch norm statistics over long channels match a Double reference")
func batchNormLongChannelStatistics() {
    let x = randomTensor([2, 3, 70, 70], seed: 21, scale: 3)  // 14,700 values per channel
    for i in 0..<x.count { x.data[i] += 40 }  // far from 0: the one-pass moments must not cancel
    let rm = Tensor(zeros: [2]), rv = Tensor([1, 1], shape: [2])
    _ = Tape().batchNorm(x, gamma: Tensor([1, 1], shape: [2]), beta: Tensor([0, 0], shape: [2]),
                         runningMean: rm, runningVar: rv, axis: 0, momentum: 1)
    let per = 3 * 70 * 70
    for c in 0..<2 {
        let v = (0..<per).map { Double(x.data[c * per + $0]) }
        let mean = v.reduce(0, +) / Double(per)
        let unbiased = v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(per - 1)
        #expect(abs(Double(rm.data[c]) - mean) < 1e-5)
        #expect(abs(Double(rv.data[c]) - unbiased) < 1e-4 * unbiased)
    }
}
