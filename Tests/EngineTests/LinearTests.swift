import Testing
import Engine

@Test func linearMatchesHandComputation() {
    let x = Tensor([1, 2, 3, 4], shape: [2, 2]), w = Tensor([1, 0, 0, 1, 1, 1], shape: [3, 2])
    let b = Tensor([0.5, -1, 0], shape: [3])
    #expect(Tape.inference().linear(x, weight: w, bias: b).array == [1.5, 1, 3, 3.5, 3, 7])
}

@Test("linear gradients match finite differences", arguments: [(1, 3, 2), (4, 5, 3), (7, 2, 6)])
func linearGradient(n: Int, k: Int, m: Int) {
    let x = randomTensor([n, k], seed: 31), w = randomTensor([m, k], seed: 32), b = randomTensor([m], seed: 33)
    #expect(GradientCheck.maxError(inputs: [x, w, b]) { tape, t in probe(tape, tape.linear(t[0], weight: t[1], bias: t[2])) } < 1e-3)
    #expect(GradientCheck.maxError(inputs: [x, w]) { tape, t in probe(tape, tape.linear(t[0], weight: t[1])) } < 1e-3)
}
