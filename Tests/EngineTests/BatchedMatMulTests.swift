import Testing
import Engine

@Test("batched matmul equals one matmul per batch", arguments: [false, true])
func batchedMatmulMatchesPerBatchProducts(transposeB: Bool) {
    let a = randomTensor([3, 4, 5], seed: 51), b = randomTensor(transposeB ? [3, 6, 5] : [3, 5, 6], seed: 52)
    let tape = Tape.inference()
    let y = tape.batchedMatmul(a, b, transposeB: transposeB)
    #expect(y.shape == [3, 4, 6])
    for i in 0..<3 {
        let ai = Tensor(Array(a.array[(i * 20)..<((i + 1) * 20)]), shape: [4, 5])
        let bi = Tensor(Array(b.array[(i * 30)..<((i + 1) * 30)]), shape: transposeB ? [6, 5] : [5, 6])
        let yi = tape.matmul(ai, bi, transposeB: transposeB).array
        #expect(zip(yi, y.array[(i * 24)..<((i + 1) * 24)]).allSatisfy { abs($0 - $1) < 1e-5 })
    }
}

@Test("batched matmul gradients match finite differences", arguments: [false, true])
func batchedMatmulGradient(transposeB: Bool) {
    let a = randomTensor([2, 3, 4], seed: 53), b = randomTensor(transposeB ? [2, 5, 4] : [2, 4, 5], seed: 54)
    #expect(GradientCheck.maxError(inputs: [a, b]) { tape, t in
        probe(tape, tape.batchedMatmul(t[0], t[1], transposeB: transposeB))
    } < 1e-3)
    // One tensor on both sides (per-sample Gram matrices) accumulates both contributions.
    let z = randomTensor([2, 4, 3], seed: 55)
    #expect(GradientCheck.maxError(inputs: [z]) { tape, t in probe(tape, tape.batchedMatmul(t[0], t[0], transposeB: true)) } < 1e-3)
}
