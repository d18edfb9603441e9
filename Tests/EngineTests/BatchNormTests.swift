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
