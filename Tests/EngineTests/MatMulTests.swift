import Testing
import Engine

@Test func matmulMatchesHandComputation() {
    let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]), b = Tensor([1, 0, 0, 1, 1, 1], shape: [3, 2])
    #expect(Tape.inference().matmul(a, b).array == [4, 5, 10, 11])
    #expect(Tape.inference().matmul(a, a, transposeB: true).array == [14, 32, 32, 77])
}

@Test("matmul gradients match finite differences", arguments: [false, true])
func matmulGradient(transposeB: Bool) {
    let a = randomTensor([3, 4], seed: 41), b = randomTensor(transposeB ? [5, 4] : [4, 5], seed: 42)
    #expect(GradientCheck.maxError(inputs: [a, b]) { tape, t in probe(tape, tape.matmul(t[0], t[1], transposeB: transposeB)) } < 1e-3)
    // The same tensor on both sides (z zᵀ) accumulates both contributions.
    let z = randomTensor([4, 3], seed: 43)
    #expect(GradientCheck.maxError(inputs: [z]) { tape, t in probe(tape, tape.matmul(t[0], t[0], transposeB: true)) } < 1e-3)
}
