import Testing
import Engine

@Test("pairwiseSquaredDistance matches ‖x_i - y_j‖²", arguments: [(1, 1, 3), (4, 6, 5), (7, 3, 16)])
func pairwiseForward(n: Int, m: Int, d: Int) {
    let x = randomTensor([n, d], seed: 61), y = randomTensor([m, d], seed: 62)
    let out = Tape.inference().pairwiseSquaredDistance(x, y)
    #expect(out.shape == [n, m])
    for i in 0..<n {
        for j in 0..<m {
            var want: Float = 0
            for k in 0..<d { let diff = x.data[i * d + k] - y.data[j * d + k]; want += diff * diff }
            #expect(abs(out.data[i * m + j] - want) < 1e-4 * max(1, want))
        }
    }
}

@Test("pairwiseSquaredDistance gradients match finite differences", arguments: [(1, 1, 3), (4, 6, 5), (7, 3, 16)])
func pairwiseGradient(n: Int, m: Int, d: Int) {
    let x = randomTensor([n, d], seed: 63), y = randomTensor([m, d], seed: 64)
    #expect(GradientCheck.maxError(inputs: [x, y], epsilon: 1e-2) { tape, t in
        probe(tape, tape.pairwiseSquaredDistance(t[0], t[1]))
    } < 2e-3)
}

@Test("distances of a set to itself: zero diagonal, symmetric, both uses contribute gradient")
func pairwiseSelf() {
    let x = randomTensor([5, 4], seed: 65)
    let d = Tape.inference().pairwiseSquaredDistance(x, x)
    for i in 0..<5 {
        #expect(d.data[i * 5 + i] >= 0 && d.data[i * 5 + i] < 1e-5)
        for j in 0..<5 { #expect(abs(d.data[i * 5 + j] - d.data[j * 5 + i]) < 1e-5) }
    }
    #expect(GradientCheck.maxError(inputs: [x], epsilon: 1e-2) { tape, t in
        probe(tape, tape.pairwiseSquaredDistance(t[0], t[0]))
    } < 2e-3)
}
